// Issue 14 point 3: the projection (whitelisted fields only) and where the customer window goes.
import { describe, expect, it } from 'vitest';
import type { PaymentView } from '../../../src/common/api';
import { customerQrSidePx, projectCustomerView } from '../../../src/common/customer-view';
import { placeCustomerDisplay } from '../../../src/main/customer-display-placement';
import { printPlan } from '../../../src/main/print-plan';
import { sampleReceipt } from './support/fixtures';

const view = (over: Partial<PaymentView>): PaymentView => ({
  attemptId: 'a1',
  saleId: 's1',
  outTradeNo: 'P1',
  totalFen: 400,
  status: 'waiting',
  codeUrl: 'weixin://wxpay/bizpayurl?pr=abc',
  expiresAt: 1,
  reason: 'SECRET REASON',
  receipt: null,
  connection: { ok: true },
  watching: true,
  kind: 'NATIVE',
  ...over,
});
const lines = [{ name: 'Tea', quantity: 2, unitFen: 200 }];

describe('customer projection', () => {
  it('waiting shows the QR; paying asks for the password without a QR; cancel and expiry clear it', () => {
    expect(projectCustomerView('Shop', lines, view({}))).toEqual({ screen: 'sale', storeName: 'Shop', lines: [{ name: 'Tea', quantity: 2, lineFen: 400 }], totalFen: 400, qr: 'weixin://wxpay/bizpayurl?pr=abc', prompt: 'scan' });
    expect(projectCustomerView('Shop', lines, view({ status: 'paying' }))).toMatchObject({ qr: null, prompt: 'password' });
    for (const status of ['cancelled', 'expired', 'failed'] as const) expect(projectCustomerView('Shop', lines, view({ status }))).toEqual({ screen: 'idle', storeName: 'Shop' });
  });

  it('paid shows thanks and the total; nothing of the receipt (cashier, ids) or the gateway reason', () => {
    const paid = projectCustomerView('Shop', lines, view({ status: 'paid', codeUrl: null, receipt: sampleReceipt({ cashier: 'Amy' }) }));
    expect(paid).toEqual({ screen: 'paid', storeName: 'Shop', totalFen: 400 });
    expect(JSON.stringify(paid)).not.toMatch(/Amy|SECRET|P1/);
  });

  it('the QR side is at least half of the shorter side', () => {
    expect(customerQrSidePx(1920, 1080)).toBeGreaterThanOrEqual(540);
    expect(customerQrSidePx(800, 1280)).toBeGreaterThanOrEqual(400);
  });
});

describe('customer display placement', () => {
  const primary = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
  const external = { id: 2, bounds: { x: 1920, y: 0, width: 1024, height: 600 } };
  it('goes to the display that is not the till’s, and back to single when it is removed', () => {
    expect(placeCustomerDisplay([primary, external], 1)).toEqual({ kind: 'secondary', display: external });
    expect(placeCustomerDisplay([primary, external], 2)).toEqual({ kind: 'secondary', display: primary });
    expect(placeCustomerDisplay([primary], 1)).toEqual({ kind: 'single', display: primary });
    expect(placeCustomerDisplay([], 1)).toBeNull();
  });
});

describe('system printer plan', () => {
  it('silent, the system device name and the paper width in microns (never A4)', () => {
    const p = printPlan(58, 960, 'EPSON_TM_T20III');
    expect(p).toMatchObject({ silent: true, deviceName: 'EPSON_TM_T20III', pageSize: { width: 58_000 } });
    expect(p.pageSize.height).toBe(Math.ceil((960 * 25_400) / 96) + 5_000);
    expect(printPlan(80, Number.NaN, 'X').pageSize.width).toBe(80_000);
  });
});
