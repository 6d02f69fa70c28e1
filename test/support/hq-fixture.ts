// Shared set-up of the HQ suites: a real PostgreSQL database per test, the HQ HTTPS service on it with a
// fresh self-signed certificate, and tills on real SQLite files that enrol with a one-time code and push
// through the pinned transport. Helpers compare HQ row by row with the tills' files.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type pg from 'pg';
import { realClock, type Clock } from '../../src/common/clock';
import { migrate } from '../../src/core/store/migrations';
import { seedReceipts } from '../../src/core/store/seed-receipts';
import { enrolAtHq } from '../../src/core/sync/enrol';
import { createHqTransport, type HqTransport } from '../../src/core/sync/hq-transport';
import { OutboxPusher } from '../../src/core/sync/pusher';
import { HQ_MIGRATIONS, migrateHq, type HqMigration } from '../../src/hq/db/migrate';
import { createHqPool, startHqServer, type HqServer } from '../../src/hq/server';
import { createEnrolCode } from '../../src/hq/tills';
import { selfSignedCert, type HqCert } from '../../src/hq/tls-cert';
import type { PgServer } from './pg-server';

export const quietLog = { info: (): void => undefined, warn: (): void => undefined, error: (): void => undefined };

let dbCounter = 0;

export interface Hq {
  pool: pg.Pool;
  server: HqServer;
  cert: HqCert;
  dbUrl: string;
  /** Stop the HTTPS service (a kill: open connections are cut). */
  kill(): Promise<void>;
  /** Start it again on the same database, certificate and port. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startHq(pgs: PgServer, cert: HqCert = selfSignedCert(['localhost'], ['127.0.0.1']), migrations: readonly HqMigration[] = HQ_MIGRATIONS): Promise<Hq> {
  const dbUrl = await pgs.createDatabase(`hq_${process.pid}_${++dbCounter}`);
  const pool = createHqPool(dbUrl, 20);
  await migrateHq(pool, migrations); // an older schema for a test of a later step's back-fill
  const hq: Hq = {
    pool,
    cert,
    dbUrl,
    server: await startHqServer({ pool, cert, log: quietLog }),
    async kill() {
      await hq.server.close();
    },
    async restart() {
      hq.server = await startHqServer({ pool, cert, log: quietLog }, Number(new URL(hq.server.url).port));
    },
    async close() {
      await hq.server.close().catch(() => undefined);
      await pool.end();
    },
  };
  return hq;
}

export interface Till {
  name: string;
  file: string;
  db: Database.Database;
  tillId: string;
  token: string;
  transport: HqTransport;
  pusher: OutboxPusher;
  /** Point the till at HQ's current URL (after a restart on another port). */
  reconnect(url: string): void;
  close(): Promise<void>;
}

const dirs: string[] = [];
export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'wxpay-till-'));
  dirs.push(d);
  return d;
}
export function removeTempDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A till on its own SQLite file, enrolled at HQ with a code the owner made. */
export async function enrolledTill(hq: Hq, name: string, clock: Clock = realClock): Promise<Till> {
  const file = join(tempDir(), `${name}.sqlite`);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  migrate(db);
  const code = await createEnrolCode(hq.pool, name);
  const r = await enrolAtHq(db, clock, hq.server.url, hq.cert.fingerprint, code);
  if (!r.ok) throw new Error(`enrolment failed: ${r.message}`);
  const till: Till = {
    name,
    file,
    db,
    tillId: r.value.tillId,
    token: r.value.token,
    transport: createHqTransport(hq.server.url, r.value.certPem),
    pusher: null as unknown as OutboxPusher,
    reconnect(url: string) {
      void till.transport.close();
      till.transport = createHqTransport(url, r.value.certPem);
    },
    async close() {
      await till.pusher.stop();
      await till.transport.close();
      db.close();
    },
  };
  till.pusher = new OutboxPusher({ db, clock, transport: { post: (p, b, t) => till.transport.post(p, b, t), get: (p, t) => till.transport.get(p, t), close: async () => undefined }, token: () => till.token });
  return till;
}

let seedCounter = 0;
/** n paid sales (with some refunds and audit rows) on the till, written like the till writes them. */
export function sell(till: Till, n: number, startMs = Date.UTC(2026, 10, 28, 2)): void {
  seedReceipts(till.db, { count: n, startMs: startMs + seedCounter * 1e7, seed: ++seedCounter, tillId: till.name, meanGapMs: 5_000 });
}

interface Row { id: string; out_trade_no: string; transaction_id: string; total_fen: number; refunded_fen: number; paid_at: number }

/** HQ's receipts and refunds of a till, compared with the till's SQLite file row by row. */
export async function compareWithHq(hq: Hq, till: Till): Promise<{ tillReceipts: number; hqReceipts: number; missing: string[]; extra: string[]; different: string[]; refundsMatch: boolean }> {
  const local = till.db.prepare('SELECT id, out_trade_no, transaction_id, total_fen, refunded_fen, paid_at FROM receipts ORDER BY id').all() as Row[];
  const remote = (await hq.pool.query('SELECT id, out_trade_no, transaction_id, total_fen, refunded_fen, paid_at FROM receipts WHERE till_id = $1 ORDER BY id', [till.tillId])).rows.map(
    (r) => ({ ...r, total_fen: Number(r.total_fen), refunded_fen: Number(r.refunded_fen), paid_at: Number(r.paid_at) }),
  ) as Row[];
  const byId = new Map(remote.map((r) => [r.id, r]));
  const localIds = new Set(local.map((r) => r.id));
  const missing = local.filter((r) => !byId.has(r.id)).map((r) => r.id);
  const extra = remote.filter((r) => !localIds.has(r.id)).map((r) => r.id);
  const different = local.filter((r) => byId.has(r.id) && JSON.stringify(r) !== JSON.stringify(byId.get(r.id))).map((r) => r.id);
  const lr = till.db.prepare('SELECT id, out_refund_no, amount_fen, state FROM refunds ORDER BY id').all() as { id: string; out_refund_no: string; amount_fen: number; state: string }[];
  const rr = (await hq.pool.query('SELECT id, out_refund_no, amount_fen, state FROM refunds WHERE till_id = $1 ORDER BY id', [till.tillId])).rows.map((r) => ({ ...r, amount_fen: Number(r.amount_fen) }));
  return { tillReceipts: local.length, hqReceipts: remote.length, missing, extra, different, refundsMatch: JSON.stringify(lr) === JSON.stringify(rr) };
}
