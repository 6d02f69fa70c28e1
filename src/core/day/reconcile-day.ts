// Reconciliation of one bill date (issue 13 point 4): download WeChat's ALL bill (GZIP), parse it
// exactly, match it against the till's records of that Beijing date, settle differences with
// orderquery before reporting them, and store the result for that day's Z report. "Bill Creating"
// (or too early: before 10:00 the next day) is 'not-yet', never stored; a refused bill stores nothing.
import type { Mode } from '../../common/api';
import { DAY_MS, formatBeijingDate, parseBeijingDate } from '../../common/beijing-time';
import type { Clock } from '../../common/clock';
import type { ReconcileLine, ReconcileSummary } from '../../common/day';
import { err, ok, type Result } from '../../common/result';
import { parseBillResult, reconcileDay, settleDifferences, type Difference, type ReconcileReport, type Settle } from '../reconcile';
import type { Store } from '../store';
import { stmt } from '../store/stmt';
import type { WxPayClient } from '../wxpay/types';
import { loadLocalDay } from './local-day';

/** Bills are fetched from 10:00 Beijing the day after (docs/reconciliation.md); kept for 3 months. */
export const BILL_READY_AFTER_MS = DAY_MS + 10 * 3_600_000;
export const BILL_KEPT_DAYS = 90;

export interface ReconcileRunDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly mode: () => Mode;
  readonly gateway: () => WxPayClient;
}

export function billReadyAt(billDate: string): number | null {
  const start = parseBeijingDate(billDate);
  return start === null ? null : start + BILL_READY_AFTER_MS;
}

/** The latest bill date whose bill may be fetched at `now`. */
export function latestBillDate(now: number): string {
  return formatBeijingDate(now - BILL_READY_AFTER_MS);
}

const milliFenToFen = (m: number): number => (m - (m % 1000)) / 1000 + (m % 1000 >= 500 ? 1 : 0);

function line(d: Difference): ReconcileLine {
  switch (d.kind) {
    case 'long':
      return { kind: d.kind, outTradeNo: d.outTradeNo, localFen: null, billFen: d.billFen, note: `on the bill, not at the till / 账单有、本机无 (line ${d.line})` };
    case 'short':
      return { kind: d.kind, outTradeNo: d.outTradeNo, localFen: d.localFen, billFen: null, note: 'at the till, not on the bill / 本机有、账单无' };
    case 'amount':
      return { kind: d.kind, outTradeNo: d.outTradeNo, localFen: d.localFen, billFen: d.billFen, note: `amount differs / 金额不符 (line ${d.line})` };
    case 'status':
      return { kind: d.kind, outTradeNo: d.outTradeNo, localFen: null, billFen: null, note: `till ${d.local}, bill ${d.bill} / 状态不符 (line ${d.line})` };
    case 'refund-long':
      return { kind: d.kind, outTradeNo: d.outTradeNo, localFen: null, billFen: d.billFen, note: `refund ${d.outRefundNo} on the bill only / 退款仅账单有` };
    case 'refund-short':
      return { kind: d.kind, outTradeNo: d.outTradeNo, localFen: d.localFen, billFen: null, note: `refund ${d.outRefundNo} at the till only / 退款仅本机有` };
    case 'refund-amount':
      return { kind: d.kind, outTradeNo: d.outTradeNo, localFen: d.localFen, billFen: d.billFen, note: `refund ${d.outRefundNo} amount differs / 退款金额不符` };
    case 'refund-status':
      return { kind: d.kind, outTradeNo: d.outTradeNo, localFen: null, billFen: null, note: `refund ${d.outRefundNo}: till ${d.local}, bill ${d.bill} / 退款状态不符` };
    default: {
      const never: never = d;
      return never;
    }
  }
}

export function summarise(billDate: string, ranAt: number, r: ReconcileReport): ReconcileSummary {
  const clean = r.differences.length === 0;
  return {
    billDate,
    ranAt,
    clean,
    feeFen: r.billTotals ? milliFenToFen(r.feeTotalMilliFen) : 0,
    outcome: clean ? 'matched' : 'differences',
    message: clean
      ? `${r.matchedPayments} payments and ${r.matchedRefunds} refunds match the bill. / 账单与本机一致。`
      : `${r.differences.length} difference(s) with WeChat's bill; ${r.matchedPayments} payments match. / 与微信账单有 ${r.differences.length} 处不符。`,
    lines: r.differences.map(line),
  };
}

/** A payment the bill lacks is settled when WeChat says it was paid on another date (it is on that day's bill). */
function settleWith(client: WxPayClient, billDate: string): Settle {
  return async (d) => {
    if (d.kind !== 'short') return 'still-different';
    const q = await client.orderQuery({ outTradeNo: d.outTradeNo });
    if (q.kind !== 'ok' || q.value.tradeState !== 'SUCCESS' || q.value.totalFee !== d.localFen) return 'still-different';
    return q.value.timeEnd !== null && q.value.timeEnd.slice(0, 8) !== billDate ? 'resolved' : 'still-different';
  };
}

export async function reconcileBillDate(deps: ReconcileRunDeps, billDate: string): Promise<Result<ReconcileSummary>> {
  const start = parseBeijingDate(billDate);
  if (start === null) return err('INVALID_PAYLOAD', 'A bill date is written yyyyMMdd. / 账单日期格式为 yyyyMMdd。');
  const now = deps.clock.now();
  const notYet = (message: string): Result<ReconcileSummary> =>
    ok({ billDate, ranAt: now, clean: false, feeFen: null, outcome: 'not-yet', message, lines: [] });
  if (now < start + BILL_READY_AFTER_MS) return notYet('The bill is ready from 10:00 the next day. / 账单次日 10:00 后可下载。');
  if (now - start > BILL_KEPT_DAYS * DAY_MS) return err('INVALID_PAYLOAD', 'WeChat keeps bills for 3 months only. / 微信只保留 3 个月内的账单。');
  const mode = deps.mode();
  const local = loadLocalDay(deps.store.db, mode, start, start + DAY_MS);
  const client = deps.gateway();
  const bill = await client.downloadBill({ billDate, billType: 'ALL', gzip: true });
  let report: ReconcileReport;
  if (bill.kind === 'ok') {
    const parsed = parseBillResult(bill.value);
    if (!parsed.ok) return err('GATEWAY_ERROR', `The bill was refused at line ${parsed.line}: ${parsed.message} / ${parsed.messageZh}`);
    report = reconcileDay(parsed.value, local);
  } else if (bill.kind === 'fail' && (bill.errCode === '20002' || /no bill exist/i.test(bill.errCodeDes))) {
    report = reconcileDay('no-bill', local);
  } else if (bill.kind === 'retry-same') {
    return notYet(`WeChat is still creating the bill (${bill.message}); the till tries again. / 微信账单生成中，稍后自动重试。`);
  } else {
    const why = bill.kind === 'fail' ? `${bill.errCode} ${bill.errCodeDes}` : `${bill.code} ${bill.message}`;
    return err('GATEWAY_ERROR', `The bill could not be downloaded: ${why} / 账单下载失败`);
  }
  const settled = await settleDifferences(report, settleWith(client, billDate));
  const summary = summarise(billDate, deps.clock.now(), settled);
  stmt(
    deps.store.db,
    'INSERT INTO reconciliations (mode, bill_date, ran_at, clean, fee_fen, result) VALUES (?, ?, ?, ?, ?, ?) ' +
      'ON CONFLICT(mode, bill_date) DO UPDATE SET ran_at = excluded.ran_at, clean = excluded.clean, fee_fen = excluded.fee_fen, result = excluded.result',
  ).run(mode, billDate, summary.ranAt, summary.clean ? 1 : 0, summary.feeFen, JSON.stringify(summary));
  return ok(summary);
}

/** Whether a bill date already has a stored result in this mode. */
export function reconciled(store: Store, mode: Mode, billDate: string): boolean {
  return stmt(store.db, 'SELECT 1 FROM reconciliations WHERE mode = ? AND bill_date = ?').get(mode, billDate) !== undefined;
}
