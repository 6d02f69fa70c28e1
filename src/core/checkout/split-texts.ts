// Plain words for split tender (issue 13 point 1), English then zh-CN in one message (the renderer
// also translates by code).
import { formatFen } from '../../common/money';

export const splitText = {
  cashInvalid: (totalFen: number) =>
    `The cash part must be more than ¥0.00 and less than the sale's total ${formatFen(totalFen)}; the rest is paid by WeChat. / ` +
    `现金部分须大于 ¥0.00 且小于本单合计 ${formatFen(totalFen)}，其余用微信支付。`,
  tenderShort: (cashFen: number, tenderedFen: number) =>
    `Cash tendered ${formatFen(tenderedFen)} is less than the cash part ${formatFen(cashFen)}. / 实收现金 ${formatFen(tenderedFen)} 少于现金部分 ${formatFen(cashFen)}。`,
  notOwed: 'No cash part of this sale is waiting to be given back. / 这笔销售没有待退还顾客的现金。',
} as const;
