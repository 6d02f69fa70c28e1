// Builds a day of gateway and till records for the reconciliation tests: the gateway side becomes a
// real bill text through the simulator's bill writer, the till side plain LocalDay records.
import { formatBeijingDisplay } from '../../../src/common/beijing-time';
import type { LocalDay, LocalReceipt, LocalRefund } from '../../../src/core/reconcile';
import { renderBill, type BillEntry, type BillOrder, type SimBillType } from '../../../src/sim/bill-writer';

export const MCH = '1900000109';
export const DAY = Date.UTC(2026, 0, 13, 16, 0, 0); // 2026-01-14 00:00 Beijing

export function order(i: number, totalFen: number, tradeType = 'NATIVE'): BillOrder {
  return {
    appid: 'wx2421b1c4370ec43b',
    mchId: MCH,
    deviceInfo: 'till-1',
    transactionId: `42000020012026011${String(i).padStart(11, '0')}`,
    outTradeNo: `T${String(i).padStart(8, '0')}`,
    openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
    tradeType,
    totalFen,
    body: '咖啡, 大杯',
    attach: '',
  };
}

export function billText(entries: readonly BillEntry[], type: SimBillType = 'ALL', opts: { eol?: '\r\n' | '\n'; bom?: boolean } = {}): string {
  return renderBill(type, entries, { display: formatBeijingDisplay, ...opts });
}

export function receipt(o: BillOrder, over: Partial<LocalReceipt> = {}): LocalReceipt {
  return { outTradeNo: o.outTradeNo, transactionId: o.transactionId, totalFen: o.totalFen, paidAt: DAY, state: 'paid', refundedFen: 0, mode: o.tradeType === 'MICROPAY' ? 'quickpay' : 'native', ...over };
}

export function localRefund(o: BillOrder, i: number, amountFen: number, state: LocalRefund['state']): LocalRefund {
  return { outRefundNo: `R${String(i).padStart(8, '0')}`, outTradeNo: o.outTradeNo, refundId: `5030000101202601140${String(i).padStart(10, '0')}`, amountFen, state };
}

export function refundEntry(o: BillOrder, r: LocalRefund, at: number, appliedFen: number, status: string): BillEntry {
  return { kind: 'refund', order: o, at, settledAt: status === 'SUCCESS' ? at + 5000 : null, refundId: r.refundId ?? '', outRefundNo: r.outRefundNo, appliedFen, status };
}

export const emptyDay: LocalDay = { receipts: [], refunds: [] };
