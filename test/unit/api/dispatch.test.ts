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
  requestRefund: { saleId: 'sale_1', amountFen: 100, reason: 'broken cup', approver: 'boss', managerPin: '1234' },
  getAlerts: undefined,
  dismissAlert: { alertId: 'al_1' },
  getSettings: undefined,
  saveSettings: { storeName: 'Shop', apiKey: 'a'.repeat(32), mchId: '1900000109', appid: 'wx2421b1c4370ec43b', approver: 'boss', managerPin: '1234' },
  importCertificate: { format: 'p12', password: '1900000109', approver: 'boss', managerPin: '1234' },
  setManagerPin: { currentPin: null, newPin: '123456' },
  testConnection: undefined,
  setMode: { mode: 'LIVE', confirmed: false, approver: 'boss', managerPin: '1234' },
  sandboxPhone: { attemptId: 'att_1', action: 'pay-slowly' },
  markRefundHandled: { refundId: 'ref_1', approver: 'boss', managerPin: '1234' },
  getSyncStatus: undefined, // --- issue 16 head office
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
    { saleId: 's', amountFen: 0, reason: 'r', approver: 'a', managerPin: '1234' },
    { saleId: 's', amountFen: 100, reason: 'x'.repeat(81), approver: 'a', managerPin: '1234' },
    { saleId: 's', amountFen: 100, reason: 'r', approver: 'a' },
    { saleId: 's', amountFen: 100, reason: 'r', approver: 'a', managerPin: '1234', refundableFen: 1e9 },
  ],
  getAlerts: [[]],
  dismissAlert: [{}],
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
    { appid: 'wx2421b1c4370ec43b', approver: '', managerPin: '1234' },
    { appid: 'wx2421b1c4370ec43b', approver: 'boss', managerPin: '1'.repeat(17) },
    { appid: 'wx2421b1c4370ec43b', approver: 'a\u0007b', managerPin: '1234' },
  ],
  importCertificate: [
    { format: 'der', approver: 'boss', managerPin: '1234' },
    { format: 'p12', approver: 'boss', managerPin: '1234' },
    { format: 'pem', password: 'x', approver: 'boss', managerPin: '1234' },
    { format: 'p12', password: 'x' }, // no approval
    { format: 'pem', approver: 'boss' },
  ],
  setManagerPin: [{ currentPin: null, newPin: '123' }, { currentPin: null, newPin: '123456789' }, { newPin: '1234' }, { currentPin: null, newPin: 'abcd' }],
  testConnection: [{ url: 'http://evil' }],
  setMode: [
    { mode: 'LIVE', approver: 'boss', managerPin: '1234' },
    { mode: 'DEMO', confirmed: true, approver: 'boss', managerPin: '1234' },
    { mode: 'LIVE', confirmed: 'yes', approver: 'boss', managerPin: '1234' },
    { mode: 'LIVE', confirmed: true }, // no approval
    { mode: 'SANDBOX', confirmed: true, approver: 'boss' },
  ],
  sandboxPhone: [{ attemptId: 'a', action: 'steal' }, { attemptId: 'a' }],
  markRefundHandled: [{ refundId: 'ref_1' }, { refundId: 'a b', approver: 'boss', managerPin: '1234' }, { refundId: 'ref_1', approver: 'boss', managerPin: '1234', amountFen: 1 }],
  getSyncStatus: [{ a: 1 }, 'x'], // --- issue 16 head office
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
