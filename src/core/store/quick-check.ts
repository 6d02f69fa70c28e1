// PRAGMA quick_check of a whole file. At 1,000,000 receipts it takes seconds (docs/bench/store.md), too
// long to block Electron's main thread, so after ready it runs on a worker thread with its own read-only
// connection (WAL lets it read a consistent snapshot while the till keeps writing). If a worker cannot be
// started (an unusual bundle), it runs on the calling thread instead.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { BUSY_TIMEOUT_MS } from './constants';

/** Problems reported by quick_check; empty when it said "ok". */
export function quickCheckNow(db: Database.Database): string[] {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  const msgs = rows.map((r) => r.quick_check);
  return msgs.length === 1 && msgs[0] === 'ok' ? [] : msgs;
}

// Plain CommonJS so it runs as an eval worker without any loader or bundler step.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let db;
try {
  const Database = require(workerData.driver);
  db = new Database(workerData.file, Object.assign({ readonly: true, fileMustExist: true }, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}));
  db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
  const rows = db.pragma('quick_check').map((r) => r.quick_check);
  parentPort.postMessage({ ok: true, rows });
} catch (e) {
  parentPort.postMessage({ ok: false, code: e && e.code, message: String(e && e.message) });
} finally {
  if (db) db.close();
}
`;

type WorkerReply = { ok: true; rows: string[] } | { ok: false; code?: string; message: string };

function driverPath(): string {
  return createRequire(import.meta.url).resolve('better-sqlite3');
}

/** Runs quick_check on a worker thread; resolves with its problems (a failure to read is a problem too). */
export function quickCheckInWorker(file: string, nativeBinding?: string): Promise<string[]> {
  return new Promise<string[]>((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver: driverPath(), busyTimeoutMs: BUSY_TIMEOUT_MS, nativeBinding } });
    } catch (e) {
      reject(e);
      return;
    }
    let settled = false;
    worker.once('message', (m: WorkerReply) => {
      settled = true;
      if (m.ok) resolve(m.rows.length === 1 && m.rows[0] === 'ok' ? [] : m.rows);
      else resolve([`${m.code ?? 'ERROR'}: ${m.message}`]);
    });
    worker.once('error', (e) => {
      if (!settled) reject(e);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`quick_check worker exited with code ${code}`));
    });
  });
}

/** Worker first; the calling thread if no worker can run. */
export async function quickCheckOffThread(file: string, db: Database.Database, nativeBinding?: string): Promise<string[]> {
  try {
    return await quickCheckInWorker(file, nativeBinding);
  } catch {
    return quickCheckNow(db);
  }
}
