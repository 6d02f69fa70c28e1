// The one way secrets (API key, client certificate) are put on disk: encrypted by a SecretBox.
// Main implements it with Electron's safeStorage (src/main); tests use MemorySecretBox.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface SecretBox {
  encrypt(plain: Uint8Array): Uint8Array;
  decrypt(blob: Uint8Array): Uint8Array;
  /**
   * true when the platform offers no real protection (Linux safeStorage on the basic_text backend,
   * which encrypts with a hard-coded password). Core then refuses to store merchant secrets.
   */
  readonly weak: boolean;
}

const MAGIC = 0x4d; // 'M': marks a MemorySecretBox blob, so a foreign blob fails loudly
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with a random key that lives only in this object: blobs are unreadable to anyone
 * without the instance (tests reuse the instance across a "restart" of core).
 */
export class MemorySecretBox implements SecretBox {
  readonly weak: boolean;
  private readonly key = randomBytes(32);

  constructor(opts: { weak?: boolean } = {}) {
    this.weak = opts.weak ?? false;
  }

  encrypt(plain: Uint8Array): Uint8Array {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return new Uint8Array(Buffer.concat([Buffer.from([MAGIC]), iv, cipher.getAuthTag(), body]));
  }

  decrypt(blob: Uint8Array): Uint8Array {
    const buf = Buffer.from(blob);
    if (buf.length < 1 + IV_BYTES + TAG_BYTES || buf[0] !== MAGIC) throw new Error('not a MemorySecretBox blob');
    const iv = buf.subarray(1, 1 + IV_BYTES);
    const tag = buf.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return new Uint8Array(Buffer.concat([decipher.update(buf.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]));
  }
}
