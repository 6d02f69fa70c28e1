// Makes the outbox triggers of one till table (issue 16): AFTER INSERT (and AFTER UPDATE OF the listed
// columns) the row's columns, read from PRAGMA table_info when the migration runs, plus any extra
// expressions, go into hq_outbox as one JSON object. The same expression back-fills existing rows at
// enrolment (backfillSql). In the SQL, R stands for the row (NEW in a trigger, the table in a back-fill).
import type Database from 'better-sqlite3';

export interface OutboxSource {
  readonly table: string;
  /** The kind HQ sees ('receipt', 'refund', 'audit', 'shift', 'z_report', ...). */
  readonly kind: string;
  /** The row's key column. */
  readonly key: string;
  /** Columns whose change sends a new snapshot; absent = inserts only (append-only tables). */
  readonly updateOf?: readonly string[];
  /** More payload fields: name → SQL expression over R. */
  readonly extra?: Readonly<Record<string, string>>;
  /** issue 16.4 (i16-xrefund): only rows where this SQL condition over R holds enter the outbox. */
  readonly onlyIf?: string;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

function checkIdent(s: string): string {
  if (!IDENT.test(s)) throw new Error(`outbox source: '${s}' is not a plain identifier`);
  return s;
}

/** json_object(...) of the row R with every column of the table and the extras. */
export function payloadExpr(db: Database.Database, s: OutboxSource, row: string): string {
  const cols = (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(checkIdent(s.table)) as { name: string }[]).map((c) => c.name);
  if (cols.length === 0) throw new Error(`outbox source: table ${s.table} does not exist`);
  const parts = cols.map((c) => `'${checkIdent(c)}', ${row}.${c}`);
  for (const [name, expr] of Object.entries(s.extra ?? {})) parts.push(`'${checkIdent(name)}', ${expr.replace(/\bR\./g, `${row}.`)}`);
  return `json_object(${parts.join(', ')})`;
}

const NOW_MS = "CAST(unixepoch('subsec') * 1000 AS INTEGER)";

export function outboxTriggerSql(db: Database.Database, s: OutboxSource): string {
  const t = checkIdent(s.table);
  const insert = `INSERT INTO hq_outbox(kind, ref, payload, created_at) VALUES ('${checkIdent(s.kind)}', CAST(NEW.${checkIdent(s.key)} AS TEXT), ${payloadExpr(db, s, 'NEW')}, ${NOW_MS});`;
  const when = `WHEN EXISTS (SELECT 1 FROM hq_sync_state)${s.onlyIf ? ` AND (${s.onlyIf.replace(/\bR\./g, 'NEW.')})` : ''}`;
  let sql = `CREATE TRIGGER hq_outbox_${t}_ins AFTER INSERT ON ${t} ${when} BEGIN ${insert} END;\n`;
  if (s.updateOf && s.updateOf.length > 0)
    sql += `CREATE TRIGGER hq_outbox_${t}_upd AFTER UPDATE OF ${s.updateOf.map(checkIdent).join(', ')} ON ${t} ${when} BEGIN ${insert} END;\n`;
  return sql;
}

/** Every existing row of the table into the outbox (at enrolment), in key order. */
export function backfillSql(db: Database.Database, s: OutboxSource): string {
  const t = checkIdent(s.table);
  return `INSERT INTO hq_outbox(kind, ref, payload, created_at)
    SELECT '${checkIdent(s.kind)}', CAST(X.${checkIdent(s.key)} AS TEXT), ${payloadExpr(db, s, 'X')}, ${NOW_MS} FROM ${t} X${s.onlyIf ? ` WHERE ${s.onlyIf.replace(/\bR\./g, 'X.')}` : ''} ORDER BY X.${s.key}`;
}
