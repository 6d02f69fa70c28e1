// Receipts shaped exactly like main's ReceiptDetail today (src/common/api.ts).
import type { Receipt, RefundView } from '../../../../src/common/api';

export const PAID_AT = Date.UTC(2026, 10, 29, 6, 30, 5); // 14:30:05 Beijing

export function sampleReceipt(over: Partial<Receipt> = {}): Receipt {
  return {
    saleId: 'sale_1',
    storeName: '示例便利店 Demo Mart',
    tillId: 'T01',
    cashier: 'c1',
    lines: [
      { name: '矿泉水 550ml', quantity: 2, unitFen: 200, lineFen: 400 },
      { name: 'Coffee latte', quantity: 1, unitFen: 1800, lineFen: 1800 },
    ],
    totalFen: 2200,
    refundedFen: 0,
    status: 'PAID',
    outTradeNo: 'PT01261129143005123AB12',
    transactionId: '4200001234202611290123456789',
    paidAt: PAID_AT,
    paidAfterCancel: false,
    mode: 'SANDBOX',
    kind: 'NATIVE',
    ...over,
  };
}

export function sampleRefund(over: Partial<RefundView> = {}): RefundView {
  return {
    refundId: 'rf_1',
    saleId: 'sale_1',
    outRefundNo: 'RT01261129150000001XY99',
    amountFen: 400,
    reason: '商品破损',
    status: 'refunded',
    approver: 'Manager Li',
    createdAt: PAID_AT + 1_800_000,
    message: null,
    ...over,
  };
}
