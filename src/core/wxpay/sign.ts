// WeChat Pay V2 request/response signatures (wxpay-v2.md section 2).
// sign excluded, empty values dropped, unknown fields kept, keys in UTF-8 byte order, raw UTF-8 values,
// `&key=` appended, MD5 or HMAC-SHA256 as uppercase hex. Verification compares in constant time.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { SignType } from './types';

export type { SignType };
export type Params = Record<string, string>;
export type SignInput = Record<string, string | number | undefined | null>;

/** Values that are never part of the string-to-sign: absent, null, or the empty string. */
function isSigned(name: string, value: string | number | undefined | null): value is string | number {
  return name !== 'sign' && value !== undefined && value !== null && value !== '';
}

/**
 * Compare two names by UTF-8 byte order. For ASCII names (all real WeChat fields) this is plain `<`;
 * UTF-16 code-unit order differs from byte order only around surrogates, so fall back to code points.
 */
export function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    if (ca < 0xd800 && cb < 0xd800) return ca - cb;
    return (a.codePointAt(i) ?? 0) - (b.codePointAt(i) ?? 0);
  }
  return a.length - b.length;
}

const ASTRAL_OR_HIGH = /[\uD800-\uFFFF]/;

/** The sorted `k1=v1&k2=v2` string, without `&key=`. */
export function stringToSign(params: SignInput): string {
  const names: string[] = [];
  for (const name of Object.keys(params)) {
    if (isSigned(name, params[name])) names.push(name);
  }
  // Native sort compares UTF-16 units, which equals byte order unless a name holds U+D800 or above.
  if (ASTRAL_OR_HIGH.test(names.join(''))) names.sort(compareNames);
  else names.sort();
  let out = '';
  for (let i = 0; i < names.length; i++) {
    const name = names[i] as string;
    out += (i === 0 ? '' : '&') + name + '=' + String(params[name]);
  }
  return out;
}

/** Digest of an exact string-to-sign-with-key (`...&key=K`); exposed for the signature doctor. */
export function digest(text: string | Uint8Array, key: string, type: SignType): string {
  switch (type) {
    case 'MD5':
      return createHash('md5').update(text).digest('hex').toUpperCase();
    case 'HMAC-SHA256':
      return createHmac('sha256', key).update(text).digest('hex').toUpperCase();
    default: {
      const never: never = type;
      throw new Error(`unsupported sign type ${String(never)}`);
    }
  }
}

export function sign(params: SignInput, key: string, type: SignType): string {
  // Literally stringA + '&key=' (also when stringA is empty, as the peer SDKs do).
  return digest(stringToSign(params) + '&key=' + key, key, type);
}

/**
 * Constant-time equality of two signatures. Exact match: WeChat signs in uppercase hex, so a lowercase
 * signature is a signer bug (the doctor CLI reports it). A length mismatch leaks only the algorithm.
 */
export function signaturesEqual(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received, 'utf8');
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}

/** True when params.sign is the `type` signature of the other fields under `key`. */
export function verifySign(params: Params, key: string, type: SignType): boolean {
  const received = params.sign;
  if (typeof received !== 'string' || inferSignType(received) === null) return false;
  return signaturesEqual(sign(params, key, type), received);
}

const HEX32 = /^[0-9A-Fa-f]{32}$/;
const HEX64 = /^[0-9A-Fa-f]{64}$/;

/** Notification-style inference: 32 hex chars = MD5, 64 = HMAC-SHA256, anything else null. */
export function inferSignType(signature: string): SignType | null {
  if (typeof signature !== 'string') return null;
  if (HEX32.test(signature)) return 'MD5';
  if (HEX64.test(signature)) return 'HMAC-SHA256';
  return null;
}

/**
 * Notification-style verification (wxpay-v2.md section 2.3): the pay notification may omit sign_type
 * even for HMAC-SHA256 orders, so the algorithm comes from the signature length. A sign_type that is
 * present must agree with it.
 */
export function verifySignInferred(params: Params, key: string): boolean {
  const type = inferSignType(params.sign ?? '');
  if (type === null) return false;
  const declared = params.sign_type;
  if (declared !== undefined && declared !== '' && declared !== type) return false;
  return verifySign(params, key, type);
}
