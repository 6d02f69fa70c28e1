// Bytes nested anywhere in log fields are logged by size only. Buffer has a toJSON that JSON.stringify
// calls before any replacer, so a replacer that looked only at the value it is handed saw {type, data}.
import { describe, expect, it } from 'vitest';
import { formatLine, memoryLogger } from '../../../src/core/logger';

describe('logger: nested bytes', () => {
  const secretBytes = Buffer.from('PKCS12-private-key-material', 'utf8'); // 27 bytes

  it('logs a nested Buffer as <N bytes>, not as its bytes', () => {
    const line = formatLine('import failed', { detail: { file: 'apiclient_cert.p12', data: secretBytes } });
    expect(line).toContain('"data":"<27 bytes>"');
    expect(line).not.toContain('"type":"Buffer"');
    expect(line).not.toContain(String(secretBytes[0])); // 80: no byte values at all
    expect(line).toContain('"file":"apiclient_cert.p12"');
  });

  it('covers Buffers in arrays, deep objects, plain Uint8Arrays, other views and ArrayBuffers', () => {
    const line = formatLine('m', {
      list: [Buffer.alloc(5), { deep: { deeper: Buffer.alloc(7) } }],
      u8: { v: new Uint8Array([1, 2, 3]) },
      sub: { v: secretBytes.subarray(2, 6) },
      u16: { v: new Uint16Array(4) },
      view: { v: new DataView(new ArrayBuffer(9)) },
      ab: { v: new ArrayBuffer(11) },
    });
    expect(line).toContain('list=["<5 bytes>",{"deep":{"deeper":"<7 bytes>"}}]');
    expect(line).toContain('u8={"v":"<3 bytes>"}');
    expect(line).toContain('sub={"v":"<4 bytes>"}');
    expect(line).toContain('u16={"v":"<8 bytes>"}');
    expect(line).toContain('view={"v":"<9 bytes>"}');
    expect(line).toContain('ab={"v":"<11 bytes>"}');
  });

  it('keeps top-level bytes, other toJSON values and ordinary fields as before', () => {
    expect(formatLine('m', { cert: secretBytes, at: new Date(0), n: 3, s: 'x', u: undefined })).toBe(
      'm cert=<27 bytes> at="1970-01-01T00:00:00.000Z" n=3 s=x u=undefined',
    );
  });

  it('reaches the sink redacted and by size', () => {
    const log = memoryLogger();
    log.warn('bad cert', { error: { cause: { raw: secretBytes } } });
    expect(log.lines).toEqual(['warn bad cert error={"cause":{"raw":"<27 bytes>"}}']);
  });
});
