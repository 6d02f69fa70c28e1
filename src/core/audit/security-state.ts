// What the audit seal covers besides the log itself (issue 11 point 4): every settings row (mode,
// merchant ids, caps, certificate fingerprint, PIN records, store name...) and every secrets row (the
// encrypted API key and certificate), plus the tables listed in SECURITY_TABLES. Deleting or editing
// any of them outside the app shows as a broken chain at the next start.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/** The audit key's own blob: its absence is reported on its own ("key missing"), not as a state change. */
export const AUDIT_KEY_SECRET = 'audit.key';

/**
 * Further tables whose every row is security state (issue 11 points 1-3: staff accounts and PIN
 * records). Their writers append an audit entry in the same transaction, which reseals. Listed by name;
 * a table not yet created (an older schema) is skipped.
 */
export const SECURITY_TABLES: readonly string[] = ['staff'];

const tableExists = (db: Database.Database, name: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;

/** SHA-256 over the covered rows in a fixed order. */
export function securityStateDigest(db: Database.Database, tables: readonly string[] = SECURITY_TABLES): string {
  const h = createHash('sha256');
  for (const r of db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings ORDER BY key').iterate()) {
    h.update(JSON.stringify(['s', r.key, r.value]));
  }
  for (const r of db
    .prepare<[string], { name: string; blob: Buffer }>('SELECT name, blob FROM secrets WHERE name <> ? ORDER BY name')
    .iterate(AUDIT_KEY_SECRET)) {
    h.update(JSON.stringify(['k', r.name, Buffer.from(r.blob).toString('base64')]));
  }
  for (const t of tables) {
    if (!/^[a-z_][a-z0-9_]*$/.test(t) || !tableExists(db, t)) continue;
    for (const r of db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).iterate()) h.update(JSON.stringify(['t', t, r]));
  }
  return h.digest('hex');
}
