// Settings and secret blobs: round trips, overwrite, delete; store-bound helpers use the injected clock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/common/clock';
import { deleteSecret, deleteSetting, getSecret, getSetting, putSecret, setSetting, type Store } from '../../../src/core/store';
import type { SettingsStorage } from '../../../src/core/settings/storage';
import { freshStore, tempDir, type TempDir } from './helpers';

describe('settings and secrets', () => {
  let t: TempDir;
  let s: Store;
  const clock = new VirtualClock(Date.UTC(2026, 0, 15));
  beforeEach(() => {
    t = tempDir();
    s = freshStore(t, { clock });
  });
  afterEach(() => {
    s.close();
    t.cleanup();
  });

  it('settings: missing is null, set overwrites, delete removes', () => {
    expect(getSetting(s.db, 'store.name')).toBeNull();
    setSetting(s.db, 'store.name', '咖啡店');
    setSetting(s.db, 'store.name', 'Cafe');
    expect(getSetting(s.db, 'store.name')).toBe('Cafe');
    deleteSetting(s.db, 'store.name');
    expect(getSetting(s.db, 'store.name')).toBeNull();
  });

  it('secrets: blobs round-trip byte for byte, with the time they were written', () => {
    const blob = new Uint8Array(300).map((_, i) => (i * 7) & 0xff);
    putSecret(s.db, 'api_key', blob.subarray(10, 200), 123);
    expect(getSecret(s.db, 'api_key')).toEqual(blob.subarray(10, 200));
    expect(s.db.prepare("SELECT updated_at FROM secrets WHERE name = 'api_key'").get()).toEqual({ updated_at: 123 });
    deleteSecret(s.db, 'api_key');
    expect(getSecret(s.db, 'api_key')).toBeNull();
  });

  it('store.kv matches the settings module storage shape and stamps secrets with the clock', () => {
    const storage: SettingsStorage = s.kv; // compile-time contract with src/core/settings (tsc checks it)
    expect(Object.keys(storage).sort()).toEqual(['audit', 'delete', 'deleteSecret', 'get', 'getSecret', 'putSecret', 'set', 'transaction']);
    s.kv.set('k', 'v');
    expect(s.kv.get('k')).toBe('v');
    s.kv.putSecret('cert', new Uint8Array([1, 2, 3]));
    expect(s.db.prepare("SELECT updated_at FROM secrets WHERE name = 'cert'").get()).toEqual({ updated_at: clock.now() });
    s.kv.transaction(() => {
      s.kv.set('a', '1');
      s.kv.audit({ actor: 'm', action: 'settings.saved', subject: 'a', detail: 'a=1' });
    });
    expect(s.audit.head().seq).toBe(1);
    expect(() =>
      s.kv.transaction(() => {
        s.kv.set('a', '2');
        throw new Error('no');
      }),
    ).toThrow('no');
    expect(s.kv.get('a')).toBe('1');
  });
});
