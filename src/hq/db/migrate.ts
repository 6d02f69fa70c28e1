// Ordered HQ schema steps, like the till's (src/core/store/migrations): each step runs once, in its own
// transaction that also records it, under an advisory lock so two HQ processes starting together do
// not both migrate. Append only: a shipped step is never edited.
import type pg from 'pg';
import { HQ_SCHEMA_001 } from './schema-001';
import { HQ_SCHEMA_002 } from './schema-002';
import { HQ_SCHEMA_003 } from './schema-003';
import { HQ_SCHEMA_004 } from './schema-004'; // --- issue 16.4 reservation expiry, payment search (i16-xrefund)
import { HQ_SCHEMA_005 } from './schema-005'; // --- cross-till refunds counted at HQ (i16-hqrefunds)

export interface HqMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const HQ_MIGRATIONS: readonly HqMigration[] = [
  { version: 1, name: 'tills-events-receipts-refunds', sql: HQ_SCHEMA_001 },
  { version: 2, name: 'catalog-and-settings', sql: HQ_SCHEMA_002 },
  { version: 3, name: 'day-totals', sql: HQ_SCHEMA_003 },
  // --- issue 16.4 (i16-xrefund): reservation expiry, payment search
  { version: 4, name: 'reservation-expiry-and-payment-search', sql: HQ_SCHEMA_004 },
  // --- cross-till refunds counted at HQ (i16-hqrefunds): foreign refunds on the paying receipt and in day totals
  { version: 5, name: 'foreign-refunds-on-receipts', sql: HQ_SCHEMA_005 },
];

const LOCK_KEY = 7_016_016; // any constant shared by every HQ process

export function assertHqOrdered(list: readonly HqMigration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`HQ migration list out of order: position ${i} has version ${m.version}, expected ${i + 1}`);
  });
}

/** Runs every step above the recorded version; returns the versions before and after. */
export async function migrateHq(pool: pg.Pool, list: readonly HqMigration[] = HQ_MIGRATIONS): Promise<{ from: number; to: number }> {
  assertHqOrdered(list);
  const c = await pool.connect();
  try {
    await c.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await c.query('CREATE TABLE IF NOT EXISTS hq_schema_version (version INT PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
    const cur = await c.query<{ v: number | null }>('SELECT max(version) AS v FROM hq_schema_version');
    const from = cur.rows[0]?.v ?? 0;
    const newest = list.length;
    if (from > newest) throw new Error(`the HQ database is at schema ${from}, newer than this program (${newest}): upgrade wxpay-pos / 数据库版本比程序新`);
    for (const m of list) {
      if (m.version <= from) continue;
      await c.query('BEGIN');
      try {
        await c.query(m.sql);
        await c.query('INSERT INTO hq_schema_version(version, name) VALUES ($1, $2)', [m.version, m.name]);
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK');
        throw new Error(`HQ migration ${m.version} (${m.name}) failed: ${(e as Error).message}`);
      }
    }
    return { from, to: Math.max(from, newest) };
  } finally {
    await c.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    c.release();
  }
}
