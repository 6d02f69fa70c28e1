// The ordered list of schema steps, keyed to PRAGMA user_version (0 = empty file). Append only:
// a shipped step is never edited or removed.
import type Database from 'better-sqlite3';
import { MigrationError } from '../errors';
import { migration001 } from './001-initial';
import { migration002 } from './002-history-indexes';
import { migration003 } from './003-sale-mode';
import { migration004 } from './004-refund-ends';
import { migration005 } from './005-staff'; // issue 11 (i11-staff)
import { migration006 } from './006-audit-seal'; // issue 11 point 4
import { migration007 } from './007-shifts-day'; // issue 13 (i13-day)
import { migration008 } from './008-quick-pay'; // issue 12
import { migration009 } from './009-catalog-and-history-tail'; // issue 15
import { migration010 } from './010-print-queue'; // issue 14
import type { Migration } from './types';
// --- issue 16 head office: the outbox (011; version 5 on the i16-hq branch alone, see the file)
import { migration011 } from './011-hq-outbox';
// --- issue 13 point 1 (w2-cash): cash sales in History (012)
import { migration012 } from './012-cash-history';
// --- issue 13.1 split tender (i13-split): split cash + WeChat (013)
import { migration013 } from './013-split-tender';
// --- issue 16.4 cross-till refund (i16-xrefund): foreign receipts (014)
import { migration014 } from './014-foreign-receipts';

export type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011, migration012, migration013, migration014];

/** Throws unless versions run 1, 2, 3, ... with no gap or repeat (a typo here would skip a step). */
export function assertOrdered(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`migration list out of order: position ${i} has version ${m.version}, expected ${i + 1}`);
    }
  });
}

export function latestVersion(list: readonly Migration[] = MIGRATIONS): number {
  return list.length === 0 ? 0 : list[list.length - 1]!.version;
}

export function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Runs every step above the file's user_version, each in its own transaction that also sets
 * user_version, so a crash leaves the file at a whole step. Returns the versions before and after.
 */
export function migrate(
  db: Database.Database,
  list: readonly Migration[] = MIGRATIONS,
  upTo: number = latestVersion(list),
): { from: number; to: number } {
  assertOrdered(list);
  const from = userVersion(db);
  for (const m of list) {
    if (m.version <= from || m.version > upTo) continue;
    const step = db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    });
    try {
      step.immediate();
    } catch (e) {
      throw new MigrationError(m.version, m.name, e);
    }
  }
  return { from, to: userVersion(db) };
}
