// Opens the receipts database: refuse what we must not touch (a newer app's file, a foreign file, a damaged
// one), set durability pragmas and check they took, back up before changing the schema, migrate, and
// verify the audit chain. Synchronous: boot needs the store before anything else runs.
import { existsSync, statSync } from 'node:fs';
import { privateDbFiles, privateDir, privateFile } from './file-modes';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { realClock, type Clock } from '../../common/clock';
import { createAuditLog, type AuditEntry, type AuditLog, type AuditVerifyResult } from './audit';
import {
  DbCorruptError,
  DbForeignError,
  DbFromFutureError,
  DbSettingsError,
  StoreError,
  isCorruptionError,
} from './errors';
import { deleteSecret, deleteSetting, getSecret, getSetting, putSecret, setSetting } from './kv';
import { BUSY_TIMEOUT_MS, DEFAULT_QUICK_CHECK_MAX_BYTES, WAL_SIZE_LIMIT_BYTES } from './constants';
import { MIGRATIONS, latestVersion, migrate, userVersion, type Migration } from './migrations';
import { quickCheckNow, quickCheckOffThread } from './quick-check';
import { createAuditKeyring } from '../audit/audit-keyring';
import type { SecretBox } from '../settings/secret-box';

export { BUSY_TIMEOUT_MS, DEFAULT_QUICK_CHECK_MAX_BYTES };

export interface OpenStoreOptions {
  readonly clock?: Clock;
  /**
   * 'auto' (default): PRAGMA quick_check during open when the file is at most quickCheckMaxBytes, else it
   * is left to backgroundCheck(); 'full': always during open; 'off': never during open.
   */
  readonly quickCheck?: 'auto' | 'full' | 'off';
  readonly quickCheckMaxBytes?: number;
  /** Read-only mode for a damaged or unmigrated file: no pragmas written, no migration, no backup. */
  readonly readonly?: boolean;
  /** Tests only: a different migration list. */
  readonly migrations?: readonly Migration[];
  /**
   * Path of a better-sqlite3 binary built for another ABI (Electron's), passed to the driver's
   * nativeBinding option so the Node build in node_modules stays the one tests load.
   */
  readonly nativeBinding?: string;
  /**
   * Keys the audit chain with a key held in this SecretBox (issue 11 point 4): the till passes its box;
   * without one (tools, tests of other parts) the chain is the plain SHA-256 chain as before.
   */
  readonly secretBox?: SecretBox;
}

export interface StartupReport {
  readonly fromVersion: number;
  readonly toVersion: number;
  /** The pre-migration copy, when a non-empty database was migrated. */
  readonly backupFile: string | null;
  /** 'damaged' only in read-only mode (a writable open throws DbCorruptError instead); see problems. */
  readonly quickCheck: 'ok' | 'deferred' | 'skipped' | 'damaged';
  readonly problems: readonly string[];
  readonly audit: AuditVerifyResult;
  readonly ms: { readonly open: number; readonly quickCheck: number; readonly migrate: number; readonly audit: number; readonly total: number };
}

export interface BackgroundCheckResult {
  /** Empty when PRAGMA quick_check said ok. */
  readonly problems: readonly string[];
  readonly audit: AuditVerifyResult;
  readonly ms: number;
}

/** Store-bound helpers; src/core/settings uses exactly this surface as its SettingsStorage. */
export interface StoreKv {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
  getSecret(name: string): Uint8Array | null;
  putSecret(name: string, blob: Uint8Array): void;
  deleteSecret(name: string): void;
  audit(entry: AuditEntry): void;
  transaction<T>(fn: () => T): T;
}

export interface Store {
  readonly db: Database.Database;
  readonly file: string;
  readonly readonly: boolean;
  readonly audit: AuditLog;
  readonly kv: StoreKv;
  readonly startup: StartupReport;
  /** Runs fn in one transaction (BEGIN IMMEDIATE; nested calls become savepoints). */
  transaction<T>(fn: () => T): T;
  /**
   * For after ready: whole-file quick_check on a worker thread, then the full audit re-hash in slices
   * that yield to the event loop (advancing the checked mark). Run it after each start and, for a till
   * that stays open for weeks, daily.
   */
  backgroundCheck(): Promise<BackgroundCheckResult>;
  close(): void;
}

const now = (): number => performance.now();

/** The schema version that has the audit seal columns (migration 006-audit-seal). */
const AUDIT_SEAL_VERSION = MIGRATIONS.find((m) => m.name === 'audit-seal')?.version ?? Number.MAX_SAFE_INTEGER;

const binding = (nativeBinding: string | undefined): { nativeBinding?: string } => (nativeBinding ? { nativeBinding } : {});

/** Reads the version of an existing file through a read-only handle, so a refused file stays byte-identical. */
function probe(file: string, nativeBinding: string | undefined): { version: number; tables: number } | null {
  if (!existsSync(file) || statSync(file).size === 0) return null;
  const db = new Database(file, { readonly: true, fileMustExist: true, ...binding(nativeBinding) });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const version = userVersion(db);
    const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").get() as { n: number }).n;
    return { version, tables };
  } finally {
    db.close();
  }
}

function backupName(file: string, version: number, at: number): string {
  const stamp = new Date(at).toISOString().replace(/[-:]/g, '').replace(/\..*/, 'Z');
  const base = join(dirname(file), 'backups', `${basename(file)}.v${version}.${stamp}`);
  // VACUUM INTO refuses an existing file: never overwrite an earlier backup.
  let name = `${base}.bak`;
  for (let i = 1; existsSync(name); i++) name = `${base}-${i}.bak`;
  return name;
}

function setPragmas(db: Database.Database): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') throw new DbSettingsError(`journal_mode is ${String(mode)}, expected wal`);
  db.pragma('synchronous = FULL');
  const sync = db.pragma('synchronous', { simple: true });
  if (sync !== 2) throw new DbSettingsError(`synchronous is ${String(sync)}, expected 2 (FULL)`);
  db.pragma('foreign_keys = ON');
  if (db.pragma('foreign_keys', { simple: true }) !== 1) throw new DbSettingsError('foreign_keys did not turn on');
  // After a checkpoint the WAL file is cut back to this size instead of keeping its largest size forever.
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
}

function startupAudit(audit: AuditLog, version: number, ro: boolean): AuditVerifyResult {
  if (version < 2) return { ok: false, brokenAt: 0, reason: 'schema has no audit anchor yet' };
  try {
    return audit.verify();
  } catch (e) {
    // A damaged file in read-only mode may fail mid-walk; a writable open lets corruption propagate.
    if (ro && isCorruptionError(e)) return { ok: false, brokenAt: 0, reason: `audit log unreadable: ${String((e as Error).message)}` };
    throw e;
  }
}

export function openStore(file: string, opts: OpenStoreOptions = {}): Store {
  const clock = opts.clock ?? realClock;
  const list = opts.migrations ?? MIGRATIONS;
  const known = latestVersion(list);
  const t0 = now();
  // issue 11 point 2 (i11-staff): folder 0700, database (and so its WAL/SHM) 0600.
  privateDir(dirname(file));
  if (opts.readonly !== true) privateFile(file);

  let before: { version: number; tables: number } | null;
  try {
    before = probe(file, opts.nativeBinding);
  } catch (e) {
    if (isCorruptionError(e)) throw new DbCorruptError(file, [String((e as Error).message)], { cause: e });
    throw e;
  }
  if (before && before.version > known) throw new DbFromFutureError(file, before.version, known);
  if (before && before.version === 0 && before.tables > 0) throw new DbForeignError(file);

  const ro = opts.readonly === true;
  const db = new Database(file, ro ? { readonly: true, fileMustExist: true, ...binding(opts.nativeBinding) } : binding(opts.nativeBinding));
  try {
    if (ro) db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    else setPragmas(db);
    if (!ro) privateDbFiles(file);
    const tOpen = now();

    const size = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
    const mode = opts.quickCheck ?? 'auto';
    const runCheck = mode === 'full' || (mode === 'auto' && size <= (opts.quickCheckMaxBytes ?? DEFAULT_QUICK_CHECK_MAX_BYTES));
    const problems = runCheck ? quickCheckNow(db) : [];
    // Read-only mode exists to show and export what is still readable: report damage instead of refusing.
    if (problems.length > 0 && !ro) throw new DbCorruptError(file, problems);
    const tCheck = now();

    const from = userVersion(db);
    let backupFile: string | null = null;
    if (!ro && from > 0 && from < known) {
      // VACUUM INTO: a consistent copy made synchronously (db.backup() is async and openStore is not).
      backupFile = backupName(file, from, clock.now());
      privateDir(dirname(backupFile));
      db.prepare('VACUUM INTO ?').run(backupFile);
      privateDbFiles(backupFile);
    }
    const to = ro ? from : migrate(db, list).to;
    const tMigrate = now();

    const keyring = opts.secretBox && to >= AUDIT_SEAL_VERSION ? createAuditKeyring(db, opts.secretBox, () => clock.now()) : undefined;
    const audit = createAuditLog(db, clock, { readonly: ro, ...(keyring ? { keyring } : {}) });
    const auditResult = startupAudit(audit, to, ro);
    const tAudit = now();

    const transaction = <T>(fn: () => T): T => db.transaction(fn).immediate();
    // Every settings / secrets write reseals the security state in the same transaction (issue 11 point 4).
    const sealed = (write: () => void): void => transaction(() => {
      write();
      audit.reseal();
    });
    const kv: StoreKv = {
      get: (key) => getSetting(db, key),
      set: (key, value) => sealed(() => setSetting(db, key, value)),
      delete: (key) => sealed(() => deleteSetting(db, key)),
      getSecret: (name) => getSecret(db, name),
      putSecret: (name, blob) => sealed(() => putSecret(db, name, blob, clock.now())),
      deleteSecret: (name) => sealed(() => deleteSecret(db, name)),
      audit: (entry) => void audit.append(entry),
      transaction,
    };

    return {
      db,
      file,
      readonly: ro,
      audit,
      kv,
      transaction,
      startup: {
        fromVersion: from,
        toVersion: to,
        backupFile,
        quickCheck: problems.length > 0 ? 'damaged' : runCheck ? 'ok' : mode === 'off' ? 'skipped' : 'deferred',
        problems,
        audit: auditResult,
        ms: { open: tOpen - t0, quickCheck: tCheck - tOpen, migrate: tMigrate - tCheck, audit: tAudit - tMigrate, total: tAudit - t0 },
      },
      async backgroundCheck() {
        const t = now();
        const problems = await quickCheckOffThread(file, db, opts.nativeBinding);
        const result = await audit.verifyFullInSlices();
        return { problems, audit: result, ms: now() - t };
      },
      close: () => db.close(),
    };
  } catch (e) {
    db.close();
    if (e instanceof StoreError) throw e;
    if (isCorruptionError(e)) throw new DbCorruptError(file, [String((e as Error).message)], { cause: e });
    throw e;
  }
}
