// Column arithmetic for a receipt printer's fixed-pitch font: a CJK (full-width) character takes two
// columns, anything else one. Layout pads and wraps by these widths so zh-CN and English line up.

/** East Asian Wide / Fullwidth ranges that matter on a Chinese receipt. */
export function charColumns(cp: number): 1 | 2 {
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

export function textColumns(text: string): number {
  let n = 0;
  for (const ch of text) n += charColumns(ch.codePointAt(0)!);
  return n;
}

/** Cuts text to at most `columns`, never splitting a wide character. */
export function clipColumns(text: string, columns: number): string {
  let out = '';
  let n = 0;
  for (const ch of text) {
    const w = charColumns(ch.codePointAt(0)!);
    if (n + w > columns) break;
    out += ch;
    n += w;
  }
  return out;
}

/** Splits text into lines of at most `columns` (hard wrap; receipt words are short). */
export function wrapColumns(text: string, columns: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (textColumns(rest) > columns) {
    const head = clipColumns(rest, columns);
    lines.push(head);
    rest = rest.slice(head.length);
  }
  lines.push(rest);
  return lines;
}

/** `left` and `right` on one line of `columns`; when they do not fit, left wraps above right. */
export function pairLines(left: string, right: string, columns: number): string[] {
  const gap = columns - textColumns(left) - textColumns(right);
  if (gap >= 1) return [left + ' '.repeat(gap) + right];
  const lefts = wrapColumns(left, columns);
  const pad = Math.max(0, columns - textColumns(right));
  return [...lefts, ' '.repeat(pad) + clipColumns(right, columns)];
}

export function padCenter(text: string, columns: number): string {
  const w = textColumns(text);
  if (w >= columns) return text;
  return ' '.repeat(Math.floor((columns - w) / 2)) + text;
}
