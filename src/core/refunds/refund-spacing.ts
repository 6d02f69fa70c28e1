// Refunds of one order must be a minute apart (WeChat's rule). Measured on the monotonic clock for the
// refunds this process created, so setting the wall clock neither blocks nor unblocks a refund (issue 10
// point 6); a refund from before a restart is measured by its stored wall time.
import type Database from 'better-sqlite3';
import { monotonicNow, type Clock } from '../../common/clock';

interface Created {
  readonly wallAt: number;
  readonly monoAt: number;
}

/** Per database (one per store instance): receipt id -> the last refund this process created for it. */
const created = new WeakMap<Database.Database, Map<string, Created>>();

function seen(db: Database.Database): Map<string, Created> {
  let m = created.get(db);
  if (!m) created.set(db, (m = new Map()));
  return m;
}

/** True when the receipt's last refund (created at lastCreatedAt, wall time) is less than spacingMs ago. */
export function refundTooSoon(
  db: Database.Database,
  clock: Clock,
  receiptId: string,
  lastCreatedAt: number | null,
  spacingMs: number,
): boolean {
  if (lastCreatedAt === null) return false;
  const mine = seen(db).get(receiptId);
  if (mine && mine.wallAt === lastCreatedAt) return monotonicNow(clock) - mine.monoAt < spacingMs;
  return clock.now() - lastCreatedAt < spacingMs;
}

/** Called once a refund row is committed. */
export function noteRefundCreated(db: Database.Database, clock: Clock, receiptId: string, wallAt: number): void {
  seen(db).set(receiptId, { wallAt, monoAt: monotonicNow(clock) });
}
