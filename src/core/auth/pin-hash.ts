// Keyed PIN hashes (issue 11 point 2): scrypt(HMAC-SHA256(pinKey, pin), salt). The 32-byte pinKey is
// random, and is stored only sealed by the SecretBox (safeStorage), so a copy of the database alone
// (or a backup) gives an attacker nothing to test guesses against: without the key, every guess of a
// 6-digit PIN is a guess of a 256-bit HMAC output too.
import { createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { STAFF_PIN_PATTERN } from '../../common/staff';

export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly keyLen: number;
}
/** ~50-100 ms on a till's CPU, 32 MiB; the key, not the cost, is what stops offline guessing. */
export const DEFAULT_PIN_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1, keyLen: 32 };
/** Cheap parameters for tests that hash many times; never the default. */
export const TEST_PIN_SCRYPT: ScryptParams = { N: 2 ** 10, r: 8, p: 1, keyLen: 32 };

/** What is stored per person (JSON in staff.pin_record). The key itself is never in it. */
export interface PinRecord {
  readonly v: 2;
  readonly alg: 'hmac-sha256+scrypt';
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: string; // base64
  readonly hash: string; // base64
}

function derive(pinKey: Uint8Array, pin: string, salt: Buffer, params: ScryptParams): Buffer {
  const keyed = createHmac('sha256', pinKey).update(pin.normalize('NFKC'), 'utf8').digest();
  const { N, r, p, keyLen } = params;
  return scryptSync(keyed, salt, keyLen, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 });
}

export function makePinRecord(pinKey: Uint8Array, pin: string, params: ScryptParams): PinRecord {
  const salt = randomBytes(16);
  return {
    v: 2,
    alg: 'hmac-sha256+scrypt',
    N: params.N,
    r: params.r,
    p: params.p,
    salt: salt.toString('base64'),
    hash: derive(pinKey, pin, salt, params).toString('base64'),
  };
}

/** null when the text is not a record this build can check (damaged): the caller fails closed. */
export function parsePinRecord(text: string | null): PinRecord | null {
  if (!text) return null;
  try {
    const r = JSON.parse(text) as Partial<PinRecord>;
    const num = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) > 0;
    if (r.v !== 2 || r.alg !== 'hmac-sha256+scrypt' || !num(r.N) || !num(r.r) || !num(r.p)) return null;
    if (typeof r.salt !== 'string' || typeof r.hash !== 'string') return null;
    const hash = Buffer.from(r.hash, 'base64');
    if (hash.length < 16 || Buffer.from(r.salt, 'base64').length < 16) return null;
    if (r.N > 2 ** 20 || r.r > 32 || r.p > 16) return null; // a tampered cost must not hang the till
    return r as PinRecord;
  } catch {
    return null;
  }
}

/** A malformed PIN never matches (and still counts as a wrong try for the caller). */
export function pinMatches(pinKey: Uint8Array, rec: PinRecord, pin: string): boolean {
  if (!STAFF_PIN_PATTERN.test(pin)) return false;
  const expected = Buffer.from(rec.hash, 'base64');
  const got = derive(pinKey, pin, Buffer.from(rec.salt, 'base64'), { N: rec.N, r: rec.r, p: rec.p, keyLen: expected.length });
  return got.length === expected.length && timingSafeEqual(got, expected);
}
