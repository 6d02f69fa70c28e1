// The PIN hashing key (issue 11 point 2): 32 random bytes made on first use, stored only as a blob
// sealed by the SecretBox. A damaged blob or a SecretBox that cannot open it (another OS user, a
// keyring reset) is an error, never a new key silently: staff records would then all fail to verify,
// which is the fail-closed outcome, and the recovery path (docs/security.md) makes a new owner.
import { randomBytes } from 'node:crypto';
import { err, ok, type Result } from '../../common/result';
import type { SecretBox } from '../settings/secret-box';
import type { SettingsStorage } from '../settings/storage';

export const PIN_KEY_SECRET = 'auth.pinKey';
const KEY_BYTES = 32;

export function readPinKey(storage: SettingsStorage, box: SecretBox): Result<Uint8Array | null> {
  const blob = storage.getSecret(PIN_KEY_SECRET);
  if (!blob) return ok(null);
  try {
    const key = box.decrypt(blob);
    if (key.length !== KEY_BYTES) return err('AUTH_DAMAGED', 'The PIN key on this till is damaged.');
    return ok(key);
  } catch {
    return err('AUTH_DAMAGED', 'The PIN key on this till cannot be opened on this computer (secret storage changed).');
  }
}

/** Makes and stores a fresh key (first owner, or the documented recovery); callers run it in a transaction. */
export function createPinKey(storage: SettingsStorage, box: SecretBox): Uint8Array {
  const key = new Uint8Array(randomBytes(KEY_BYTES));
  storage.putSecret(PIN_KEY_SECRET, box.encrypt(key));
  return key;
}
