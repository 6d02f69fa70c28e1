// Enough of npm's range syntax for package.json "engines": `>=20.19`, `^22.12.0`, `>=20 <23`, `a || b`,
// exact `20.19.0`. A range it cannot read is reported as such (never silently "ok").

type Triple = readonly [number, number, number];

function parse(v: string): Triple | null {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:[-+].*)?$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : null;
}

function cmp(a: Triple, b: Triple): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

function one(version: Triple, comparator: string): boolean | null {
  const m = /^(>=|<=|>|<|=|\^|~)?\s*(.+)$/.exec(comparator);
  const want = m ? parse(m[2] as string) : null;
  if (!m || want === null) return null;
  const c = cmp(version, want);
  switch (m[1]) {
    case '>=':
      return c >= 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '<':
      return c < 0;
    case '^':
      return c >= 0 && version[0] === want[0];
    case '~':
      return c >= 0 && version[0] === want[0] && version[1] === want[1];
    default:
      return c === 0;
  }
}

/** true / false, or null when the range is not one this reader understands. */
export function satisfies(version: string, range: string): boolean | null {
  const v = parse(version);
  if (v === null) return null;
  const alternatives = range.split('||').map((alt) => alt.trim().replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1').split(/\s+/).filter(Boolean));
  let any = false;
  for (const parts of alternatives) {
    if (parts.length === 0 || parts.includes('*') || parts.includes('x')) return true;
    const results = parts.map((p) => one(v, p));
    if (results.includes(null)) return null;
    if (results.every(Boolean)) any = true;
  }
  return any;
}
