// The X/Z report of one business day (issue 13 point 3), read from the store: per tender, per cashier,
// per hour, the drawer of the shifts closed that day, voids and cancels, and the reconciliation's fees.
// Every query walks an index range of the day only (bench/day-report.bench.ts: ≤ 50 ms p99 at 1M receipts).
import type Database from 'better-sqlite3';
import type { Mode } from '../../common/api';
import { formatBeijingDate } from '../../common/beijing-time';
import type { CashierTotals, DayReport, HourTotals, ReconcileSummary, TenderTotals } from '../../common/day';
import { REFUND_SUCCESS_STATE } from '../store/history';
import { stmt } from '../store/stmt';

const HOUR_MS = 3_600_000;

const WECHAT_SALES_SQL =
  'SELECT s.cashier AS who, CAST((r.paid_at - ?) / 3600000 AS INTEGER) AS h, count(*) AS n, sum(r.total_fen) AS fen ' +
  'FROM receipts r INDEXED BY receipts_paid_at CROSS JOIN sales s ' +
  'WHERE r.mode = ? AND r.paid_at >= ? AND r.paid_at < ? AND s.id = r.sale_id AND r.origin_till_id IS NULL GROUP BY who, h'; // issue 16.4: another till's sale mirrored here is not this till's
const WECHAT_REFUNDS_SQL =
  'SELECT s.cashier AS who, sum(f.amount_fen) AS fen FROM refunds f INDEXED BY refunds_final CROSS JOIN receipts r CROSS JOIN sales s ' +
  'WHERE f.final_at >= ? AND f.final_at < ? AND f.state = ? AND r.id = f.receipt_id AND r.mode = ? AND s.id = r.sale_id GROUP BY who';
const CASH_SALES_SQL =
  'SELECT s.cashier AS who, CAST((c.paid_at - ?) / 3600000 AS INTEGER) AS h, count(*) AS n, sum(c.due_fen) AS fen, sum(c.rounding_fen) AS rnd, ' +
  // issue 13.1: cash parts of split sales (their sale is counted with its WeChat receipt)
  'sum(EXISTS (SELECT 1 FROM split_tenders t WHERE t.sale_id = c.sale_id)) AS ns ' +
  'FROM cash_tenders c INDEXED BY cash_tenders_paid_at CROSS JOIN sales s ' +
  'WHERE c.mode = ? AND c.paid_at >= ? AND c.paid_at < ? AND s.id = c.sale_id GROUP BY who, h';
const CASH_REFUNDS_SQL =
  'SELECT s.cashier AS who, sum(x.amount_fen) AS fen FROM cash_refunds x INDEXED BY cash_refunds_at CROSS JOIN sales s ' +
  'WHERE x.mode = ? AND x.at >= ? AND x.at < ? AND s.id = x.sale_id GROUP BY who';
const PAID_AFTER_CANCEL_SQL =
  'SELECT count(*) AS n FROM receipts INDEXED BY receipts_after_cancel WHERE mode = ? AND paid_at >= ? AND paid_at < ? AND paid_after_cancel = 1';
const ENDED_SQL =
  "SELECT a.state AS state, (a.cancel_requested_at IS NOT NULL) AS cancelled, count(*) AS n " +
  'FROM payment_attempts a INDEXED BY payment_attempts_ended CROSS JOIN sales s ' +
  "WHERE a.final_at >= ? AND a.final_at < ? AND a.state <> 'PAID' AND s.id = a.sale_id AND s.mode = ? GROUP BY state, cancelled";
const DRAWER_SQL =
  'SELECT count(*) AS n, coalesce(sum(float_fen), 0) AS flt, coalesce(sum(expected_fen), 0) AS exp, ' +
  'coalesce(sum(counted_fen), 0) AS cnt, coalesce(sum(diff_fen), 0) AS diff FROM shifts INDEXED BY shifts_closed ' +
  'WHERE mode = ? AND closed_at >= ? AND closed_at < ?';
const OPEN_SHIFTS_SQL = 'SELECT count(*) AS n FROM shifts WHERE mode = ? AND closed_at IS NULL AND opened_at < ?';
const RECONCILIATION_SQL = 'SELECT result FROM reconciliations WHERE mode = ? AND bill_date = ?';

interface Acc {
  count: number;
  gross: number;
  refunds: number;
}
const acc = (): Acc => ({ count: 0, gross: 0, refunds: 0 });
const totals = (a: Acc): TenderTotals => ({ count: a.count, grossFen: a.gross, refundsFen: a.refunds, netFen: a.gross - a.refunds });

export function readReconciliation(db: Database.Database, mode: Mode, billDate: string): ReconcileSummary | null {
  const row = stmt(db, RECONCILIATION_SQL).get(mode, billDate) as { result: string } | undefined;
  return row ? (JSON.parse(row.result) as ReconcileSummary) : null;
}

export function buildDayReport(
  db: Database.Database,
  q: { readonly mode: Mode; readonly start: number; readonly end: number; readonly now: number },
): DayReport {
  const { mode, start, end } = q;
  const wechat = acc();
  const cash = acc();
  let rounding = 0;
  const byCashier = new Map<string, Acc>();
  const who = (name: string): Acc => {
    let a = byCashier.get(name);
    if (!a) byCashier.set(name, (a = acc()));
    return a;
  };
  const hours: { wechatFen: number; cashFen: number; count: number }[] = Array.from({ length: Math.ceil((end - start) / HOUR_MS) }, () => ({
    wechatFen: 0,
    cashFen: 0,
    count: 0,
  }));

  type SaleRow = { who: string; h: number; n: number; fen: number; rnd?: number; ns?: number };
  // issue 13.1: a split sale counts once in the sales count (total, per cashier, per hour: with its WeChat
  // receipt) and once in each tender's count (cash and WeChat each took part of it); its amounts add to each tender.
  let splitSales = 0;
  for (const r of stmt(db, WECHAT_SALES_SQL).all(start, mode, start, end) as SaleRow[]) {
    wechat.count += r.n;
    wechat.gross += r.fen;
    const c = who(r.who);
    c.count += r.n;
    c.gross += r.fen;
    const h = hours[r.h];
    if (h) {
      h.wechatFen += r.fen;
      h.count += r.n;
    }
  }
  for (const r of stmt(db, CASH_SALES_SQL).all(start, mode, start, end) as SaleRow[]) {
    const ns = r.ns ?? 0;
    splitSales += ns;
    cash.count += r.n;
    cash.gross += r.fen;
    rounding += r.rnd ?? 0;
    const c = who(r.who);
    c.count += r.n - ns;
    c.gross += r.fen;
    const h = hours[r.h];
    if (h) {
      h.cashFen += r.fen;
      h.count += r.n - ns;
    }
  }
  for (const r of stmt(db, WECHAT_REFUNDS_SQL).all(start, end, REFUND_SUCCESS_STATE, mode) as { who: string; fen: number }[]) {
    wechat.refunds += r.fen;
    who(r.who).refunds += r.fen;
  }
  for (const r of stmt(db, CASH_REFUNDS_SQL).all(mode, start, end) as { who: string; fen: number }[]) {
    cash.refunds += r.fen;
    who(r.who).refunds += r.fen;
  }

  const voids = { cancelled: 0, expiredOrClosed: 0, failed: 0 };
  for (const r of stmt(db, ENDED_SQL).all(start, end, mode) as { state: string; cancelled: number; n: number }[]) {
    if (r.state === 'FAILED') voids.failed += r.n;
    else if (r.cancelled) voids.cancelled += r.n;
    else voids.expiredOrClosed += r.n;
  }
  const pac = (stmt(db, PAID_AFTER_CANCEL_SQL).get(mode, start, end) as { n: number }).n;
  const d = stmt(db, DRAWER_SQL).get(mode, start, end) as { n: number; flt: number; exp: number; cnt: number; diff: number };
  const open = (stmt(db, OPEN_SHIFTS_SQL).get(mode, end) as { n: number }).n;
  const reconciliation = readReconciliation(db, mode, formatBeijingDate(start));

  const cashiers: CashierTotals[] = [...byCashier.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([cashier, a]) => ({ cashier, ...totals(a) }));
  const hourList: HourTotals[] = hours.map((h, hour) => ({ hour, ...h }));
  const all: Acc = { count: wechat.count + cash.count - splitSales, gross: wechat.gross + cash.gross, refunds: wechat.refunds + cash.refunds };
  return {
    kind: 'X',
    seq: null,
    businessDay: formatBeijingDate(start),
    dayStart: start,
    dayEnd: end,
    mode,
    generatedAt: q.now,
    closedBy: null,
    total: totals(all),
    wechat: totals(wechat),
    cash: { ...totals(cash), roundingFen: rounding },
    cashiers,
    hours: hourList,
    drawer: { shiftsClosed: d.n, shiftsOpen: open, floatFen: d.flt, expectedFen: d.exp, countedFen: d.cnt, diffFen: d.diff },
    voids: { ...voids, paidAfterCancel: pac },
    feeFen: reconciliation?.feeFen ?? null,
    reconciliation,
  };
}
