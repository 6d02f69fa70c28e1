// Alerts the till shows until dismissed (paid after cancel: offer a refund; refund CHANGE; ...).
import type Database from 'better-sqlite3';
import type { Alert } from '../../../common/api';
import { stmt } from '../stmt';

export type AlertKind = Alert['kind'];

export function insertAlert(
  db: Database.Database,
  a: { id: string; kind: AlertKind; saleId: string | null; amountFen: number; message: string; createdAt: number },
): Alert {
  stmt(db, 'INSERT INTO alerts (id, kind, sale_id, amount_fen, message, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    a.id,
    a.kind,
    a.saleId,
    a.amountFen,
    a.message,
    a.createdAt,
  );
  return { alertId: a.id, kind: a.kind, saleId: a.saleId, amountFen: a.amountFen, createdAt: a.createdAt, message: a.message };
}

const KINDS: readonly AlertKind[] = [
  'PAID_AFTER_CANCEL',
  'REFUND_CHANGE',
  'AMOUNT_MISMATCH',
  'AUDIT_BROKEN',
  'PIN_LOCKOUT',
  'PAID_NOT_RECORDED',
  'REFUND_NOT_ACCEPTED',
  'REFUND_CLOSED',
  'NEW_OWNER', // issue 11 point 3 (i11-staff)
];

/** Whether this sale ever had an alert of this kind (dismissed or not): an alert that repeats per retry is noise. */
export function hasAlert(db: Database.Database, saleId: string, kind: AlertKind): boolean {
  return stmt(db, 'SELECT 1 FROM alerts WHERE sale_id = ? AND kind = ? LIMIT 1').get(saleId, kind) !== undefined;
}

export function listOpenAlerts(db: Database.Database): Alert[] {
  const rows = stmt(
    db,
    'SELECT id, kind, sale_id, amount_fen, message, created_at FROM alerts WHERE dismissed_at IS NULL ORDER BY created_at, id',
  ).all() as { id: string; kind: string; sale_id: string | null; amount_fen: number; message: string; created_at: number }[];
  const out: Alert[] = [];
  for (const r of rows) {
    // Kinds written by other parts of the app that the view type does not know are shown as the
    // most serious known kind rather than hidden.
    const kind = (KINDS as readonly string[]).includes(r.kind) ? (r.kind as AlertKind) : 'AUDIT_BROKEN';
    out.push({ alertId: r.id, kind, saleId: r.sale_id, amountFen: r.amount_fen, createdAt: r.created_at, message: r.message });
  }
  return out;
}

/** Dismisses the open alerts of one kind about one subject (e.g. an out_refund_no named in the message). */
export function dismissAlertsAbout(db: Database.Database, kind: AlertKind, subject: string, now: number): number {
  return stmt(db, "UPDATE alerts SET dismissed_at = ? WHERE kind = ? AND dismissed_at IS NULL AND instr(message, ?) > 0").run(now, kind, subject).changes;
}

export function dismissAlert(db: Database.Database, id: string, now: number): boolean {
  return stmt(db, 'UPDATE alerts SET dismissed_at = ? WHERE id = ? AND dismissed_at IS NULL').run(now, id).changes === 1;
}
