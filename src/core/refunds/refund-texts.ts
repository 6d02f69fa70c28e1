// The plain words a refund's record and alerts carry (zh-CN / en in one string: they are stored and
// shown as they are; the renderer adds its own localized title per status and alert kind).
import { formatFen } from '../../common/money';
import { assertNever } from '../checkout/attempt-states';

/** NOTENOUGH: the merchant's refundable balance, not the customer, is short. */
export const BALANCE_LOW_TEXT = '商户可退款余额不足，请充值后重新退款 / The merchant balance is too low for this refund: top it up, then refund again';

/** A send that provably never left the machine (connect refused, DNS, TLS before the request). */
export const NOT_SENT_TEXT = '未发出：无法连接微信支付 / Not sent: WeChat Pay could not be reached';

export type RefundAlertKind = 'REFUND_CHANGE' | 'REFUND_CLOSED' | 'REFUND_NOT_ACCEPTED';

/** The message of a refund alert: what is known and what the manager does next. */
export function alertText(kind: RefundAlertKind, outRefundNo: string, amountFen: number, lastReason: string | null): string {
  const amount = formatFen(amountFen);
  switch (kind) {
    case 'REFUND_CHANGE':
      return (
        `退款 ${outRefundNo}（${amount}）退到已注销或冻结的银行卡，款项已退回商户。请在商户平台「交易中心 › 退款管理」找到该退款，` +
        `选择“异常退款处理”退到用户零钱或线下退给顾客，然后在本机标记为已处理。 / ` +
        `Refund ${outRefundNo} (${amount}) went to a closed or frozen bank card (CHANGE) and the money came back to the merchant. ` +
        `On the merchant platform open Transactions › Refunds, find this refund and choose "handle abnormal refund" ` +
        `(to the customer's WeChat balance) or return the money by other means; then mark it handled here (manager PIN).`
      );
    case 'REFUND_CLOSED':
      return (
        `退款 ${outRefundNo}（${amount}）已被微信支付关闭：顾客没有收到退款。可以重新发起退款。 / ` +
        `Refund ${outRefundNo} (${amount}) was closed by WeChat Pay (REFUNDCLOSE): the customer was NOT refunded. ` +
        `The amount can be refunded again.`
      );
    case 'REFUND_NOT_ACCEPTED': {
      const low = lastReason?.startsWith(BALANCE_LOW_TEXT) === true;
      const what = low
        ? '商户余额不足：请充值后重新退款。 / The merchant balance was too low: top it up, then refund again.'
        : '请在商户平台核实后再决定是否重新退款。 / Check on the merchant platform before refunding again.';
      return (
        `退款 ${outRefundNo}（${amount}）未被微信支付受理，顾客没有收到退款，金额已可重新退款。${lastReason ? `最后答复：${lastReason}。` : ''} / ` +
        `Refund ${outRefundNo} (${amount}) was not accepted by WeChat Pay: the customer was NOT refunded and the amount is refundable again. ` +
        `${what}`
      );
    }
    default:
      return assertNever(kind);
  }
}
