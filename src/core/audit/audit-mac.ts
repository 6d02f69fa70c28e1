// The keyed half of the audit chain (issue 11 point 4): every MAC the chain and its seal use. The key
// is 32 random bytes kept only as a SecretBox blob, so recomputing the chain without it (a copied file
// edited elsewhere) cannot produce values that verify.
import { createHmac, timingSafeEqual } from 'node:crypto';

function hmac(key: Uint8Array, ...parts: string[]): string {
  const h = createHmac('sha256', key);
  for (const p of parts) h.update(p, 'utf8');
  return h.digest('hex');
}

/** Where the MAC chain starts: binds the trust point and the key base, so neither can be moved. */
export function baseMac(key: Uint8Array, b: { trustSeq: number; trustHash: string; baseSeq: number; baseHash: string }): string {
  return hmac(key, JSON.stringify(['audit.base', b.trustSeq, b.trustHash, b.baseSeq, b.baseHash]));
}

/** mac_n = HMAC(key, mac_{n-1} || hash_n); hash_n already covers the row and the SHA chain before it. */
export function rowMac(key: Uint8Array, prevMac: string, hash: string): string {
  return hmac(key, prevMac, '|', hash);
}

/** Seals the security state to the head, so old settings cannot be put back without the old chain. */
export function stateMac(key: Uint8Array, headSeq: number, headMac: string, stateDigest: string): string {
  return hmac(key, JSON.stringify(['audit.state', headSeq, headMac, stateDigest]));
}

export function sameMac(a: string | null | undefined, b: string): boolean {
  if (typeof a !== 'string' || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
