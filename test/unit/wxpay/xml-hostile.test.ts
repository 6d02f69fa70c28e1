// The hand-written hostile corpus: every case is rejected with the expected XmlError code or parsed
// into exactly the expected flat map; nothing else is thrown and Object.prototype stays untouched.
// The gate (byte cap, characters, strict scanner) runs once per case. Where it admits the input, both
// readings must equal the expected map: the scanner's own (the oracle) and fast-xml-parser's (the
// production engine). Where it refuses, there is nothing for a second engine to read: production never
// runs fast-xml-parser on such input, so re-running the gate for it would only test the gate twice.
import { describe, expect, it } from 'vitest';
import { XmlError, decodeXmlBytes, gateXml, parseXml, parseXmlBytes, readGated } from '../../../src/core/wxpay/xml';
import type { Gated, Params } from '../../../src/core/wxpay/xml';
import { HOSTILE_CORPUS, type HostileCase } from '../../fixtures/xml-hostile/corpus';

const protoKeysBefore = Object.getOwnPropertyNames(Object.prototype).sort();

type Outcome<T> = { code: string } | { value: T };
function outcomeOf<T>(f: () => T): Outcome<T> {
  try {
    return { value: f() };
  } catch (e) {
    if (!(e instanceof XmlError)) throw new Error(`non-XmlError thrown: ${String(e)}`);
    expect(e.message.startsWith(e.code)).toBe(true);
    return { code: e.code };
  }
}

function gate(c: HostileCase): Gated {
  const opts = c.maxBytes === undefined ? undefined : { maxBytes: c.maxBytes };
  return gateXml(typeof c.input === 'string' ? c.input : decodeXmlBytes(c.input, c.maxBytes), opts);
}

function expectSafeMap(value: Params): void {
  for (const v of Object.values(value)) expect(typeof v).toBe('string');
  expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
}

describe('hostile XML corpus', () => {
  it('has at least 200 hand-written cases with unique ids', () => {
    expect(HOSTILE_CORPUS.length).toBeGreaterThanOrEqual(200);
    expect(new Set(HOSTILE_CORPUS.map((c) => c.id)).size).toBe(HOSTILE_CORPUS.length);
  });

  it.each(HOSTILE_CORPUS.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const gated = outcomeOf(() => gate(c));
    if ('code' in gated) {
      expect(gated).toEqual('reject' in c.expect ? { code: c.expect.reject } : { value: c.expect.parse });
    } else {
      const oracle = outcomeOf(() => readGated(gated.value, 'strict'));
      const production = outcomeOf(() => readGated(gated.value, 'fast-xml-parser'));
      expect(production).toEqual(oracle);
      expect(oracle).toEqual('reject' in c.expect ? { code: c.expect.reject } : { value: c.expect.parse });
      if ('value' in production) expectSafeMap(production.value);
    }
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeysBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('the public entry points (parseXml / parseXmlBytes, production engine) give the expected outcome', () => {
    for (const c of HOSTILE_CORPUS) {
      const opts = c.maxBytes === undefined ? undefined : { maxBytes: c.maxBytes };
      const got = outcomeOf(() => (typeof c.input === 'string' ? parseXml(c.input, opts) : parseXmlBytes(c.input, opts)));
      expect(got, c.id).toEqual('reject' in c.expect ? { code: c.expect.reject } : { value: c.expect.parse });
    }
  });
});
