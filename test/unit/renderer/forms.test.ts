import { describe, expect, it } from 'vitest';
import type { PaymentView, SettingsView } from '../../../src/common/api';
import { buildQuery, EMPTY_FILTERS } from '../../../src/renderer/src/lib/history-query';
import { money, moneyInput, parseMoney } from '../../../src/renderer/src/lib/money';
import { mergePayment, showsQr } from '../../../src/renderer/src/lib/payment-status';
import { checkRefund } from '../../../src/renderer/src/lib/refund-form';
import { addPending, EMPTY_SALE, linesToCharge, runningTotal } from '../../../src/renderer/src/lib/sale-draft';
import { formFromView, settingsInput } from '../../../src/renderer/src/lib/settings-form';
import { countdown, parseDateInput } from '../../../src/renderer/src/lib/time';

const typed = (price: string, name = '', qty = '1') => ({ ...EMPTY_SALE, name, qtyText: qty, keypad: { text: price, error: null } });

describe('money helper', () => {
  it('formats every amount the same way and parses what cashiers type', () => {
    expect(money(123456)).toBe('¥1,234.56');
    expect(money(7)).toBe('¥0.07');
    expect(moneyInput(123456)).toBe('1234.56');
    expect(parseMoney('¥1,234.56')).toBe(123456);
    expect(parseMoney('1.234')).toBeNull();
  });
});

describe('sale draft', () => {
  it('charges the typed amount as one line when there are no lines', () => {
    const r = linesToCharge(typed('12.5'), 'Item');
    expect(r.ok && r.sale.lines).toEqual([{ name: 'Item', quantity: 1, unitFen: 1250 }]);
  });

  it('adds lines, keeps a running total in fen, and refuses nothing-to-charge', () => {
    const a = addPending(typed('3.30', 'Tea', '3'), 'Item');
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(runningTotal({ ...a.sale, keypad: { text: '0.10', error: null } }, 'Item')).toBe(990 + 10);
    expect(linesToCharge(EMPTY_SALE, 'Item')).toEqual({ ok: false, error: 'till.nothingToCharge' });
  });

  it('bad quantity or price gives an error and keeps the sale', () => {
    expect(addPending(typed('1', 'x', '0'), 'Item')).toEqual({ ok: false, error: 'line.qtyInvalid' });
    expect(addPending(typed('0', 'x'), 'Item')).toEqual({ ok: false, error: 'line.priceInvalid' });
    expect(addPending(typed('21474836.47', 'x', '2'), 'Item')).toEqual({ ok: false, error: 'line.totalTooLarge' });
  });
});

describe('history query', () => {
  it('builds a keyset query from the filters', () => {
    const r = buildQuery({ ...EMPTY_FILTERS, text: ' 4200001 ', amount: '12.50', status: 'REFUNDED' });
    expect(r).toEqual({ ok: true, query: { limit: 100, text: '4200001', amountFen: 1250, status: 'REFUNDED' } });
  });
  it('refuses a bad amount and a reversed date range', () => {
    expect(buildQuery({ ...EMPTY_FILTERS, amount: 'abc' })).toEqual({ ok: false, error: 'history.badAmount' });
    expect(buildQuery({ ...EMPTY_FILTERS, from: '2026-11-27', to: '2026-11-26' })).toEqual({ ok: false, error: 'history.badRange' });
    const day = buildQuery({ ...EMPTY_FILTERS, from: '2026-11-27', to: '2026-11-27' });
    expect(day.ok && day.query.toMs! - day.query.fromMs!).toBe(86_400_000 - 1);
  });
});

describe('time', () => {
  it('counts down in m:ss and stops at zero', () => {
    expect(countdown(10_000 + 299_000, 10_000)).toBe('4:59');
    expect(countdown(1000, 5000)).toBe('0:00');
    expect(parseDateInput('2026-02-30')).toBeNull();
  });
});

const view = (status: PaymentView['status'], attemptId = 'a1'): PaymentView => ({
  attemptId,
  saleId: 's1',
  outTradeNo: 'o1',
  totalFen: 100,
  status,
  codeUrl: status === 'waiting' || status === 'paying' ? 'weixin://wxpay/bizpayurl?pr=x' : null,
  expiresAt: 0,
  reason: null,
  receipt: null,
  connection: { ok: true },
  watching: false,
  kind: 'NATIVE', // issue 12
});

describe('payment status merge', () => {
  it('a late event never takes a final status back', () => {
    expect(mergePayment(view('paid'), view('waiting')).status).toBe('paid');
    expect(mergePayment(view('waiting'), view('paying')).status).toBe('paying');
    expect(mergePayment(view('cancelled'), view('waiting')).status).toBe('cancelled');
    expect(mergePayment(view('cancelled'), view('paid')).status).toBe('paid'); // paid after cancel
    expect(mergePayment(view('expired'), view('paid')).status).toBe('paid');
    expect(mergePayment(view('paid'), view('expired')).status).toBe('paid');
    expect(showsQr(view('waiting'))).toBe(true);
    expect(showsQr(view('cancelled'))).toBe(false);
  });
});

describe('refund form', () => {
  const f = { amount: '5.00', reason: 'return', approver: 'Li', pin: '1234' };
  it('accepts up to the refundable amount', () => {
    expect(checkRefund(f, 500)).toEqual({ ok: true, amountFen: 500 });
    expect(checkRefund({ ...f, amount: '5.01' }, 500)).toEqual({ ok: false, error: { key: 'refund.tooMuch', maxFen: 500 } });
    expect(checkRefund({ ...f, pin: '' }, 500)).toEqual({ ok: false, error: { key: 'refund.pinMissing' } });
    expect(checkRefund(f, 0)).toEqual({ ok: false, error: { key: 'refund.nothingRefundable' } });
  });
});

describe('settings form', () => {
  const v: SettingsView = {
    mode: 'SANDBOX',
    storeName: 'Shop',
    tillId: 'T1',
    locale: 'zh-CN',
    appid: '',
    mchId: '',
    signType: 'MD5',
    hasApiKey: true,
    certificate: null,
    hasManagerPin: false,
    refundCapFen: 50_000,
    dailyRefundCapFen: 200_000,
    secretStorageWeak: false,
  };
  it('never pre-fills the key and sends only what changed', () => {
    const f = formFromView(v);
    expect(f.apiKey).toBe('');
    expect(settingsInput(f, v)).toEqual({ ok: true, input: {} });
    const r = settingsInput({ ...f, tillId: 'T-2', apiKey: 'a'.repeat(32), refundCap: '100' }, v);
    expect(r).toEqual({ ok: true, input: { tillId: 'T-2', apiKey: 'a'.repeat(32), refundCapFen: 10_000 } });
  });
  it('explains bad ids and keys', () => {
    const f = formFromView(v);
    expect(settingsInput({ ...f, appid: 'wx123' }, v)).toEqual({ ok: false, error: 'settings.badAppid' });
    expect(settingsInput({ ...f, apiKey: 'short' }, v)).toEqual({ ok: false, error: 'settings.badKey' });
    expect(settingsInput({ ...f, tillId: 'T 1' }, v)).toEqual({ ok: false, error: 'settings.badTillId' });
  });
});
