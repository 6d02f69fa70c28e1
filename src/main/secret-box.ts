// SecretBox over Electron's safeStorage (macOS Keychain, Windows DPAPI, Linux kwallet/libsecret).
// On Linux without a secret store Electron falls back to "basic_text", a hard-coded password: that is no
// protection, so the box reports weak=true (core then refuses to store merchant secrets and the settings
// screen warns) and we say so loudly in the log. Secret values never reach a log line or an error.
import type { SafeStorage } from 'electron';
import type { SecretBox } from '../core/settings/secret-box';
import type { Logger } from '../common/logger';

export type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

export type SecretBoxLogger = Pick<Logger, 'warn' | 'error'>;

export type StorageVerdict =
  | { readonly available: false; readonly weak: true; readonly backend: string }
  | { readonly available: true; readonly weak: boolean; readonly backend: string };

/** Pure: what the platform's secret storage is worth. Must be asked after app 'ready'. */
export function judgeSecretStorage(storage: SafeStorageLike, platform: NodeJS.Platform): StorageVerdict {
  const backend = platform === 'linux' ? storage.getSelectedStorageBackend() : platform === 'darwin' ? 'keychain' : platform === 'win32' ? 'dpapi' : 'unknown';
  if (!storage.isEncryptionAvailable()) return { available: false, weak: true, backend };
  // 'unknown' means asked before ready, or a store Electron could not name: not trusted either.
  const weak = platform === 'linux' && (backend === 'basic_text' || backend === 'unknown');
  return { available: true, weak, backend };
}

/**
 * safeStorage encrypts strings; secrets here are bytes (keys, certificate material), so they travel as
 * base64 inside the encrypted string. Each call re-checks availability, since a keyring can go away.
 */
export function createSafeStorageSecretBox(storage: SafeStorageLike, platform: NodeJS.Platform, log: SecretBoxLogger): SecretBox {
  const verdict = judgeSecretStorage(storage, platform);
  if (!verdict.available) {
    log.error('secret storage: safeStorage is not available; merchant secrets cannot be stored on this machine', { backend: verdict.backend });
  } else if (verdict.weak) {
    log.warn(
      '!!! secret storage is WEAK: Linux safeStorage backend is "basic_text" (hard-coded password). ' +
        'Install and unlock a keyring (gnome-keyring/libsecret or KWallet) before storing merchant credentials.',
      { backend: verdict.backend },
    );
  }
  return {
    weak: verdict.weak,
    encrypt(plain: Uint8Array): Uint8Array {
      if (!storage.isEncryptionAvailable()) throw new Error('secret storage unavailable');
      return new Uint8Array(storage.encryptString(Buffer.from(plain).toString('base64')));
    },
    decrypt(blob: Uint8Array): Uint8Array {
      if (!storage.isEncryptionAvailable()) throw new Error('secret storage unavailable');
      let text: string;
      try {
        text = storage.decryptString(Buffer.from(blob));
      } catch {
        // Electron's message may quote the blob; ours says only what happened.
        throw new Error('secret storage could not decrypt a stored secret (keyring changed or data damaged)');
      }
      return new Uint8Array(Buffer.from(text, 'base64'));
    },
  };
}
