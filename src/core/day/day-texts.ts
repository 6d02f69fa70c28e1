// Plain words for the shop's day (issue 13), English then zh-CN in one message: the bridge carries
// one message and the renderer also translates by code (i18n).
import { formatFen } from '../../common/money';

export const dayText = {
  notSignedIn: 'Nobody is signed in at this till. / 本机没有人登录。',
  noShift: 'No shift is open: open a shift before taking money. / 当前没有班次：请先开班再收款。',
  shiftOpen: 'A shift is already open at this till: close it first. / 本机已有班次未交班：请先交班。',
  unresolved: (n: number) =>
    `${n} payment(s) or refund(s) are not final yet: wait until WeChat Pay answers, then close the shift. / ` +
    `还有 ${n} 笔支付或退款未完成：请等待微信支付答复后再交班。`,
  // issue 13.1: a void split cash part still in the drawer would make the count wrong
  cashOwed: (n: number, fen: number) =>
    `${n} customer(s) are still owed ${formatFen(fen)} of cash from split sales whose WeChat part was not paid: give it back and confirm, then close the shift. / ` +
    `还有 ${n} 位顾客的组合支付未付成功，应退还现金 ${formatFen(fen)}：请退还并确认后再交班。`,
  needsManager: (diff: number, limit: number) =>
    `The difference ${formatFen(diff)} is more than ${formatFen(limit)}: a manager must accept it. / ` +
    `长短款 ${formatFen(diff)} 超过 ${formatFen(limit)}：需要店长确认。`,
  tenderShort: (due: number, tendered: number) =>
    `Cash tendered ${formatFen(tendered)} is less than ${formatFen(due)} due. / 实收现金 ${formatFen(tendered)} 少于应收 ${formatFen(due)}。`,
  cashRefundTooMuch: (left: number) =>
    `At most ${formatFen(left)} of this cash sale can still be refunded. / 此现金单最多还可退 ${formatFen(left)}。`,
  notCashSale: 'No cash sale with this id. / 找不到这笔现金销售。',
  payOutTooMuch: (cash: number) =>
    `The drawer holds only ${formatFen(cash)} by the till's count: the pay-out is larger. / 按系统计算钱箱只有 ${formatFen(cash)}，支出金额过大。`,
  zDone: (day: string) => `The Z report for ${day || 'today'} is already closed; it cannot be redone. / ${day || '今天'} 的日结已完成，不能重做。`,
  zOpenShift: 'A shift is still open: close it before the Z report. / 仍有班次未交班：请先交班再日结。',
  zFuture: 'That business day has not ended yet. / 该营业日尚未结束。',
  badSettings: 'The cut-off hour is 0 to 23 and the limit is an amount in fen. / 日结时间为 0 到 23 点，长短款限额须为金额。',
} as const;
