import { afterEach, describe, expect, it } from 'vitest';
import { POS_CALLS, type DayTotals } from '../../../src/common/api';
import { err, ok } from '../../../src/common/result';
import { DAY_MS, createPosApi, type PosApiDeps } from '../../../src/core/api';
import type { EngineCalls } from '../../../src/core/checkout/engine-types';
import { settingsRig, type Rig } from '../settings/helpers';

let rig: Rig;
afterEach(() => rig?.cleanup());

function deps(calls: string[]): PosApiDeps {
  rig = settingsRig();
  const engine = Object.fromEntries(
    ['charge', 'getPayment', 'cancelPayment', 'getRecovery', 'requestRefund', 'getAlerts', 'dismissAlert'].map((n) => [
      n,
      async (input: unknown) => {
        calls.push(`${n} ${JSON.stringify(input ?? null)}`);
        return ok(n);
      },
    ]),
  ) as unknown as EngineCalls;
  return {
    engine: { ...engine, ready: () => false },
    history: {
      listReceipts: (q) => (q.cursor === 'bad' ? err('INVALID_PAYLOAD', 'invalid cursor') : ok({ rows: [], nextCursor: null })),
      getReceiptDetail: (saleId) => (saleId === 'known' ? ({ receipt: {}, refunds: [], refundableFen: 0 } as never) : null),
      dayTotals: (start, end): DayTotals => {
        calls.push(`dayTotals ${start} ${end}`);
        return { dayStartMs: start, count: 0, paidFen: 0, refundedFen: 0, netFen: 0 };
      },
    },
    settings: rig.settings,
    pin: rig.pin,
    preflight: async () => [],
    sandboxPhone: async (attemptId, action) => {
      calls.push(`phone ${attemptId} ${action}`);
      return ok(null);
    },
    appVersion: '1.2.3',
  };
}

describe('createPosApi', () => {
  it('has exactly the POS_CALLS keys, each a function', () => {
    const api = createPosApi(deps([]));
    expect(Object.keys(api).sort()).toEqual([...POS_CALLS].sort());
    for (const k of POS_CALLS) expect(typeof api[k]).toBe('function');
  });

  it('delegates to the engine, the history queries and the settings', async () => {
    const calls: string[] = [];
    const api = createPosApi(deps(calls));
    expect(await api.getShellInfo()).toEqual({
      ok: true,
      value: { storeName: 'Demo Store', tillId: 'T01', mode: 'SANDBOX', locale: 'zh-CN', appVersion: '1.2.3', ready: false },
    });
    await api.charge({ lines: [{ name: 'a', quantity: 1, unitFen: 1 }], cashier: 'c' });
    await api.requestRefund({ saleId: 's', amountFen: 1, reason: 'r', approver: 'a', managerPin: '1234' });
    await api.dismissAlert({ alertId: 'x' });
    await api.sandboxPhone({ attemptId: 'a1', action: 'fail' });
    expect(await api.getReceipt({ saleId: 'unknown' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect((await api.getReceipt({ saleId: 'known' })).ok).toBe(true);
    expect(await api.listReceipts({ limit: 5, cursor: 'bad' })).toMatchObject({ code: 'INVALID_PAYLOAD' });
    await api.getDayTotals({ dayStartMs: 1000 });
    expect(calls).toEqual([
      'charge {"lines":[{"name":"a","quantity":1,"unitFen":1}],"cashier":"c"}',
      'requestRefund {"saleId":"s","amountFen":1,"reason":"r","approver":"a","managerPin":"1234"}',
      'dismissAlert {"alertId":"x"}',
      'phone a1 fail',
      `dayTotals 1000 ${1000 + DAY_MS}`,
    ]);
    expect(await api.setManagerPin({ currentPin: null, newPin: '1234' })).toEqual({ ok: true, value: null });
    expect(await api.getSettings()).toMatchObject({ ok: true, value: { hasManagerPin: true } });
    expect(await api.setMode({ mode: 'LIVE', confirmed: false, approver: 'm', managerPin: '1234' })).toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
    // The approval is passed on: a wrong PIN is refused by core, the right one reaches the mode rules.
    expect(await api.setMode({ mode: 'LIVE', confirmed: true, approver: 'm', managerPin: '9999' })).toMatchObject({ code: 'PIN_WRONG' });
    expect(await api.setMode({ mode: 'LIVE', confirmed: true, approver: 'm', managerPin: '1234' })).toMatchObject({ code: 'CONFIG_ERROR' });
    expect(await api.saveSettings({ storeName: 'Free' })).toMatchObject({ ok: true, value: { storeName: 'Free' } });
    expect(await api.saveSettings({ refundCapFen: 1 })).toMatchObject({ code: 'PIN_WRONG' });
    expect(await api.importCertificate({ format: 'pem', approver: 'm', managerPin: '0000' })).toMatchObject({ ok: false });
  });
});
