// Issue 10 point 4: what the payment screen says while something is not known. Table: view → words
// (en, zh-CN), warning style, "still watching" marker.
import { describe, expect, it } from 'vitest';
import type { PaymentConnection, PaymentStatus, PaymentView } from '../../../src/common/api';
import { translator } from '../../../src/renderer/src/i18n/i18n';
import { paymentNotice } from '../../../src/renderer/src/lib/payment-notice';

const view = (status: PaymentStatus, watching: boolean, connection: PaymentConnection = { ok: true }): PaymentView => ({
  attemptId: 'a1',
  saleId: 's1',
  outTradeNo: 'o1',
  totalFen: 1900,
  status,
  codeUrl: status === 'waiting' ? 'weixin://wxpay/bizpayurl?pr=x' : null,
  expiresAt: 600_000,
  reason: null,
  receipt: null,
  connection,
  watching,
  kind: 'NATIVE', // issue 12
});
const down = (failures: number): PaymentConnection => ({ ok: false, trouble: 'UNREACHABLE', failures, since: 1 });

const CASES: readonly { name: string; v: PaymentView; en: string; zh: string; warn: boolean; marker: boolean }[] = [
  {
    name: 'expired on the till clock while WeChat Pay is unreachable',
    v: view('expired', true, down(7)),
    en: 'Cannot reach WeChat Pay, retried 7 times — do not charge again',
    zh: '无法连接微信支付，已重试 7 次——请勿再次收款',
    warn: true,
    marker: true,
  },
  {
    name: 'QR still up while WeChat Pay is unreachable',
    v: view('waiting', true, down(2)),
    en: 'Cannot reach WeChat Pay, retried 2 times — do not charge again',
    zh: '无法连接微信支付，已重试 2 次——请勿再次收款',
    warn: true,
    marker: false,
  },
  {
    name: 'cancel not confirmed',
    v: view('cancelled', true),
    en: 'Cancel not confirmed — the customer may still pay this code',
    zh: '取消尚未确认——顾客仍可能支付此二维码',
    warn: true,
    marker: true,
  },
  { name: 'cancel confirmed CLOSED', v: view('cancelled', false), en: 'Cancelled', zh: '已取消', warn: false, marker: false },
  {
    name: 'expired, close not yet confirmed',
    v: view('expired', true),
    en: 'Expired — waiting for WeChat Pay to confirm the order is closed',
    zh: '已过期——等待微信支付确认订单已关闭',
    warn: false,
    marker: true,
  },
  { name: 'expired and confirmed closed', v: view('expired', false), en: 'Expired, not paid', zh: '', warn: false, marker: false },
  {
    name: 'answer contradicts the sale',
    v: view('waiting', true, { ok: false, trouble: 'CONTRADICTS', failures: 1, since: 1 }),
    en: "WeChat Pay's answer does not match this sale, outcome unknown — do not charge again; the manager is alerted",
    zh: '微信支付的回复与本笔销售不符，结果未知——请勿再次收款，已通知店长',
    warn: true,
    marker: false,
  },
  {
    name: 'paid but not recorded',
    v: view('cancelled', true, { ok: false, trouble: 'NOT_RECORDED', failures: 3, since: 1 }),
    en: 'Paid at WeChat Pay, but the till could not record it — do not charge again; call the manager',
    zh: '微信支付已收款，但收银台未能记账——请勿再次收款，请联系店长',
    warn: true,
    marker: true,
  },
  { name: 'paid', v: view('paid', false), en: 'Paid', zh: '', warn: false, marker: false },
];

describe('payment screen notice', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const n = paymentNotice(c.v);
      expect(translator('en')(n.key, n.params)).toBe(c.en);
      if (c.zh) expect(translator('zh-CN')(n.key, n.params)).toBe(c.zh);
      expect(n.warn).toBe(c.warn);
      expect(n.watching).toBe(c.marker);
    });
  }

  it('never says expired or failed while the outcome is unknown', () => {
    for (const status of ['expired', 'failed', 'cancelled', 'waiting'] as const) {
      const n = paymentNotice(view(status, true, down(4)));
      expect(n.key).toBe('pay.notice.unreachable');
    }
  });
});
