// The audit key (issue 11 point 4): 32 random bytes, stored only as a SecretBox blob in the secrets
// table, so the database file alone never holds it. A missing or unreadable key is reported, never
// silently replaced: only first keying and an owner's acknowledgement make a new one.
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { SecretBox } from '../settings/secret-box';
import { getSecret, putSecret } from '../store/kv';
import { AUDIT_KEY_SECRET, securityStateDigest } from './security-state';

export type AuditKeyState = { readonly key: Uint8Array } | { readonly problem: 'missing' | 'unreadable' };

export interface AuditKeyring {
  current(): AuditKeyState;
  /** Makes and stores a new key (inside the caller's transaction). */
  renew(): Uint8Array;
  /** Digest of the security state the seal covers. */
  digest(): string;
}

const KEY_BYTES = 32;

export function createAuditKeyring(db: Database.Database, box: SecretBox, now: () => number): AuditKeyring {
  let cached: AuditKeyState | null = null;
  return {
    current() {
      if (cached && 'key' in cached) return cached;
      const blob = getSecret(db, AUDIT_KEY_SECRET);
      if (!blob) return (cached = { problem: 'missing' });
      try {
        const key = box.decrypt(blob);
        cached = key.length === KEY_BYTES ? { key } : { problem: 'unreadable' };
      } catch {
        cached = { problem: 'unreadable' };
      }
      return cached;
    },
    renew() {
      const key = new Uint8Array(randomBytes(KEY_BYTES));
      putSecret(db, AUDIT_KEY_SECRET, box.encrypt(key), now());
      cached = { key };
      return key;
    },
    digest: () => securityStateDigest(db),
  };
}
