// X and Z reports (issue 13 point 3). X: the current business day so far, resets nothing. Z: closes a
// business day for good — one row per (mode, day), numbered 1, 2, 3... per mode in the same transaction
// that writes it (the schema refuses a gap, a redo, an edit or a delete), so a crash leaves either the
// whole Z or none of it, and the next number is always max + 1.
import { businessDay, formatBeijingDate, parseBeijingDate } from '../../common/beijing-time';
import type { DayReport } from '../../common/day';
import { err, ok, type Result } from '../../common/result';
import { stmt } from '../store/stmt';
import type { DayDeps } from './day-deps';
import { buildDayReport, readReconciliation } from './day-report';
import { readDaySettings } from './day-settings';
import { dayText } from './day-texts';

/** Kill points for the kill -9 suite (test/unit/day/z-crash.test.ts). */
export type ZCrashPoint = 'z.before-commit' | 'z.after-insert' | 'z.after-commit';

export interface ZReports {
  /** The business day containing now (or `day`, yyyyMMdd) as a snapshot. */
  x(day?: string): Result<DayReport>;
  close(input: { readonly day?: string }): Result<DayReport>;
  list(): readonly { readonly seq: number; readonly businessDay: string; readonly closedAt: number }[];
  get(seq: number): Result<DayReport>;
  /** true when the business day containing now already has its Z. */
  todayClosed(): boolean;
}

export function createZReports(deps: DayDeps, crash: (p: ZCrashPoint) => void = () => {}): ZReports {
  const db = deps.store.db;
  const range = (day: string | undefined): Result<{ start: number; end: number }> => {
    const cutoff = readDaySettings(db).cutoffHour;
    if (day === undefined) return ok(businessDay(deps.clock.now(), cutoff));
    const midnight = parseBeijingDate(day);
    if (midnight === null) return err('INVALID_PAYLOAD', 'A business day is written yyyyMMdd. / 营业日格式为 yyyyMMdd。');
    return ok(businessDay(midnight + cutoff * 3_600_000, cutoff));
  };
  const stored = (mode: string, seq: number): DayReport | null => {
    const r = stmt(db, 'SELECT report FROM z_reports WHERE mode = ? AND seq = ?').get(mode, seq) as { report: string } | undefined;
    return r ? (JSON.parse(r.report) as DayReport) : null;
  };
  const closedFor = (mode: string, dayKey: string): boolean =>
    stmt(db, 'SELECT 1 FROM z_reports WHERE mode = ? AND business_day = ?').get(mode, dayKey) !== undefined;

  return {
    x(day) {
      const r = range(day);
      if (!r.ok) return r;
      return ok(buildDayReport(db, { mode: deps.mode(), start: r.value.start, end: r.value.end, now: deps.clock.now() }));
    },
    close({ day }) {
      const who = deps.session.current();
      if (!who) return err('SHIFT_NO_STAFF', dayText.notSignedIn);
      const r = range(day);
      if (!r.ok) return r;
      const now = deps.clock.now();
      if (r.value.start > now) return err('INVALID_PAYLOAD', dayText.zFuture);
      const mode = deps.mode();
      const dayKey = formatBeijingDate(r.value.start);
      const open = stmt(db, 'SELECT count(*) AS n FROM shifts WHERE closed_at IS NULL').get() as { n: number };
      if (open.n > 0) return err('SHIFT_ALREADY_OPEN', dayText.zOpenShift);
      crash('z.before-commit');
      const result = deps.store.transaction((): DayReport | null => {
        if (closedFor(mode, dayKey)) return null;
        const seq = (stmt(db, 'SELECT coalesce(max(seq), 0) + 1 AS next FROM z_reports WHERE mode = ?').get(mode) as { next: number }).next;
        const report: DayReport = {
          ...buildDayReport(db, { mode, start: r.value.start, end: r.value.end, now }),
          kind: 'Z',
          seq,
          closedBy: who.name,
        };
        stmt(
          db,
          'INSERT INTO z_reports (mode, seq, business_day, day_start, day_end, closed_at, closed_by, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(mode, seq, dayKey, r.value.start, r.value.end, now, who.name, JSON.stringify(report));
        crash('z.after-insert');
        deps.store.audit.append({ actor: who.name, action: 'day.z', subject: `${mode}:${seq}`, detail: JSON.stringify({ businessDay: dayKey, netFen: report.total.netFen }) });
        return report;
      });
      if (!result) return err('Z_ALREADY_CLOSED', dayText.zDone(dayKey));
      crash('z.after-commit');
      return ok(result);
    },
    list() {
      const rows = stmt(db, 'SELECT seq, business_day, closed_at FROM z_reports WHERE mode = ? ORDER BY seq DESC LIMIT 400').all(deps.mode()) as {
        seq: number;
        business_day: string;
        closed_at: number;
      }[];
      return rows.map((r) => ({ seq: r.seq, businessDay: r.business_day, closedAt: r.closed_at }));
    },
    get(seq) {
      const report = stored(deps.mode(), seq);
      if (!report) return err('NOT_FOUND', 'No Z report with this number. / 没有这个编号的日结单。');
      // The reconciliation may have run after the Z: show the latest one with it.
      const rec = readReconciliation(db, report.mode, report.businessDay);
      return ok(rec ? { ...report, reconciliation: rec, feeFen: rec.feeFen } : report);
    },
    todayClosed() {
      const r = range(undefined);
      return r.ok && closedFor(deps.mode(), formatBeijingDate(r.value.start));
    },
  };
}
