// The references XML 1.0 itself defines, and nothing else: the five predefined entities (&amp; &lt;
// &gt; &quot; &apos;) and numeric character references (&#38; &#x26;) to XML characters. A text run
// that carries them is legal XML from any conforming sender, so the gate decodes it instead of failing
// the whole message (a signed `Tea &amp; Cake` used to be 'XML格式错误'). Named entities beyond the five
// need a DOCTYPE, which the scanner rejects, so any other name is refused here too.
// Bounded: at most MAX_XML_REFS references per document (count = CPU), digits capped, and a decoded
// reference is never longer than its source text, so the value can never outgrow the byte cap.
import { XmlError } from './xml-error';

/** References per document; real responses escape a handful at most. fast-xml-parser gets the same cap. */
export const MAX_XML_REFS = 1000;
/** Longest reference body between '&' and ';' we read: `#x10FFFF` with a few leading zeros. */
const MAX_REF_BODY = 10;

const PREDEFINED: ReadonlyMap<string, string> = new Map([['amp', '&'], ['lt', '<'], ['gt', '>'], ['quot', '"'], ['apos', "'"]]);
const DEC_RE = /^#[0-9]+$/;
const HEX_RE = /^#x[0-9a-fA-F]+$/; // 'x' only: XML 1.0 production [66] has no '&#X'

/** XML 1.0 production [2] Char. */
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Counts references across one document (the cap is per document, not per field). */
export interface RefBudget {
  used: number;
}

function refused(at: number, why: string): XmlError {
  return new XmlError('ENTITY_REF', `reference at offset ${at} ${why}`);
}

/**
 * Decodes the references in one text run (already line-end normalized; `at` is its offset in the
 * document, for messages). Throws XmlError ENTITY_REF for anything but the references above and
 * TOO_MANY_REFS past the per-document cap.
 */
export function decodeRefs(run: string, at: number, budget: RefBudget): string {
  let amp = run.indexOf('&');
  if (amp === -1) return run;
  let out = '';
  let from = 0;
  while (amp !== -1) {
    const semi = run.indexOf(';', amp + 1);
    if (semi === -1 || semi - amp - 1 > MAX_REF_BODY) throw refused(at + amp, "is not a reference XML defines ('&' must be written &amp;)");
    const body = run.slice(amp + 1, semi);
    let ch = PREDEFINED.get(body);
    if (ch === undefined) {
      const hex = HEX_RE.test(body);
      if (!hex && !DEC_RE.test(body)) throw refused(at + amp, 'names an entity XML does not predefine (DOCTYPE entities are refused)');
      const cp = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
      if (!isXmlChar(cp)) throw refused(at + amp, 'points at a character XML does not allow');
      ch = String.fromCodePoint(cp);
    }
    if (++budget.used > MAX_XML_REFS) throw new XmlError('TOO_MANY_REFS', `more than ${MAX_XML_REFS} references`);
    out += run.slice(from, amp) + ch;
    from = semi + 1;
    amp = run.indexOf('&', from);
  }
  return out + run.slice(from);
}
