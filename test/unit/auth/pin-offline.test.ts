// Issue 11 point 2: a copied database (or backup) alone cannot be used to test PIN guesses. The attack:
// a script reads the staff PIN record from the file and tries PINs with the algorithm (scrypt of the
// PIN, as the old manager PIN was stored) — it finds nothing, even given the true PIN. With the key from
// the SecretBox it verifies. Also: the data folder is 0700 and the database, WAL/SHM and backups 0600.
import { copyFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { scryptSync, timingSafeEqual } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePinRecord, pinMatches } from '../../../src/core/auth/pin-hash';
import { PIN_KEY_SECRET, readPinKey } from '../../../src/core/auth/pin-key';
import { MemorySecretBox } from '../../../src/core/settings/secret-box';
import { MIGRATIONS, openStore } from '../../../src/core/store';
import { TEST_OWNER } from '../../support/signed-in-core';
import { bootTill, cleanupDirs, type TillRig } from './rig';

let till: TillRig | null = null;
const extra: string[] = [];
afterEach(async () => {
  await till?.close();
  till = null;
  cleanupDirs();
  for (const d of extra.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** What an attacker holding only the file can compute for a guess: the old unkeyed scheme. */
function unkeyedGuessMatches(rec: { salt: string; hash: string; N: number; r: number; p: number }, pin: string): boolean {
  const expected = Buffer.from(rec.hash, 'base64');
  const got = scryptSync(pin, Buffer.from(rec.salt, 'base64'), expected.length, { N: rec.N, r: rec.r, p: rec.p, maxmem: 256 * rec.N * rec.r + 1024 * 1024 });
  return timingSafeEqual(got, expected);
}

describe('PIN records cannot be attacked offline (issue 11 point 2)', () => {
  it('attack: a script with the database file and without the SecretBox cannot verify a guess; with it, it can', async () => {
    till = await bootTill();
    await till.close();
    const stolen = mkdtempSync(join(tmpdir(), 'stolen-'));
    extra.push(stolen);
    copyFileSync(join(till.dir, 'pos.sqlite'), join(stolen, 'pos.sqlite'));
    const db = new Database(join(stolen, 'pos.sqlite'), { readonly: true });
    const text = (db.prepare("SELECT pin_record FROM staff WHERE name = ?").get(TEST_OWNER.name) as { pin_record: string }).pin_record;
    const sealedKey = db.prepare('SELECT blob FROM secrets WHERE name = ?').get(PIN_KEY_SECRET) as { blob: Buffer };
    db.close();
    const rec = parsePinRecord(text)!;
    expect(rec).not.toBeNull();
    expect(text).not.toContain(TEST_OWNER.pin);
    // Without the key: the true PIN does not verify, by the unkeyed scheme or with a guessed key.
    const candidates = ['000000', '123456', '111111', TEST_OWNER.pin];
    for (const guess of candidates) {
      expect(unkeyedGuessMatches(rec, guess)).toBe(false);
      expect(pinMatches(new Uint8Array(32), rec, guess)).toBe(false);
      expect(pinMatches(new Uint8Array(sealedKey.blob.subarray(0, 32)), rec, guess)).toBe(false); // the sealed blob is no key
    }
    // Another computer's SecretBox cannot open the key either.
    const storage = { getSecret: () => new Uint8Array(sealedKey.blob) } as never;
    expect(readPinKey(storage, new MemorySecretBox())).toMatchObject({ ok: false, code: 'AUTH_DAMAGED' });
    // With the till's own SecretBox the key opens and the PIN verifies (and only the PIN).
    const key = readPinKey(storage, till.box);
    if (!key.ok || !key.value) throw new Error('the key should open with the till box');
    expect(pinMatches(key.value, rec, TEST_OWNER.pin)).toBe(true);
    expect(pinMatches(key.value, rec, '000000')).toBe(false);
  });

  it('the data folder is 0700; the database, its WAL and SHM, and migration backups are 0600', async () => {
    if (process.platform === 'win32') return void console.log('skipped: POSIX modes (Windows uses the profile ACL)');
    const dir = mkdtempSync(join(tmpdir(), 'modes-'));
    extra.push(dir);
    const data = join(dir, 'data');
    // An older database (version 4) so that opening it migrates and writes a backup.
    const old = openStore(join(data, 'pos.sqlite'), { migrations: MIGRATIONS.slice(0, 4) });
    old.kv.set('x', '1');
    old.close();
    const store = openStore(join(data, 'pos.sqlite'));
    store.kv.set('y', '2'); // the WAL exists while open
    const mode = (p: string): number => statSync(p).mode & 0o777;
    expect(mode(data)).toBe(0o700);
    for (const f of ['pos.sqlite', 'pos.sqlite-wal', 'pos.sqlite-shm']) expect(mode(join(data, f)), f).toBe(0o600);
    expect(store.startup.backupFile).not.toBeNull();
    expect(mode(join(data, 'backups'))).toBe(0o700);
    for (const f of readdirSync(join(data, 'backups'))) expect(mode(join(data, 'backups', f)), f).toBe(0o600);
    store.close();
  });
});
