import { describe, expect, it } from 'vitest';
import { POS_CALLS, type PosCalls } from '../../../src/common/api';
import { ok } from '../../../src/common/result';
import { posCallSchemas } from '../../../src/core/api-schemas';
import { createDispatcher } from '../../../src/core/dispatch';
import { memoryLogger } from '../../../src/core/logger';

/** Every call records its payload and answers ok(payload). */
function echoApi(): { api: PosCalls; seen: [string, unknown][] } {
  const seen: [string, unknown][] = [];
  const api = Object.fromEntries(
    POS_CALLS.map((name) => [
      name,
      async (payload: unknown) => {
        seen.push([name, payload]);
        return ok(payload ?? null);
      },
    ]),
  ) as unknown as PosCalls;
  return { api, seen };
}

const line = { name: 'Tea', quantity: 2, unitFen: 1200 };
const valid: Record<(typeof POS_CALLS)[number], unknown> = {
  getShellInfo: undefined,
  charge: { lines: [line], cashier: 'amy' },
  getPayment: { attemptId: 'att_1' },
  cancelPayment: { attemptId: 'att_1' },
  getRecovery: undefined,
  listReceipts: { limit: 50, text: 'P123', status: 'PAID_AFTER_CANCEL' },
  getReceipt: { saleId: 'sale_1' },
  getDayTotals: { dayStartMs: Date.UTC(2026, 0, 1) },
  requestRefund: { saleId: 'sale_1', amountFen: 100, reason: 'broken cup', secondApprover: { staffId: 'staff_2', pin: '13579246' } },
  getAlerts: undefined,
  dismissAlert: { alertId: 'al_1', reason: 'checked with the customer' },
  getSettings: undefined,
  saveSettings: { storeName: 'Shop', apiKey: 'a'.repeat(32), mchId: '1900000109', appid: 'wx2421b1c4370ec43b' },
  importMerchantCertificate: { format: 'p12', password: '1900000109' },
  testConnection: undefined,
  setMode: { mode: 'LIVE', confirmed: false },
  sandboxPhone: { attemptId: 'att_1', action: 'pay-slowly' },
  markRefundHandled: { refundId: 'ref_1' },
  // --- issue 11 (i11-staff) ---
  getStaffSession: undefined,
  firstRunSetup: { setupCode: 'ABCD-EFGH-JKMN', name: 'Owner Wang', pin: '246810' },
  signIn: { staffId: 'staff_1', pin: '246810' },
  signOut: undefined,
  lockTill: undefined,
  listStaff: undefined,
  addStaff: { name: 'Amy', role: 'cashier', pin: '135790' },
  updateStaff: { staffId: 'staff_1', role: 'manager', disabled: false },
  unlockStaff: { staffId: '*' },
  changeOwnPin: { currentPin: '246810', newPin: '135790' },
  saveStaffPolicy: { idleMinutes: 5, secondApprovalAboveFen: 20000 },
  acknowledgeAuditBreak: { note: 'checked the backup: same records' }, // issue 11 point 4
  // --- issue 13 shifts, cash, Z reports (i13-day) ---
  getShift: undefined,
  openShift: { floatFen: 20000 },
  moveShiftCash: { kind: 'PAY_OUT', amountFen: 500, reason: 'milk' },
  closeShift: { counts: [{ denominationFen: 10000, pieces: 2 }, { denominationFen: 10, pieces: 3 }] },
  cashSale: { lines: [line], tenderedFen: 5000 },
  cashRefund: { saleId: 'sale_1', amountFen: 100, reason: 'broken cup' },
  getXReport: {},
  closeDay: { day: '20261129' },
  listZReports: undefined,
  getZReport: { seq: 1 },
  dayReportCsv: { seq: 1 },
  getDaySettings: undefined,
  saveDaySettings: { cutoffHour: 4, roundCashToJiao: true, diffLimitFen: 1000 },
  reconcileDay: { billDate: '20261128' },
  // --- issue 12 quick pay ---
  quickPay: { lines: [line], cashier: 'amy', authCode: '134567890123456789' },
  sandboxPaymentCode: { customer: 'password' },
  sandboxPassword: { attemptId: 'att_1', action: 'abandon' },
  // --- issue 15.1 catalog ---
  listProducts: undefined,
  saveProduct: { name: '拿铁', priceFen: 2600, barcode: '6901234567892', category: 'Coffee', quickKey: 1 },
  deleteProduct: { productId: 'product_1' },
  importCatalogCsv: { csv: 'name,price\nTea,5\n' },
  exportCatalogCsv: undefined,
  // --- issue 14 printing ---
  getPrinterSettings: undefined,
  savePrinterSettings: { kind: 'network', address: '192.168.1.50:9100', width: 80, locale: 'zh-CN', autoPrint: true, openDrawer: false },
  printReceipt: { saleId: 'sale_1' },
  printTestPage: undefined,
  listPrintJobs: undefined,
  retryPrintJobs: undefined,
  discardPrintJob: { jobId: 3 },
  getSyncStatus: undefined, // --- issue 16 head office
  // --- issue 13 + 14 (w2-print) ---
  printShiftClose: { shiftId: 'shift_1' },
  printDayReport: { seq: 2 },
  getAuditState: undefined, // --- issue 11 point 4 follow-up (w2-ack)
  // --- issue 16.2 till enrolment (i16-enrol) ---
  getHeadOffice: undefined,
  enrolAtHeadOffice: { url: 'https://192.168.1.10:8443', fingerprint: 'AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:CD', code: '1234-5678-9012' },
  leaveHeadOffice: undefined,
  // --- issue 16.4 cross-till refund (i16-xrefund) ---
  searchHqPayments: { text: '12345678' },
  openHqPayment: { outTradeNo: 'P2611280001' },
  // --- issue 13.1 split tender (i13-split) ---
  splitCharge: { lines: [line], cashFen: 1000, tenderedFen: 1000 },
  splitQuickPay: { lines: [line], cashFen: 1000, tenderedFen: 2000, authCode: '134567890123456789' },
  listSplitCashOwed: undefined,
  confirmSplitCashReturned: { saleId: 'sale_1' },
};

const invalid: Record<(typeof POS_CALLS)[number], unknown[]> = {
  getShellInfo: [{}, 1, 'x'],
  charge: [
    {},
    { lines: [], cashier: 'amy' },
    { lines: [line], cashier: '' },
    { lines: [{ ...line, unitFen: 1.5 }], cashier: 'amy' },
    { lines: [{ ...line, unitFen: -1 }], cashier: 'amy' },
    { lines: [{ ...line, unitFen: 2 ** 31 }], cashier: 'amy' },
    { lines: [{ ...line, quantity: 0 }], cashier: 'amy' },
    { lines: [{ ...line, unitFen: '100' }], cashier: 'amy' },
    { lines: Array.from({ length: 201 }, () => line), cashier: 'amy' },
    { lines: [{ ...line, name: 'x'.repeat(65) }], cashier: 'amy' },
    { lines: [{ ...line, name: 'a\u0000b' }], cashier: 'amy' },
    { lines: [line], cashier: 'amy', totalFen: 1 }, // a total from the renderer is refused outright
    { lines: [{ ...line, extra: 1 }], cashier: 'amy' },
  ],
  getPayment: [{}, { attemptId: '' }, { attemptId: 'a b' }, { attemptId: 'x'.repeat(65) }, null],
  cancelPayment: [{ attemptId: 1 }],
  getRecovery: [{ a: 1 }],
  listReceipts: [{}, { limit: 0 }, { limit: 201 }, { limit: 10, amountFen: 1.1 }, { limit: 10, status: 'LOST' }, { limit: 10, cursor: '<script>' }],
  getReceipt: [{ saleId: "1' OR 1=1" }],
  getDayTotals: [{ dayStartMs: -1 }, { dayStartMs: 1.5 }, {}],
  requestRefund: [
    { saleId: 's', amountFen: 0, reason: 'r' },
    { saleId: 's', amountFen: 100, reason: 'x'.repeat(81) },
    { saleId: 's', amountFen: 100, reason: 'r', secondApprover: { staffId: 'staff_2' } },
    { saleId: 's', amountFen: 100, reason: 'r', refundableFen: 1e9 },
    // issue 11: the free-text approver and the shared manager PIN are gone from the bridge
    { saleId: 's', amountFen: 100, reason: 'r', approver: 'a', managerPin: '1234' },
    { saleId: 's', amountFen: 100, reason: 'r\u202Egnp.exe' }, // a format character (right-to-left override)
  ],
  getAlerts: [[]],
  dismissAlert: [{}, { alertId: 'al_1', reason: '' }, { alertId: 'al_1', reason: 'ok\u200B' }],
  getSettings: [{ includeKey: true }],
  saveSettings: [
    { apiKey: 'short' },
    { appid: 'notanappid' },
    { mchId: '19000x0109' },
    { signType: 'SHA1' },
    { refundCapFen: -5 },
    { mode: 'LIVE' },
    { locale: 'fr' },
    { tillId: 'till 1' },
    // issue 11: the approval is the signed-in owner; approver/managerPin are unknown keys now
    { appid: 'wx2421b1c4370ec43b', approver: '', managerPin: '1234' },
    { appid: 'wx2421b1c4370ec43b', approver: 'boss', managerPin: '1'.repeat(17) },
    { appid: 'wx2421b1c4370ec43b', approver: 'a\u0007b', managerPin: '1234' },
    { storeName: 'Shop\u202E' }, // issue 11 point 8: a format character in the store name
  ],
  importMerchantCertificate: [
    { format: 'der' },
    { format: 'p12' },
    { format: 'pem', password: 'x' },
    { format: 'p12', password: 'x', approver: 'boss', managerPin: '1234' },
    { format: 'pem', approver: 'boss' },
  ],
  // --- issue 12 quick pay (a wrong code is core's plain-words NOT_A_PAYMENT_CODE, only its size is checked here) ---
  quickPay: [
    { lines: [line], cashier: 'amy' },
    { lines: [line], cashier: 'amy', authCode: 134567890123456789 },
    { lines: [line], cashier: 'amy', authCode: '1'.repeat(129) },
    { lines: [line], cashier: 'amy', authCode: '134567890123456789', totalFen: 1 },
  ],
  sandboxPaymentCode: [{}, { customer: 'rich' }],
  sandboxPassword: [{ attemptId: 'att_1' }, { attemptId: 'att_1', action: 'pay' }],
  testConnection: [{ url: 'http://evil' }],
  setMode: [
    { mode: 'LIVE' },
    { mode: 'DEMO', confirmed: true },
    { mode: 'LIVE', confirmed: 'yes' },
    { mode: 'LIVE', confirmed: true, approver: 'boss', managerPin: '1234' },
    { mode: 'SANDBOX', confirmed: true, approver: 'boss' },
  ],
  sandboxPhone: [{ attemptId: 'a', action: 'steal' }, { attemptId: 'a' }],
  markRefundHandled: [{}, { refundId: 'a b' }, { refundId: 'ref_1', approver: 'boss', managerPin: '1234' }, { refundId: 'ref_1', amountFen: 1 }],
  // --- issue 11 (i11-staff) ---
  getStaffSession: [{ who: 1 }],
  firstRunSetup: [{ setupCode: 'x', name: 'A' }, { setupCode: '<x>', name: 'A', pin: '246810' }, { setupCode: 'ABCD', name: 'Owner\u202E', pin: '246810' }],
  signIn: [{}, { staffId: 'a b', pin: '246810' }, { pin: '1'.repeat(17) }, { pin: '246810', role: 'owner' }],
  signOut: [{ all: true }],
  lockTill: [1],
  listStaff: [{ includePins: true }],
  addStaff: [{ name: 'A', role: 'boss', pin: '246810' }, { name: '', role: 'cashier', pin: '246810' }, { name: 'A\u2066', role: 'cashier', pin: '246810' }],
  updateStaff: [{ name: 'A' }, { staffId: 'staff_1', role: 'god' }],
  unlockStaff: [{}, { staffId: '**' }],
  changeOwnPin: [{ newPin: '246810' }, { currentPin: '', newPin: '246810' }],
  saveStaffPolicy: [{ idleMinutes: -1 }, { secondApprovalAboveFen: 1.5 }, { idleMinutes: 5, extra: 1 }],
  acknowledgeAuditBreak: [{}, { note: 'ok' }, { note: 'x'.repeat(501) }, { note: 'a\u0000b ok' }, { note: 'fine note', by: 'owner' }], // issue 11 point 4
  // --- issue 13 shifts, cash, Z reports (i13-day) ---
  getShift: [{ a: 1 }],
  openShift: [{ floatFen: 12.5 }, { floatFen: '200' }, { floatFen: -1 }, {}],
  moveShiftCash: [{ kind: 'PAY_OUT', amountFen: 0, reason: 'x' }, { kind: 'STEAL', amountFen: 1, reason: 'x' }, { kind: 'PAY_IN', amountFen: 1, reason: '' }],
  closeShift: [{ counts: [{ denominationFen: 3, pieces: 1 }] }, { counts: [{ denominationFen: 100, pieces: 'ab' }] }, { counts: [{ denominationFen: 100, pieces: -1 }] }, {}],
  cashSale: [{ lines: [line], tenderedFen: 1.5 }, { lines: [], tenderedFen: 100 }, { lines: [line], tenderedFen: 100, totalFen: 1 }],
  cashRefund: [{ saleId: 's', amountFen: 0, reason: 'r' }, { saleId: 's', amountFen: 1, reason: 'r', approver: 'a', managerPin: '1' }],
  getXReport: [{ day: '2026-11-29' }],
  closeDay: [{ day: 'today' }, { seq: 1 }],
  listZReports: [{ all: true }],
  getZReport: [{ seq: 0 }, { seq: 1.5 }, {}],
  dayReportCsv: [{ seq: -1 }],
  getDaySettings: [{ x: 1 }],
  saveDaySettings: [{ cutoffHour: 24, roundCashToJiao: true, diffLimitFen: 0 }, { cutoffHour: 4, roundCashToJiao: true, diffLimitFen: 0, approver: 'a', managerPin: '1' }],
  reconcileDay: [{ billDate: '2026-11-28' }, {}],
  // --- issue 15.1 catalog ---
  listProducts: [{ all: true }],
  saveProduct: [
    { name: 'Tea', priceFen: -1, barcode: null, category: '', quickKey: null },
    { name: 'Tea', priceFen: 1.5, barcode: null, category: '', quickKey: null },
    { name: 'x'.repeat(65), priceFen: 100, barcode: null, category: '', quickKey: null },
    { name: 'Tea', priceFen: 100, barcode: 'a b', category: '', quickKey: null },
    { name: 'Tea', priceFen: 100, barcode: null, category: '', quickKey: 61 },
  ],
  deleteProduct: [{ productId: '' }],
  importCatalogCsv: [{ csv: 1 }, {}],
  exportCatalogCsv: [{ csv: 'x' }],
  // --- issue 14 printing ---
  getPrinterSettings: [{ a: 1 }],
  savePrinterSettings: [{}, { kind: 'serial', width: 80, locale: 'en', autoPrint: false, openDrawer: false }, { kind: 'none', width: 80, locale: 'en', autoPrint: false, openDrawer: false, host: 'x' }],
  printReceipt: [{}, { saleId: "1' OR 1=1" }],
  printTestPage: [{ a: 1 }],
  listPrintJobs: [{ a: 1 }],
  retryPrintJobs: [{ a: 1 }],
  discardPrintJob: [{ jobId: 0 }, { jobId: 1.5 }, {}],
  getSyncStatus: [{ a: 1 }, 'x'], // --- issue 16 head office
  // --- issue 13 + 14 (w2-print) ---
  printShiftClose: [{}, { shiftId: '' }, { shiftId: "1' OR 1=1" }],
  printDayReport: [{ seq: 0 }, { seq: 1.5 }, { seq: 1, extra: true }],
  getAuditState: [{ a: 1 }, 'x'], // --- issue 11 point 4 follow-up (w2-ack)
  // --- issue 16.2 till enrolment (i16-enrol) ---
  getHeadOffice: [{ a: 1 }, 'x'],
  enrolAtHeadOffice: [
    {},
    { url: 'http://192.168.1.10:8443', fingerprint: 'AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:CD', code: '1234-5678-9012' }, // not https
    { url: 'https://user:pw@hq:8443', fingerprint: 'AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:CD', code: '1234-5678-9012' },
    { url: 'https://hq:8443/?x=1', fingerprint: 'AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:CD', code: '1234-5678-9012' },
    { url: 'https://hq:8443', fingerprint: 'AB:CD', code: '1234-5678-9012' }, // too short
    { url: 'https://hq:8443', fingerprint: 'AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:ZZ', code: '1234-5678-9012' }, // not hex
    { url: 'https://hq:8443', fingerprint: 'AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:CD', code: '1234-5678' },
    { url: 'https://hq:8443', fingerprint: 'AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:CD', code: 'abcd-efgh-ijkl' },
    { url: 'https://hq:8443', fingerprint: 'AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:CD', code: '1234-5678-9012', token: 'x' },
  ],
  leaveHeadOffice: [{ a: 1 }, 'x'],
  // --- issue 16.4 cross-till refund (i16-xrefund): too short, not an id, extra field ---
  searchHqPayments: [{ text: '12345' }, { text: 'abc def 123' }, { text: '123456', x: 1 }, undefined],
  openHqPayment: [{ outTradeNo: '' }, { outTradeNo: 'x'.repeat(33) }, { outTradeNo: 'a b' }],
  // --- issue 13.1 split tender (i13-split) ---
  splitCharge: [{ lines: [line], cashFen: -1, tenderedFen: 0 }, { lines: [line], cashFen: 1.5, tenderedFen: 2 }, { lines: [], cashFen: 1, tenderedFen: 1 }],
  splitQuickPay: [{ lines: [line], cashFen: 100, tenderedFen: 100 }, { lines: [line], cashFen: 100, tenderedFen: 100, authCode: 'x'.repeat(129) }],
  listSplitCashOwed: [{ a: 1 }],
  confirmSplitCashReturned: [{}, { saleId: '' }, { saleId: 'bad id!' }],
};

describe('dispatcher', () => {
  it('has a schema for exactly the POS_CALLS', () => {
    expect(Object.keys(posCallSchemas).sort()).toEqual([...POS_CALLS].sort());
  });

  it('passes every valid payload through to the handler', async () => {
    const { api, seen } = echoApi();
    const dispatch = createDispatcher(api);
    for (const name of POS_CALLS) {
      const r = await dispatch(name, valid[name]);
      expect(r.ok, name).toBe(true);
    }
    expect(seen.map(([n]) => n)).toEqual([...POS_CALLS]);
    // No-payload calls accept null too (the harness may send it) and see undefined.
    expect(await dispatch('getShellInfo', null)).toEqual({ ok: true, value: null });
    expect(seen.at(-1)).toEqual(['getShellInfo', undefined]);
  });

  it('rejects bad payloads with INVALID_PAYLOAD before the handler sees them', async () => {
    const { api, seen } = echoApi();
    const dispatch = createDispatcher(api);
    let n = 0;
    for (const name of POS_CALLS) {
      for (const bad of invalid[name]) {
        const r = await dispatch(name, bad);
        expect(r, `${name} ${JSON.stringify(bad)?.slice(0, 60)}`).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
        n++;
      }
    }
    expect(n).toBeGreaterThan(50);
    expect(seen).toEqual([]);
  });

  it('does not echo a rejected key or PIN in the error message', async () => {
    const dispatch = createDispatcher(echoApi().api);
    const key = 'Zk3'.repeat(10) + 'Q'; // 31 chars: wrong length
    const r = await dispatch('saveSettings', { apiKey: key });
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain(key);
    const p = await dispatch('setManagerPin', { currentPin: null, newPin: '98765' + 'x' });
    expect(JSON.stringify(p)).not.toContain('98765x');
  });

  it('refuses unknown methods, including prototype names', async () => {
    const dispatch = createDispatcher(echoApi().api);
    for (const name of ['nope', 'constructor', '__proto__', 'toString', 'getSettings ', 'hasOwnProperty']) {
      expect(await dispatch(name, undefined)).toMatchObject({ ok: false, code: 'UNKNOWN_METHOD' });
    }
    expect(await dispatch(42 as unknown as string, undefined)).toMatchObject({ ok: false, code: 'UNKNOWN_METHOD' });
  });

  it('turns a thrown error into INTERNAL and logs it redacted', async () => {
    const secret = '192006250b4c09247ec02edce69f6a2d';
    const { api } = echoApi();
    const broken: PosCalls = {
      ...api,
      getSettings: async () => {
        throw new Error(`boom while signing with key=${secret}`);
      },
    };
    const logger = memoryLogger(() => [secret]);
    const dispatch = createDispatcher(broken, logger);
    const r = await dispatch('getSettings', undefined);
    expect(r).toMatchObject({ ok: false, code: 'INTERNAL' });
    expect(JSON.stringify(r)).not.toContain(secret);
    expect(logger.lines.join('\n')).toContain('boom while signing');
    expect(logger.lines.join('\n')).not.toContain(secret);
  });
});
