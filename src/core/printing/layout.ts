// Lays a PrintDoc out once, as fixed-pitch lines for 58 mm (32 columns) or 80 mm (48 columns) paper.
// Both encoders (escpos.ts for network printers, html.ts for the system printer and screenshots) draw
// exactly these blocks, so a receipt reads the same whichever way it is printed.
import { assertNever } from '../checkout/attempt-states';
import { formatBeijingDisplay } from '../../common/beijing-time';
import { formatFen } from '../../common/money';
import type { PaperWidth, PrintDoc, ReceiptDoc, RefundSlipDoc, RenderOptions, ShiftCloseDoc, TenderTotal, TestPageDoc, ZReportDoc } from './print-doc';
import { slipLabels, type SlipLabels } from './labels';
import { pairLines, wrapColumns } from './text-width';

export type Align = 'left' | 'center' | 'right';

export type LayoutBlock =
  | { readonly t: 'line'; readonly text: string; readonly align: Align; readonly bold: boolean }
  /** Double height and width; text at most columns/2. */
  | { readonly t: 'big'; readonly text: string }
  | { readonly t: 'rule' }
  /** out_trade_no as a QR code: a scanner in History types it back. */
  | { readonly t: 'qr'; readonly data: string }
  | { readonly t: 'cut' };

export interface Layout {
  readonly width: PaperWidth;
  readonly columns: number;
  readonly blocks: readonly LayoutBlock[];
}

/** Font A (12 dots) on 384 / 576 printable dots. */
export function columnsFor(width: PaperWidth): number {
  return width === 58 ? 32 : 48;
}

class Builder {
  readonly blocks: LayoutBlock[] = [];
  constructor(readonly columns: number) {}
  line(text: string, align: Align = 'left', bold = false): void {
    for (const l of wrapColumns(text, this.columns)) this.blocks.push({ t: 'line', text: l, align, bold });
  }
  pair(left: string, right: string, bold = false): void {
    for (const l of pairLines(left, right, this.columns)) this.blocks.push({ t: 'line', text: l, align: 'left', bold });
  }
  big(text: string): void {
    this.blocks.push({ t: 'big', text });
  }
  rule(): void {
    this.blocks.push({ t: 'rule' });
  }
  qr(data: string): void {
    this.blocks.push({ t: 'qr', data });
  }
}

// no ¥ sign: it is not in GB2312 printer fonts (GB18030 4-byte); the total line says 元 / CNY
const money = (fen: number): string => formatFen(fen, { symbol: false });

function header(b: Builder, L: SlipLabels, title: string, store: string, tillId: string, sandbox: boolean): void {
  b.line(store, 'center', true);
  b.line(title, 'center', true);
  if (sandbox) b.line(L.sandbox, 'center', true);
  b.pair(`${L.till}`, tillId);
}

function receipt(b: Builder, L: SlipLabels, d: ReceiptDoc): void {
  const r = d.receipt;
  header(b, L, d.reprint ? `${L.receiptTitle} (${L.reprint})` : L.receiptTitle, r.storeName, r.tillId, r.mode === 'SANDBOX');
  b.pair(L.cashier, d.cashierName ?? r.cashier);
  b.pair(L.time, formatBeijingDisplay(r.paidAt));
  b.rule();
  for (const line of r.lines) {
    b.line(line.name);
    b.pair(`  ${line.quantity} x ${money(line.unitFen)}`, money(line.lineFen));
  }
  b.rule();
  // issue 13.1: a split sale's total is both parts; its tenders are the cash part and the WeChat part
  const split = r.split ?? null;
  b.pair(L.total, money(split ? split.saleTotalFen : r.totalFen), true);
  // A cash sale (issue 13) is a receipt too: its one tender is cash.
  const tenders =
    d.tenders ??
    (split
      ? [
          { kind: 'CASH' as const, amountFen: split.cashFen },
          { kind: 'WECHAT' as const, amountFen: split.wechatFen },
        ]
      : [{ kind: r.kind === 'CASH' ? ('CASH' as const) : ('WECHAT' as const), amountFen: r.totalFen }]);
  for (const t of tenders) {
    b.pair(L.tender[t.kind], money(t.amountFen));
    // issue 14 point 1: how WeChat was paid (Native QR / quick pay), where the receipt says
    if (t.kind === 'WECHAT' && r.kind && r.kind !== 'CASH') b.pair(`  ${L.payKind}`, L.paymentKind[r.kind]);
    if (t.givenFen !== undefined) b.pair(`  ${L.given}`, money(t.givenFen));
    if (t.changeFen !== undefined) b.pair(`  ${L.change}`, money(t.changeFen));
  }
  for (const f of d.refunds) b.pair(`${L.refunded} ${formatBeijingDisplay(f.createdAt).slice(5, 16)}`, `-${money(f.amountFen)}`);
  b.rule();
  if (r.transactionId) {
    b.line(L.transactionId);
    b.line(r.transactionId);
  }
  b.line(L.outTradeNo);
  b.line(r.outTradeNo);
  b.qr(r.outTradeNo);
  b.line(L.scanHint, 'center');
  if (r.mode === 'SANDBOX') b.line(L.sandbox, 'center', true);
  b.line(L.thanks, 'center');
}

function refundSlip(b: Builder, L: SlipLabels, d: RefundSlipDoc): void {
  const r = d.receipt;
  header(b, L, L.refundTitle, r.storeName, r.tillId, r.mode === 'SANDBOX');
  b.pair(L.time, formatBeijingDisplay(d.refund.createdAt));
  b.rule();
  b.pair(L.refundAmount, money(d.refund.amountFen), true);
  b.pair(L.total, money(r.totalFen));
  b.line(`${L.reason}: ${d.refund.reason}`);
  b.line(`${L.approver}: ${d.refund.approver}`);
  b.rule();
  b.line(L.outRefundNo);
  b.line(d.refund.outRefundNo);
  b.line(L.outTradeNo);
  b.line(r.outTradeNo);
  b.qr(r.outTradeNo);
  if (r.mode === 'SANDBOX') b.line(L.sandbox, 'center', true);
}

function tenderTotals(b: Builder, L: SlipLabels, rows: readonly TenderTotal[]): void {
  for (const t of rows) b.pair(`${L.tender[t.kind]} (${t.count})`, money(t.fen));
}

function shiftClose(b: Builder, L: SlipLabels, d: ShiftCloseDoc): void {
  header(b, L, L.shiftTitle, d.storeName, d.tillId, d.mode === 'SANDBOX');
  b.line(`${L.shiftNo}: ${d.shiftId}`);
  b.pair(L.cashier, d.cashierName);
  b.pair(L.closedBy, d.closedBy);
  b.pair(L.opened, formatBeijingDisplay(d.openedAt));
  b.pair(L.closed, formatBeijingDisplay(d.closedAt));
  b.rule();
  b.pair(L.openingFloat, money(d.openingFloatFen));
  b.pair(L.cashSales, money(d.cashSalesFen));
  b.pair(L.refunds, `-${money(d.cashRefundsFen)}`);
  b.pair(L.payIn, money(d.payInFen));
  b.pair(L.payOut, `-${money(d.payOutFen)}`);
  b.rule();
  b.pair(L.expectedCash, money(d.expectedCashFen));
  b.pair(L.countedCash, money(d.countedCashFen));
  const diff = d.countedCashFen - d.expectedCashFen;
  b.pair(L.difference, (diff > 0 ? '+' : '') + money(diff), true);
  if (d.acceptedBy) b.pair(L.acceptedBy, d.acceptedBy);
}

function zReport(b: Builder, L: SlipLabels, d: ZReportDoc): void {
  header(b, L, d.zNo === null ? L.xTitle : L.zTitle, d.storeName, d.tillId, d.mode === 'SANDBOX');
  if (d.zNo !== null) b.pair(L.zNo, String(d.zNo));
  b.pair(L.businessDay, `${d.businessDay.slice(0, 4)}-${d.businessDay.slice(4, 6)}-${d.businessDay.slice(6, 8)}`);
  b.pair(L.time, formatBeijingDisplay(d.printedAt));
  b.rule();
  b.pair(L.salesCount, String(d.salesCount));
  b.pair(L.gross, money(d.grossFen));
  b.pair(L.refunds, `-${money(d.refundsFen)}`);
  b.pair(L.net, money(d.grossFen - d.refundsFen), true);
  b.rule();
  tenderTotals(b, L, d.byTender);
}

function testPage(b: Builder, L: SlipLabels, d: TestPageDoc, width: PaperWidth): void {
  header(b, L, L.testTitle, d.storeName, d.tillId, d.mode === 'SANDBOX');
  b.pair(L.time, formatBeijingDisplay(d.printedAt));
  b.rule();
  b.line(L.testBody, 'center', true);
  b.line(`${width} mm / ${b.columns} columns`, 'center');
  b.line(L.chineseSample);
  b.line('0123456789'.repeat(Math.ceil(b.columns / 10)).slice(0, b.columns));
  b.big(money(12345));
  b.qr('TEST-PAGE');
}

export function layoutDoc(doc: PrintDoc, opts: RenderOptions): Layout {
  const columns = columnsFor(opts.width);
  const b = new Builder(columns);
  const L = slipLabels(opts.locale);
  switch (doc.kind) {
    case 'receipt':
      receipt(b, L, doc);
      break;
    case 'refund':
      refundSlip(b, L, doc);
      break;
    case 'shift-close':
      shiftClose(b, L, doc);
      break;
    case 'z-report':
      zReport(b, L, doc);
      break;
    case 'test-page':
      testPage(b, L, doc, opts.width);
      break;
    default:
      assertNever(doc);
  }
  b.blocks.push({ t: 'cut' });
  return { width: opts.width, columns, blocks: b.blocks };
}
