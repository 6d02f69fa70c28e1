// Issue 12 point 2: every state of a quick-pay (MICROPAY) attempt said truthfully on the payment screen:
// password entry large, a cancel is "reversing" until WeChat Pay confirms it, trouble said first.
import { describe, expect, it } from 'vitest';
import type { PaymentConnection, PaymentStatus, PaymentView } from '../../../src/common/api';
import { translator } from '../../../src/renderer/src/i18n/i18n';
import { quickPayNotice } from '../../../src/renderer/src/lib/quick-pay-notice';

const view = (status: PaymentStatus, watching: boolean, connection: PaymentConnection = { ok: true }): PaymentView =>
  ({
    attemptId: 'a1',
    saleId: 's1',
    outTradeNo: 'o1',
    totalFen: 150_000,
    status,
    codeUrl: null,
    expiresAt: null,
    reason: null,
    receipt: null,
    connection,
    watching,
    kind: 'MICROPAY',
  }) as PaymentView;

const en = translator('en');
const zh = translator('zh-CN');
const say = (v: PaymentView) => {
  const n = quickPayNotice(v);
  return { en: en(n.key, n.params), zh: zh(n.key, n.params), warn: n.warn, large: n.large };
};

describe('quickPayNotice', () => {
  it('USERPAYING: the customer is entering the password, in large type', () => {
    expect(say(view('paying', true))).toEqual({ en: 'Customer is entering the password', zh: '顾客正在输入支付密码', warn: false, large: true });
  });

  it('a cancel is "reversing" (do not charge again) until WeChat Pay confirms, then "reversed"', () => {
    const pending = say(view('cancelled', true));
    expect(pending.en).toMatch(/^Reversing the order/);
    expect(pending.zh).toMatch(/^正在撤销订单/);
    expect(pending.warn).toBe(true);
    expect(say(view('cancelled', false))).toMatchObject({ en: 'Reversed: the customer was not charged', warn: false });
  });

  it('sending, unknown, failed and paid each in their own words', () => {
    expect(say(view('creating', true)).en).toBe('Sending the payment code to WeChat Pay…');
    expect(say(view('unknown', true))).toMatchObject({ en: 'Outcome unknown, asking WeChat Pay — do not charge again', warn: true });
    expect(say(view('failed', false)).en).toBe('Payment failed: the customer was not charged');
    expect(say(view('paid', false)).en).toBe('Paid');
    // the till gave up waiting for the password: reversing until confirmed, then reversed
    expect(say(view('expired', true))).toMatchObject({ en: expect.stringMatching(/reversing the order/), warn: true });
    expect(say(view('expired', false)).zh).toBe('顾客未完成支付，订单已撤销，顾客未被扣款');
  });

  it('trouble reaching WeChat Pay is said first, also while the customer enters the password', () => {
    const down: PaymentConnection = { ok: false, trouble: 'UNREACHABLE', failures: 3, since: 1 };
    expect(say(view('paying', true, down))).toMatchObject({ en: 'Cannot reach WeChat Pay, retried 3 times — do not charge again', warn: true, large: false });
  });
});
