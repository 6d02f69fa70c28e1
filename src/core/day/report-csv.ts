// A day report as CSV (issue 13 point 3): one section per block, amounts in yuan with two decimals
// written from integer fen (never floats), Beijing times, UTF-8 with BOM so spreadsheet programs read
// the Chinese. Quotes every text cell (a cashier's name may hold a comma).
import { formatBeijingDisplay } from '../../common/beijing-time';
import type { DayReport, TenderTotals } from '../../common/day';
import { formatFen } from '../../common/money';

const yuan = (fen: number): string => formatFen(fen, { symbol: false }).replace(/,/g, '');
const cell = (v: string | number): string => (typeof v === 'number' ? String(v) : `"${v.replace(/"/g, '""')}"`);
const row = (...cells: (string | number)[]): string => cells.map(cell).join(',');
const tender = (name: string, t: TenderTotals): string => row(name, t.count, yuan(t.grossFen), yuan(t.refundsFen), yuan(t.netFen));

export function dayReportCsv(r: DayReport): string {
  const lines: string[] = [];
  lines.push(row('report', r.kind === 'Z' ? `Z ${r.seq}` : 'X'), row('business_day', r.businessDay), row('mode', r.mode));
  lines.push(row('from', formatBeijingDisplay(r.dayStart)), row('to', formatBeijingDisplay(r.dayEnd)), row('generated', formatBeijingDisplay(r.generatedAt)));
  if (r.closedBy) lines.push(row('closed_by', r.closedBy));
  lines.push('', row('tender', 'count', 'gross_yuan', 'refunds_yuan', 'net_yuan'));
  lines.push(tender('WECHAT', r.wechat), tender('CASH', r.cash), tender('TOTAL', r.total));
  lines.push(row('cash_rounding_yuan', yuan(r.cash.roundingFen)));
  lines.push('', row('cashier', 'count', 'gross_yuan', 'refunds_yuan', 'net_yuan'));
  for (const c of r.cashiers) lines.push(tender(c.cashier, c));
  lines.push('', row('hour_from', 'count', 'wechat_yuan', 'cash_yuan'));
  for (const h of r.hours) lines.push(row(formatBeijingDisplay(r.dayStart + h.hour * 3_600_000).slice(11, 16), h.count, yuan(h.wechatFen), yuan(h.cashFen)));
  lines.push('', row('drawer', 'shifts_closed', 'shifts_open', 'float_yuan', 'expected_yuan', 'counted_yuan', 'difference_yuan'));
  const d = r.drawer;
  lines.push(row('cash', d.shiftsClosed, d.shiftsOpen, yuan(d.floatFen), yuan(d.expectedFen), yuan(d.countedFen), yuan(d.diffFen)));
  lines.push('', row('cancelled', 'expired_or_closed', 'failed', 'paid_after_cancel'));
  lines.push(row(r.voids.cancelled, r.voids.expiredOrClosed, r.voids.failed, r.voids.paidAfterCancel));
  lines.push('', row('wechat_fee_yuan', r.feeFen === null ? 'unknown' : yuan(r.feeFen)));
  if (r.reconciliation) {
    lines.push(row('reconciliation', r.reconciliation.outcome, r.reconciliation.message));
    lines.push(row('difference', 'out_trade_no', 'till_yuan', 'bill_yuan', 'note'));
    for (const l of r.reconciliation.lines) {
      lines.push(row(l.kind, l.outTradeNo ?? '', l.localFen === null ? '' : yuan(l.localFen), l.billFen === null ? '' : yuan(l.billFen), l.note));
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
