// SecretBox over safeStorage: round trip of bytes, weak on Linux basic_text (with a loud warning), and
// secrets never in a log line or an error message.
import { describe, expect, it } from 'vitest';
import { createSafeStorageSecretBox, judgeSecretStorage, type SafeStorageLike } from '../../../src/main/secret-box';
import { memoryLog } from './fakes';

/** A stand-in for safeStorage: reversible, but visibly not plaintext. */
function fakeSafeStorage(backend: ReturnType<SafeStorageLike['getSelectedStorageBackend']>, available = true): SafeStorageLike & { available: boolean } {
  return {
    available,
    isEncryptionAvailable() {
      return this.available;
    },
    getSelectedStorageBackend: () => backend,
    encryptString: (plain: string) => Buffer.concat([Buffer.from('v10'), Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)]),
    decryptString: (blob: Buffer) => {
      if (blob.subarray(0, 3).toString() !== 'v10') throw new Error(`Error while decrypting the ciphertext provided to safeStorage.decryptString: ${blob.toString('hex')}`);
      return Buffer.from(blob.subarray(3).map((b) => b ^ 0x5a)).toString('utf8');
    },
  };
}

const KEY = '192006250b4c09247ec02edce69f6a2d';

describe('judgeSecretStorage', () => {
  it.each([
    ['linux', 'gnome_libsecret', false],
    ['linux', 'kwallet6', false],
    ['linux', 'basic_text', true],
    ['linux', 'unknown', true],
    ['darwin', 'unknown', false], // the backend question is Linux-only; Keychain is real protection
    ['win32', 'unknown', false],
  ] as const)('%s/%s -> weak=%s', (platform, backend, weak) => {
    expect(judgeSecretStorage(fakeSafeStorage(backend), platform)).toMatchObject({ available: true, weak });
  });

  it('treats unavailable encryption as weak', () => {
    expect(judgeSecretStorage(fakeSafeStorage('gnome_libsecret', false), 'linux')).toMatchObject({ available: false, weak: true });
  });
});

describe('createSafeStorageSecretBox', () => {
  it('round-trips arbitrary bytes, and the blob is not the plaintext', () => {
    const box = createSafeStorageSecretBox(fakeSafeStorage('gnome_libsecret'), 'linux', memoryLog());
    const plain = new Uint8Array([0, 1, 2, 255, 254, 10, 13, ...Buffer.from(KEY)]);
    const blob = box.encrypt(plain);
    expect(Buffer.from(blob).includes(Buffer.from(KEY))).toBe(false);
    expect(Buffer.from(box.decrypt(blob))).toEqual(Buffer.from(plain));
    expect(box.weak).toBe(false);
  });

  it('on basic_text: weak=true and a loud warning that names the backend, not a secret', () => {
    const log = memoryLog();
    const box = createSafeStorageSecretBox(fakeSafeStorage('basic_text'), 'linux', log);
    expect(box.weak).toBe(true);
    expect(log.lines.some((l) => l.startsWith('warn') && l.includes('WEAK') && l.includes('basic_text'))).toBe(true);
    box.decrypt(box.encrypt(Buffer.from(KEY)));
    expect(log.lines.join('\n')).not.toContain(KEY);
  });

  it('refuses to encrypt when safeStorage is unavailable, and logs an error', () => {
    const log = memoryLog();
    const box = createSafeStorageSecretBox(fakeSafeStorage('gnome_libsecret', false), 'linux', log);
    expect(() => box.encrypt(Buffer.from(KEY))).toThrow('secret storage unavailable');
    expect(log.lines.some((l) => l.startsWith('error'))).toBe(true);
  });

  it('a failed decrypt says what happened without quoting the blob', () => {
    const box = createSafeStorageSecretBox(fakeSafeStorage('gnome_libsecret'), 'linux', memoryLog());
    const foreign = Buffer.from(`xxx${KEY}`);
    let message = '';
    try {
      box.decrypt(foreign);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/could not decrypt/);
    expect(message).not.toContain(KEY);
    expect(message).not.toContain(foreign.toString('hex'));
  });
});
