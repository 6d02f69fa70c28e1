// The words printed on slips, zh-CN and English. Kept with the printing code (not the renderer's
// i18n) because core lays the receipt out and core never imports the renderer.
import type { Locale, PaymentKind } from '../../common/api';
import type { TenderKind } from './print-doc';

export interface SlipLabels {
  readonly receiptTitle: string;
  readonly refundTitle: string;
  readonly shiftTitle: string;
  readonly zTitle: string;
  readonly testTitle: string;
  readonly reprint: string;
  readonly sandbox: string;
  readonly till: string;
  readonly cashier: string;
  readonly time: string;
  readonly total: string;
  readonly refunded: string;
  readonly tender: Record<TenderKind, string>;
  readonly given: string;
  readonly change: string;
  readonly transactionId: string;
  readonly outTradeNo: string;
  readonly outRefundNo: string;
  readonly refundAmount: string;
  readonly reason: string;
  readonly approver: string;
  readonly scanHint: string;
  readonly thanks: string;
  readonly shiftNo: string;
  readonly opened: string;
  readonly closed: string;
  readonly salesCount: string;
  readonly refunds: string;
  readonly openingFloat: string;
  readonly expectedCash: string;
  readonly countedCash: string;
  readonly difference: string;
  readonly zNo: string;
  readonly businessDay: string;
  readonly gross: string;
  readonly net: string;
  readonly testBody: string;
  readonly chineseSample: string;
  // --- shift close and X report from issue 13; payment kind from issue 12 ---
  readonly xTitle: string;
  readonly closedBy: string;
  readonly cashSales: string;
  readonly payIn: string;
  readonly payOut: string;
  readonly acceptedBy: string;
  readonly payKind: string;
  readonly paymentKind: Record<PaymentKind, string>;
}

const ZH: SlipLabels = {
  receiptTitle: '购物小票',
  refundTitle: '退款单',
  shiftTitle: '交班单',
  zTitle: '日结报表 (Z)',
  testTitle: '打印测试页',
  reprint: '补打',
  sandbox: '*** 沙箱 SANDBOX 未收款 ***',
  till: '收银台',
  cashier: '收银员',
  time: '时间',
  total: '合计(元)',
  refunded: '已退款',
  tender: { WECHAT: '微信支付', CASH: '现金' },
  given: '实收',
  change: '找零',
  transactionId: '微信单号',
  outTradeNo: '商户单号',
  outRefundNo: '退款单号',
  refundAmount: '退款金额',
  reason: '原因',
  approver: '批准人',
  scanHint: '扫码查找本单',
  thanks: '谢谢惠顾',
  shiftNo: '班次',
  opened: '开班',
  closed: '交班',
  salesCount: '消费单数',
  refunds: '退款',
  openingFloat: '备用金',
  expectedCash: '应有现金',
  countedCash: '清点现金',
  difference: '长短款',
  zNo: 'Z 序号',
  businessDay: '营业日',
  gross: '营业收入',
  net: '净收入',
  testBody: '打印机工作正常',
  chineseSample: '中文测试：微信支付 收银',
  xTitle: 'X 报表',
  closedBy: '交班人',
  cashSales: '现金销售',
  payIn: '存入',
  payOut: '取出',
  acceptedBy: '差额批准',
  payKind: '支付方式',
  paymentKind: { NATIVE: '扫码支付', MICROPAY: '付款码支付' },
};

const EN: SlipLabels = {
  receiptTitle: 'RECEIPT',
  refundTitle: 'REFUND',
  shiftTitle: 'SHIFT CLOSE',
  zTitle: 'Z REPORT',
  testTitle: 'PRINTER TEST PAGE',
  reprint: 'REPRINT',
  sandbox: '*** SANDBOX - NO MONEY MOVED ***',
  till: 'Till',
  cashier: 'Cashier',
  time: 'Time',
  total: 'TOTAL CNY',
  refunded: 'Refunded',
  tender: { WECHAT: 'WeChat Pay', CASH: 'Cash' },
  given: 'Given',
  change: 'Change',
  transactionId: 'WeChat no.',
  outTradeNo: 'Order no.',
  outRefundNo: 'Refund no.',
  refundAmount: 'Refund amount',
  reason: 'Reason',
  approver: 'Approved by',
  scanHint: 'Scan to find this sale',
  thanks: 'Thank you',
  shiftNo: 'Shift',
  opened: 'Opened',
  closed: 'Closed',
  salesCount: 'Sales',
  refunds: 'Refunds',
  openingFloat: 'Opening float',
  expectedCash: 'Expected cash',
  countedCash: 'Counted cash',
  difference: 'Over/short',
  zNo: 'Z no.',
  businessDay: 'Business day',
  gross: 'Gross',
  net: 'Net',
  testBody: 'The printer works',
  chineseSample: 'Chinese: 微信支付 收银',
  xTitle: 'X REPORT',
  closedBy: 'Closed by',
  cashSales: 'Cash sales',
  payIn: 'Pay-ins',
  payOut: 'Pay-outs',
  acceptedBy: 'Difference accepted by',
  payKind: 'Paid by',
  paymentKind: { NATIVE: 'Native QR', MICROPAY: 'Quick pay' },
};

export function slipLabels(locale: Locale): SlipLabels {
  return locale === 'zh-CN' ? ZH : EN;
}
