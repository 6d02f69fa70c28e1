// Codes and tokens: random, shown or handed out once, stored at HQ only as SHA-256.
import { createHash, randomBytes, randomInt } from 'node:crypto';

export const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

/** A till's bearer token: 256 random bits. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** An enrolment code a person types at the till: 12 digits in groups of 4 (about 40 bits, single use, short-lived). */
export function newEnrolCode(): string {
  const d = Array.from({ length: 12 }, () => String(randomInt(10))).join('');
  return `${d.slice(0, 4)}-${d.slice(4, 8)}-${d.slice(8)}`;
}

export const normaliseCode = (code: string): string => code.replace(/\D/g, '');
