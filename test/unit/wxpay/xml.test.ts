import { describe, expect, it } from 'vitest';
import { XmlError, buildXml, parseXml, parseXmlBytes } from '../../../src/core/wxpay/xml';

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof XmlError) return e.code;
    throw e;
  }
  return 'OK';
}

describe('buildXml', () => {
  it('CDATA for strings, bare integers', () => {
    expect(buildXml({ a: 'x y', total_fee: 1 })).toBe('<xml><a><![CDATA[x y]]></a><total_fee>1</total_fee></xml>');
  });
  it("splits ']]>' so a value cannot break out", () => {
    const xml = buildXml({ attach: 'a]]><evil>1</evil><![CDATA[b' });
    expect(parseXml(xml)).toEqual({ attach: 'a]]><evil>1</evil><![CDATA[b' });
  });
  it('rejects bad names and non-integers', () => {
    expect(codeOf(() => buildXml({ 'a b': 'x' }))).toBe('BAD_NAME');
    expect(codeOf(() => buildXml({ A: 'x' }))).toBe('BAD_NAME');
    expect(codeOf(() => buildXml(JSON.parse('{"__proto__":"x"}') as Record<string, string>))).toBe('RESERVED_NAME');
    expect(codeOf(() => buildXml({ a: 1.5 }))).toBe('BAD_VALUE');
    expect(codeOf(() => buildXml({ a: Number.NaN }))).toBe('BAD_VALUE');
    expect(codeOf(() => buildXml({ a: 2 ** 53 }))).toBe('BAD_VALUE');
    expect(codeOf(() => buildXml({ a: true } as unknown as Record<string, string>))).toBe('BAD_VALUE');
  });
  it('rejects characters XML cannot carry, and CR (line-end normalization would change the signed value)', () => {
    expect(codeOf(() => buildXml({ a: 'x\u0000' }))).toBe('BAD_CHAR');
    expect(codeOf(() => buildXml({ a: '\uD800' }))).toBe('BAD_CHAR');
    expect(codeOf(() => buildXml({ a: 'x\r\ny' }))).toBe('BAD_CHAR');
    expect(codeOf(() => buildXml({ a: 'x\uFFFD' }))).toBe('BAD_CHAR');
    expect(parseXml(buildXml({ a: 'x\ny\t\u{1F600}' }))).toEqual({ a: 'x\ny\t\u{1F600}' });
  });
  it('skips undefined/null (optional fields), keeps empty strings and negative integers', () => {
    const params = { a: undefined, b: null, c: '', d: -5 } as unknown as Record<string, string | number>;
    expect(buildXml(params)).toBe('<xml><c><![CDATA[]]></c><d>-5</d></xml>');
  });
});

describe('parseXml', () => {
  it('round-trips and keeps numbers as strings', () => {
    const params = { transaction_id: '4200001234567890123456789012', x: '1E10', body: '商品 & 服务', total_fee: '1' };
    expect(parseXml(buildXml(params))).toEqual(params);
    expect(parseXml('<xml><transaction_id>4200001234567890123456789012</transaction_id><n>1E10</n></xml>')).toEqual({
      transaction_id: '4200001234567890123456789012',
      n: '1E10',
    });
  });
  it('rejects the classic attacks with XmlError', () => {
    expect(codeOf(() => parseXml('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><a>&e;</a></xml>'))).toBe('DOCTYPE');
    expect(codeOf(() => parseXml('<xml><a>&#1;</a></xml>'))).toBe('ENTITY_REF');
    expect(codeOf(() => parseXml('<xml><a>&nbsp;</a></xml>'))).toBe('ENTITY_REF');
    expect(codeOf(() => parseXml(`<xml><a>${'&#65;'.repeat(1001)}</a></xml>`))).toBe('TOO_MANY_REFS');
    expect(codeOf(() => parseXml('<xml><a>1</a><a>2</a></xml>'))).toBe('DUPLICATE');
    expect(codeOf(() => parseXml('<xml><__proto__>1</__proto__></xml>'))).toBe('RESERVED_NAME');
    expect(codeOf(() => parseXml('<root><a>1</a></root>'))).toBe('WRONG_ROOT');
    expect(codeOf(() => parseXml(''))).toBe('EMPTY');
    expect(codeOf(() => parseXml(42 as unknown as string))).toBe('NOT_TEXT');
    expect(codeOf(() => parseXmlBytes('x' as unknown as Uint8Array))).toBe('NOT_TEXT');
  });
  it('caps the body before parsing, configurable', () => {
    const body = `<xml><a>${'x'.repeat(100)}</a></xml>`;
    expect(codeOf(() => parseXml(body, { maxBytes: 64 }))).toBe('TOO_LARGE');
    expect(parseXml(body, { maxBytes: 200 })).toEqual({ a: 'x'.repeat(100) });
    // A broken cap falls back to the default instead of disabling the limit.
    const big = `<xml><a>${'x'.repeat(40000)}</a></xml>`;
    expect(codeOf(() => parseXml(big, { maxBytes: Number.NaN }))).toBe('TOO_LARGE');
    expect(codeOf(() => parseXml(big, { maxBytes: -1 }))).toBe('TOO_LARGE');
    expect(codeOf(() => parseXml('<xml><a/><b/></xml>', { maxFields: 1 }))).toBe('TOO_MANY_FIELDS');
    // The cap counts UTF-8 bytes, not UTF-16 units: 30 CJK characters are 90 bytes.
    expect(codeOf(() => parseXml(`<xml><a>${'支'.repeat(30)}</a></xml>`, { maxBytes: 80 }))).toBe('TOO_LARGE');
  });
  it('decodes the five predefined entities and numeric references (legal XML), with both engines', () => {
    const xml = '<xml><body>Tea &amp; Cake</body><a>&lt;&gt;&quot;&apos;&#38;&#x26;&#65;</a></xml>';
    const want = { body: 'Tea & Cake', a: '<>"\'&&A' };
    expect(parseXml(xml)).toEqual(want);
    expect(parseXml(xml, { engine: 'strict' })).toEqual(want);
    expect(parseXmlBytes(new TextEncoder().encode(xml))).toEqual(want);
  });
  it('returns a plain object whose keys are exactly the fields', () => {
    const out = parseXml('<xml><valueof>1</valueof></xml>');
    expect(Object.keys(out)).toEqual(['valueof']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});
