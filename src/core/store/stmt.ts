// Prepared statements, one per SQL text and connection: a repository call prepares its statement on
// first use and reuses it afterwards, so a watcher's poll tick prepares nothing. The SQL texts are
// fixed strings (plus the history screen's few filter shapes), so the cache needs no eviction.
import type Database from 'better-sqlite3';

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function stmt(db: Database.Database, sql: string): Database.Statement {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let st = m.get(sql);
  if (!st) m.set(sql, (st = db.prepare(sql)));
  return st;
}
