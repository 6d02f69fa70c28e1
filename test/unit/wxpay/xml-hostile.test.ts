// The hand-written hostile corpus: every case is rejected with the expected XmlError code or parsed
// into exactly the expected flat map; nothing else is thrown and Object.prototype stays untouched.
import { describe, expect, it } from 'vitest';
import { XmlError, parseXml, parseXmlBytes } from '../../../src/core/wxpay/xml';
import type { Params } from '../../../src/core/wxpay/xml';
import { HOSTILE_CORPUS } from '../../fixtures/xml-hostile/corpus';

const protoKeysBefore = Object.getOwnPropertyNames(Object.prototype).sort();

type Engine = 'strict' | 'fast-xml-parser';
function run(input: string | Uint8Array, maxBytes: number | undefined, engine: Engine): Params {
  const opts = maxBytes === undefined ? { engine } : { maxBytes, engine };
  return typeof input === 'string' ? parseXml(input, opts) : parseXmlBytes(input, opts);
}

describe('hostile XML corpus', () => {
  it('has at least 200 hand-written cases with unique ids', () => {
    expect(HOSTILE_CORPUS.length).toBeGreaterThanOrEqual(200);
    expect(new Set(HOSTILE_CORPUS.map((c) => c.id)).size).toBe(HOSTILE_CORPUS.length);
  });

  const rows = HOSTILE_CORPUS.flatMap((c) => (['strict', 'fast-xml-parser'] as const).map((e) => [`${c.id} [${e}]`, c, e] as const));
  it.each(rows)('%s', (_id, c, engine) => {
    let outcome: { code: string } | { value: Params };
    try {
      outcome = { value: run(c.input, c.maxBytes, engine) };
    } catch (e) {
      if (!(e instanceof XmlError)) throw new Error(`non-XmlError thrown: ${String(e)}`);
      expect(e.message.startsWith(e.code)).toBe(true);
      outcome = { code: e.code };
    }
    if ('reject' in c.expect) {
      expect(outcome).toEqual({ code: c.expect.reject });
    } else {
      expect(outcome).toEqual({ value: c.expect.parse });
      if ('value' in outcome) {
        for (const v of Object.values(outcome.value)) expect(typeof v).toBe('string');
        expect(Object.getPrototypeOf(outcome.value)).toBe(Object.prototype);
      }
    }
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeysBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
