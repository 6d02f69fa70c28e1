// openStore: pragmas, refusal of future/foreign/damaged files, backup before migrating, rollback of a
// failed step, read-only mode.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, openSync, writeSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DbCorruptError,
  DbForeignError,
  DbFromFutureError,
  MIGRATIONS,
  MigrationError,
  assertOrdered,
  latestVersion,
  migrate,
  openStore,
  userVersion,
  type Migration,
} from '../../../src/core/store';
import { quickCheckInWorker } from '../../../src/core/store/quick-check';
import { bareDb, freshStore, insertPaidSale, tempDir, type TempDir } from './helpers';

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('openStore', () => {
  let t: TempDir;
  beforeEach(() => {
    t = tempDir();
  });
  afterEach(() => t.cleanup());

  it('creates the folder and sets WAL, synchronous=FULL, foreign keys and busy_timeout', () => {
    const file = join(t.dir, 'nested', 'data', 'pos.db');
    const s = openStore(file);
    try {
      expect(existsSync(file)).toBe(true);
      expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(s.db.pragma('synchronous', { simple: true })).toBe(2);
      expect(s.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(s.db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(s.db.pragma('journal_size_limit', { simple: true })).toBe(64 * 1024 * 1024);
      expect(userVersion(s.db)).toBe(latestVersion());
      expect(s.startup).toMatchObject({ fromVersion: 0, toVersion: latestVersion(), backupFile: null, quickCheck: 'ok' });
      expect(s.startup.audit.ok).toBe(true);
    } finally {
      s.close();
    }
  });

  it('reopening a current database changes nothing and makes no backup', () => {
    const s = freshStore(t);
    insertPaidSale(s.db, 1);
    s.close();
    const again = freshStore(t);
    expect(again.startup).toMatchObject({ fromVersion: latestVersion(), toVersion: latestVersion(), backupFile: null });
    expect(again.db.prepare('SELECT count(*) AS n FROM receipts').get()).toEqual({ n: 1 });
    again.close();
    expect(existsSync(t.path('backups'))).toBe(false);
  });

  it('refuses a database from a newer app with a typed error and leaves the file byte-identical', () => {
    const file = t.path('future.db');
    const db = bareDb(file);
    migrate(db);
    db.pragma(`user_version = ${latestVersion() + 5}`);
    db.close();
    const before = sha(file);
    let caught: unknown;
    try {
      openStore(file);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DbFromFutureError);
    const e = caught as DbFromFutureError;
    expect(e.fileVersion).toBe(latestVersion() + 5);
    expect(e.knownVersion).toBe(latestVersion());
    expect(e.message).toMatch(/newer version of wxpay-pos/);
    expect(sha(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses an SQLite file it did not create', () => {
    const file = t.path('other.db');
    const db = new Database(file);
    db.exec('CREATE TABLE mine(x)');
    db.close();
    const before = sha(file);
    expect(() => openStore(file)).toThrow(DbForeignError);
    expect(sha(file)).toBe(before);
  });

  it('a file that is not a database raises DbCorruptError', () => {
    const file = t.path('junk.db');
    writeFileSync(file, Buffer.alloc(8192, 0x41));
    expect(() => openStore(file)).toThrow(DbCorruptError);
  });

  it('damaged pages are found by quick_check at start-up (DbCorruptError lists problems)', async () => {
    const s = freshStore(t);
    s.transaction(() => {
      for (let i = 1; i <= 400; i++) insertPaidSale(s.db, i);
    });
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    // The schema's own pages stay intact (a bigger schema spans more than page 1): the damage must be
    // in the data, where quick_check finds it, not in sqlite_schema, which no open can read past.
    const schemaPages = new Set((s.db.prepare("SELECT pageno FROM dbstat WHERE name = 'sqlite_schema'").all() as { pageno: number }[]).map((r) => r.pageno - 1));
    s.close();
    const file = t.path('pos.db');
    const pages = statSync(file).size / 4096;
    // Overwrite the middle of several b-tree pages (not page 1: that one is the header).
    const fd = openSync(file, 'r+');
    for (let p = 3; p < pages; p += 3) if (!schemaPages.has(p)) writeSync(fd, Buffer.alloc(512, 0xff), 0, 512, p * 4096 + 1024);
    closeSync(fd);
    let caught: unknown;
    try {
      openStore(file).close();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DbCorruptError);
    expect((caught as DbCorruptError).problems.length).toBeGreaterThan(0);
    // The after-ready check (worker thread, own read-only connection) finds the same damage.
    expect((await quickCheckInWorker(file)).length).toBeGreaterThan(0);
    // Read-only mode opens it anyway, reporting the damage, so what is readable can be shown and exported.
    const ro = openStore(file, { readonly: true });
    try {
      expect(ro.startup.quickCheck).toBe('damaged');
      expect(ro.startup.problems.length).toBeGreaterThan(0);
      expect(ro.db.pragma('user_version', { simple: true })).toBe(latestVersion());
    } finally {
      ro.close();
    }
  });

  it('a truncated file is refused as damaged', () => {
    const s = freshStore(t);
    s.transaction(() => {
      for (let i = 1; i <= 400; i++) insertPaidSale(s.db, i);
    });
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    s.close();
    const file = t.path('pos.db');
    writeFileSync(file, readFileSync(file).subarray(0, Math.floor(statSync(file).size / 2)));
    expect(() => openStore(file)).toThrow(DbCorruptError);
  });

  it('the worker quick_check reads a healthy file while the store keeps writing', async () => {
    const s = freshStore(t);
    try {
      insertPaidSale(s.db, 1);
      const pending = quickCheckInWorker(t.path('pos.db'));
      insertPaidSale(s.db, 2);
      expect(await pending).toEqual([]);
      expect(await quickCheckInWorker(t.path('missing.db'))).toEqual([expect.stringMatching(/SQLITE_CANTOPEN/)]);
    } finally {
      s.close();
    }
  });

  it('backs up a non-empty older database before migrating it', () => {
    const file = t.path('pos.db');
    const db = bareDb(file);
    migrate(db, MIGRATIONS, 1);
    insertPaidSale(db, 1);
    db.close();
    const s = freshStore(t);
    try {
      expect(s.startup.fromVersion).toBe(1);
      expect(s.startup.toVersion).toBe(latestVersion());
      const backup = s.startup.backupFile;
      expect(backup).toMatch(/[\\/]backups[\\/]pos\.db\.v1\.\d{8}T\d{6}Z?(-\d+)?\.bak$/);
      const copy = new Database(backup!, { readonly: true });
      expect(userVersion(copy)).toBe(1);
      expect(copy.prepare('SELECT count(*) AS n FROM receipts').get()).toEqual({ n: 1 });
      copy.close();
    } finally {
      s.close();
    }
  });

  it('a failing migration step rolls back whole, leaving the previous version', () => {
    const file = t.path('pos.db');
    const broken: Migration = {
      version: latestVersion() + 1,
      name: 'broken',
      up(db) {
        db.exec('CREATE TABLE half_done(x INTEGER)');
        throw new Error('boom');
      },
    };
    freshStore(t).close();
    expect(() => openStore(file, { migrations: [...MIGRATIONS, broken] })).toThrow(MigrationError);
    const db = new Database(file, { readonly: true });
    expect(userVersion(db)).toBe(latestVersion());
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('the migration list must run 1, 2, 3 without gaps or repeats', () => {
    assertOrdered(MIGRATIONS);
    const m = (version: number): Migration => ({ version, name: `m${version}`, up: () => undefined });
    expect(() => assertOrdered([m(1), m(3)])).toThrow(/position 1 has version 3/);
    expect(() => assertOrdered([m(1), m(1)])).toThrow(/expected 2/);
    expect(() => assertOrdered([m(2)])).toThrow(/expected 1/);
  });

  it('read-only mode opens without writing and refuses writes', () => {
    const s = freshStore(t);
    insertPaidSale(s.db, 1);
    s.close();
    const ro = openStore(t.path('pos.db'), { readonly: true });
    try {
      expect(ro.readonly).toBe(true);
      expect(ro.db.prepare('SELECT count(*) AS n FROM receipts').get()).toEqual({ n: 1 });
      expect(() => insertPaidSale(ro.db, 2)).toThrow(/readonly/);
    } finally {
      ro.close();
    }
  });

  it('quick_check is deferred above the size limit and backgroundCheck runs it with a full audit pass', async () => {
    const s = freshStore(t, { quickCheckMaxBytes: 0 });
    try {
      expect(s.startup.quickCheck).toBe('deferred');
      s.audit.append({ actor: 'a', action: 'b', subject: 'c', detail: 'd' });
      const r = await s.backgroundCheck();
      expect(r.problems).toEqual([]);
      expect(r.audit).toMatchObject({ ok: true, headSeq: 1 });
    } finally {
      s.close();
    }
  });
});
