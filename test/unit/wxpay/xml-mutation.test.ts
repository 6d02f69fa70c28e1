// Generated mutations of valid WeChat responses: each must be rejected with an XmlError or parse into
// a flat map of safe names to strings; never another exception, never a touched Object.prototype.
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { XmlError, buildXml, decodeXmlBytes, gateXml, parseXml, readGated } from '../../../src/core/wxpay/xml';
import type { Gated, Params } from '../../../src/core/wxpay/xml';
import { suitePlan } from '../../support/sizes';

const { seed, size: N } = suitePlan(import.meta.url, {
  seedVar: 'XML_MUTATION_SEED',
  unit: { roundTrips: 60, strings: 600, bytes: 200 },
  soak: { roundTrips: 300, strings: 3000, bytes: 1000 },
});

const protoKeysBefore = Object.getOwnPropertyNames(Object.prototype).sort();
const SAFE_NAME = /^[a-z0-9_]{1,64}$/;

const cjk = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
const textArb = fc.string({ unit: fc.oneof(cjk, fc.constantFrom('a', 'Z', '9', ' ', '&', '<', '>', ']]>', '"', '\n')), maxLength: 12 });
const responseArb = fc.record({
  return_code: fc.constantFrom('SUCCESS', 'FAIL'),
  return_msg: fc.constantFrom('OK', '签名错误', ''),
  appid: fc.constant('wx2421b1c4370ec43b'),
  mch_id: fc.constant('1900000109'),
  nonce_str: fc.stringMatching(/^[0-9A-Za-z]{16,32}$/),
  sign: fc.stringMatching(/^[0-9A-F]{32}$/),
  result_code: fc.constantFrom('SUCCESS', 'FAIL'),
  trade_state: fc.constantFrom('SUCCESS', 'NOTPAY', 'USERPAYING', 'CLOSED'),
  transaction_id: fc.stringMatching(/^42[0-9]{26}$/),
  total_fee: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  attach: textArb,
});

// Fragments an attacker (or a broken proxy) might splice in.
const token = fc.constantFrom(
  '<!DOCTYPE xml [<!ENTITY e SYSTEM "file:///etc/passwd">]>', '<!ENTITY x "y">', '&e;', '&#65;', '&lt;', '&',
  '&amp;', '&#38;', '&#x26;', '&#13;', '&#x1F600;', '&#xD800;', '&#0;', '&quot;', '&apos;', '&gt;', '&nbsp;', '&#X41;',
  '<', '>', '/', '</', '/>', '<a>', '</a>', '<xml>', '</xml>', '<![CDATA[', ']]>', '<!--', '-->', '<?', '?>',
  '<__proto__>', '</__proto__>', '<constructor>x</constructor>', '<prototype>', '__proto__', ' a="1"', '"', "'",
  '\u0000', '\uFEFF', '\uFFFD', '\uD800', '\r\n', '\t', ' ', '<return_code>FAIL</return_code>', '<b><c>1</c></b>',
  '<A>', '<a:b>', '<?xml version="1.0"?>', '0'.repeat(64), '<' + 'n'.repeat(70) + '>',
);
type Mutation =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'duplicate'; at: number; len: number }
  | { kind: 'replace'; at: number; ch: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'upper'; at: number; len: number };
const at = fc.nat({ max: 10_000 });
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at, text: fc.oneof(token, fc.string({ maxLength: 4 })) }),
  fc.record({ kind: fc.constant('delete' as const), at, len: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at, len: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant('replace' as const), at, ch: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at }),
  fc.record({ kind: fc.constant('upper' as const), at, len: fc.integer({ min: 1, max: 10 }) }),
);

function apply(text: string, m: Mutation): string {
  const i = text.length === 0 ? 0 : m.at % (text.length + 1);
  switch (m.kind) {
    case 'insert':
      return text.slice(0, i) + m.text + text.slice(i);
    case 'delete':
      return text.slice(0, i) + text.slice(i + m.len);
    case 'duplicate':
      return text.slice(0, i + m.len) + text.slice(i, i + m.len) + text.slice(i + m.len);
    case 'replace':
      return text.slice(0, i) + m.ch + text.slice(i + 1);
    case 'truncate':
      return text.slice(0, i);
    case 'upper':
      return text.slice(0, i) + text.slice(i, i + m.len).toUpperCase() + text.slice(i + m.len);
    default: {
      const never: never = m;
      return never;
    }
  }
}

type Outcome = { code: string } | { value: Params };
function outcomeOf(parse: () => Params): Outcome {
  try {
    return { value: parse() };
  } catch (e) {
    if (e instanceof XmlError) return { code: e.code };
    throw new Error(`non-XmlError: ${String(e)}`);
  }
}

/**
 * Runs the gate once; what it admits is read by both engines (the scanner's own reading, and
 * fast-xml-parser with the reliability.md recipe) and the outcomes must be identical. Returns
 * 'rejected' or 'parsed'; throws on anything unsafe.
 */
function checkSafe(gate: () => Gated): 'rejected' | 'parsed' {
  let gated: Gated;
  try {
    gated = gate();
  } catch (e) {
    if (e instanceof XmlError) return 'rejected';
    throw new Error(`non-XmlError: ${String(e)}`);
  }
  const strict = outcomeOf(() => readGated(gated, 'strict'));
  expect(outcomeOf(() => readGated(gated, 'fast-xml-parser'))).toEqual(strict);
  if ('code' in strict) return 'rejected';
  const out = strict.value;
  if (typeof out !== 'object' || out === null || Array.isArray(out)) throw new Error('not an object');
  for (const [k, v] of Object.entries(out)) {
    if (!SAFE_NAME.test(k) || k === '__proto__' || k === 'constructor' || k === 'prototype') throw new Error(`bad key ${k}`);
    if (typeof v !== 'string') throw new Error(`non-string value for ${k}`);
  }
  return 'parsed';
}

describe('XML mutations of valid responses', () => {
  it('round-trips the unmutated responses exactly', () => {
    fc.assert(
      fc.property(responseArb, (r) => {
        const expected = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v)]));
        expect(parseXml(buildXml(r))).toEqual(expected);
        expect(parseXml(buildXml(r), { engine: 'fast-xml-parser' })).toEqual(expected);
      }),
      { seed, numRuns: N.roundTrips },
    );
  });

  it(`${N.strings} string mutations: XmlError or a safe flat map, nothing else`, () => {
    const tally = { rejected: 0, parsed: 0 };
    fc.assert(
      fc.property(responseArb, fc.array(mutationArb, { minLength: 1, maxLength: 5 }), (r, ms) => {
        const text = ms.reduce(apply, buildXml(r));
        const verdict = checkSafe(() => gateXml(text));
        tally[verdict]++;
        // Whatever we accept must also be well-formed XML to an independent validator.
        if (verdict === 'parsed') expect(XMLValidator.validate(text.replace(/^\uFEFF/, '').trim())).toBe(true);
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeysBefore);
      }),
      { seed, numRuns: N.strings },
    );
    console.log('xml-mutation string tally', tally);
    expect(tally.rejected + tally.parsed).toBe(N.strings);
    expect(tally.rejected).toBeGreaterThan(0);
    expect(tally.parsed).toBeGreaterThan(0);
  });

  it(`${N.bytes} byte-level mutations through parseXmlBytes`, () => {
    const tally = { rejected: 0, parsed: 0 };
    fc.assert(
      fc.property(
        responseArb,
        fc.array(fc.record({ at: fc.nat({ max: 10_000 }), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 4 }),
        (r, flips) => {
          const bytes = new TextEncoder().encode(buildXml(r));
          for (const f of flips) bytes[f.at % bytes.length] = f.byte;
          tally[checkSafe(() => gateXml(decodeXmlBytes(bytes)))]++;
        },
      ),
      { seed, numRuns: N.bytes },
    );
    console.log('xml-mutation byte tally', tally);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeysBefore);
  });
});
