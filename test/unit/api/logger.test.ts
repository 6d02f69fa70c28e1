import { describe, expect, it } from 'vitest';
import { REDACTED, memoryLogger, redact } from '../../../src/core/logger';

describe('logger redaction', () => {
  const key = '192006250b4c09247ec02edce69f6a2d';
  it('removes known secrets, key-shaped tokens, key fields and PEM blocks', () => {
    expect(redact(`sign with ${key}!`)).toBe(`sign with ${REDACTED}!`);
    expect(redact('stringSignTemp ...&key=abc')).toContain(`&key=${REDACTED}`);
    expect(redact('{"apiKey":"short1"}')).not.toContain('short1');
    expect(redact('{"managerPin":"4321"}')).not.toContain('4321');
    expect(redact('password: hunter2')).not.toContain('hunter2');
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIEv\nAAA\n-----END PRIVATE KEY-----';
    expect(redact(`key is ${pem} end`)).toBe(`key is ${REDACTED} end`);
    expect(redact('not-a-key-but-a-known-secret', ['known-secret'])).not.toContain('known-secret');
    // Ordinary text survives.
    expect(redact('refund of 100 fen for sale_1 approved by boss')).toBe('refund of 100 fen for sale_1 approved by boss');
  });

  it('redacts fields and errors before they reach the sink', () => {
    const log = memoryLogger(() => [key]);
    log.error('failed', { error: new Error(`bad ${key}`), cert: new Uint8Array(3000) });
    expect(log.lines[0]).not.toContain(key);
    expect(log.lines[0]).toContain('<3000 bytes>');
  });
});
