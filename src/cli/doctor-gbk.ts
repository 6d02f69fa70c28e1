// A GBK encoder for the signature doctor, to reproduce the classic "hashed as GBK" mistake.
// Node can decode GBK (WHATWG gb18030 decoder behind the 'gbk' label) but not encode it, so we build the
// reverse table by decoding every two-byte GBK sequence once (lead 0x81-0xFE, trail 0x40-0xFE except 0x7F)
// and keep only the characters the text needs. Characters GBK cannot represent become '?', as Java's
// String.getBytes("GBK") does; that is the kind of signer we are imitating.

let table: Map<string, number> | null = null;

function buildTable(): Map<string, number> {
  const decoder = new TextDecoder('gbk');
  const map = new Map<string, number>();
  map.set('\u20AC', 0x80); // the single-byte euro sign of code page 936
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const ch = decoder.decode(pair);
      // Unmapped pairs decode to U+FFFD (possibly followed by the trail byte); keep the first mapping.
      if (ch.length === 1 && ch !== '\uFFFD' && !map.has(ch)) map.set(ch, (lead << 8) | trail);
    }
  }
  return map;
}

/** Encodes text as GBK bytes; unrepresentable characters become '?'. */
export function encodeGbk(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0x3f;
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    table ??= buildTable();
    const code = table.get(ch);
    if (code === undefined) out.push(0x3f);
    else if (code < 0x100) out.push(code);
    else out.push(code >> 8, code & 0xff);
  }
  return Uint8Array.from(out);
}

export function hasNonAscii(text: string): boolean {
  return /[^\u0000-\u007f]/.test(text);
}
