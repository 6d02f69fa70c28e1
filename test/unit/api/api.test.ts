import { afterEach, describe, expect, it } from 'vitest';
import { POS_CALLS, type DayTotals } from '../../../src/common/api';
import { err, ok } from '../../../src/common/result';
import { DAY_MS, createPosApi, type PosApiDeps } from '../../../src/core/api';
import { openShiftDay } from '../../support/open-shift-day';
import type { EngineCalls } from '../../../src/core/checkout/engine-types';
import type { SandboxGateway, SandboxPort } from '../../../src/core/settings/sandbox-port';
import { settingsRig, type Rig } from '../settings/helpers';
import { TEST_OWNER, signedInAuth } from '../../support/signed-in-core';
import type { StaffAuth } from '../../../src/core/auth';
import { createSettingsService } from '../../../src/core/settings/settings-service';

let auth: StaffAuth;

let rig: Rig;
afterEach(() => rig?.cleanup());

const GATEWAY: SandboxGateway = {
  target: { baseUrl: 'http://127.0.0.1:9' },
  merchant: { appid: 'wx0', mchId: '1', key: 'k'.repeat(32), signType: 'MD5' },
  cert: null,
};

/** A stand-in for the host's sandbox: records ensure() and phone calls; `start` says whether ensure() works. */
function fakePort(calls: string[], opts: { running?: boolean; start?: boolean } = {}): SandboxPort {
  let up = opts.running ?? true;
  return {
    ensure: async () => {
      calls.push('sandbox.ensure');
      if (opts.start === false) return err('CONFIG_ERROR', 'did not start');
      up = true;
      return ok(GATEWAY);
    },
    current: () => (up ? GATEWAY : null),
    phone: async (action, codeUrl) => {
      calls.push(`phone ${action} ${codeUrl}`);
      return ok(null);
    },
    close: async () => {},
  };
}

function deps(calls: string[], sandbox: SandboxPort = fakePort(calls)): PosApiDeps {
  rig = settingsRig();
  // issue 11: the test owner is signed in; protected settings are approved by the owner's grant
  auth = signedInAuth({ store: rig.store, box: rig.box, clock: rig.clock });
  const settings = createSettingsService({
    storage: rig.store.kv,
    box: rig.box,
    clock: rig.clock,
    files: rig.picker,
    pin: auth.settingsApproval,
    openWork: () => rig.openWork.n,
    logger: rig.logger,
  });
  const engine = Object.fromEntries(
    ['charge', 'getPayment', 'cancelPayment', 'getRecovery', 'requestRefund', 'getAlerts', 'dismissAlert', 'markRefundHandled'].map((n) => [
      n,
      async (input: unknown) => {
        calls.push(`${n} ${JSON.stringify(input ?? null)}`);
        return ok(n);
      },
    ]),
  ) as unknown as EngineCalls;
  // The QR of a1 is known; any other attempt has none shown (yet).
  const getPayment: EngineCalls['getPayment'] = async (input) => {
    calls.push(`getPayment ${JSON.stringify(input)}`);
    return ok({ codeUrl: input.attemptId === 'a1' ? 'weixin://wxpay/bizpayurl?pr=a1' : null } as never);
  };
  return {
    engine: { ...engine, getPayment, ready: () => false },
    history: {
      listReceipts: (q) => (q.cursor === 'bad' ? err('INVALID_PAYLOAD', 'invalid cursor') : ok({ rows: [], nextCursor: null })),
      getReceiptDetail: (saleId) => (saleId === 'known' ? ({ receipt: {}, refunds: [], refundableFen: 0 } as never) : null),
      dayTotals: (start, end): DayTotals => {
        calls.push(`dayTotals ${start} ${end}`);
        return { dayStartMs: start, count: 0, paidFen: 0, refundedFen: 0, netFen: 0 };
      },
    },
    settings,
    auth: auth.authority,
    preflight: async () => [],
    sandbox,
    appVersion: '1.2.3',
    day: openShiftDay(), // issue 13: a shift is open, as at a working till
    reconcile: async () => err('NOT_FOUND', 'no bill'), // issue 13
    catalog: { repo: { list: () => [] } as never }, // issue 15.1: not exercised here (test/unit/catalog)
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
      value: { storeName: 'Demo Store', tillId: 'T01', mode: 'SANDBOX', locale: 'zh-CN', appVersion: '1.2.3', ready: false, clock: null },
    });
    await api.charge({ lines: [{ name: 'a', quantity: 1, unitFen: 1 }], cashier: 'c' });
    await api.requestRefund({ saleId: 's', amountFen: 1, reason: 'r' });
    await api.dismissAlert({ alertId: 'x' });
    await api.sandboxPhone({ attemptId: 'a1', action: 'fail' });
    expect(await api.getReceipt({ saleId: 'unknown' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect((await api.getReceipt({ saleId: 'known' })).ok).toBe(true);
    expect(await api.listReceipts({ limit: 5, cursor: 'bad' })).toMatchObject({ code: 'INVALID_PAYLOAD' });
    await api.getDayTotals({ dayStartMs: 1000 });
    // issue 11: the signed-in person is the cashier and the approver; the engine gets a one-time grant, not a PIN
    expect(calls).toEqual([
      `charge {"lines":[{"name":"a","quantity":1,"unitFen":1}],"cashier":"${TEST_OWNER.name}"}`,
      expect.stringMatching(new RegExp(`^requestRefund \\{"saleId":"s","amountFen":1,"reason":"r","approver":"${TEST_OWNER.name}","managerPin":"[A-Za-z0-9_-]{24}","staffId":"staff_t1","secondStaffId":null\\}$`)),
      'dismissAlert {"alertId":"x"}',
      'getPayment {"attemptId":"a1"}',
      'phone fail weixin://wxpay/bizpayurl?pr=a1',
      `dayTotals 1000 ${1000 + DAY_MS}`,
    ]);
    // issue 11: an owner exists (first run), so the till has its "manager PIN"
    expect(await api.getSettings()).toMatchObject({ ok: true, value: { hasManagerPin: true } });
    expect(await api.setMode({ mode: 'LIVE', confirmed: false })).toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
    // The owner's approval reaches the mode rules; a cashier is refused by core before them.
    expect(await api.setMode({ mode: 'LIVE', confirmed: true })).toMatchObject({ code: 'CONFIG_ERROR' });
    expect(await api.saveSettings({ storeName: 'Owner' })).toMatchObject({ ok: true, value: { storeName: 'Owner' } });
    expect(await api.saveSettings({ locale: 'en' })).toMatchObject({ ok: true, value: { locale: 'en' } });
    // issue 16.4 (i16-xrefund): a manager (here the owner) may ask HQ; a till without a link says so in plain words
    expect(await api.searchHqPayments({ text: '123456' })).toMatchObject({ code: 'HQ_UNREACHABLE' });
    expect(await api.openHqPayment({ outTradeNo: 'P1' })).toMatchObject({ code: 'HQ_UNREACHABLE' });
    expect((await api.addStaff({ name: 'Amy', role: 'cashier', pin: '135790' })).ok).toBe(true);
    expect((await api.signIn({ pin: '135790' })).ok).toBe(true);
    expect(await api.setMode({ mode: 'LIVE', confirmed: true })).toMatchObject({ code: 'ROLE_REQUIRED' });
    expect(await api.saveSettings({ locale: 'zh-CN' })).toMatchObject({ ok: true, value: { locale: 'zh-CN' } });
    expect(await api.saveSettings({ storeName: 'Free' })).toMatchObject({ code: 'ROLE_REQUIRED' });
    expect(await api.saveSettings({ refundCapFen: 1 })).toMatchObject({ code: 'ROLE_REQUIRED' });
    expect(await api.importMerchantCertificate({ format: 'pem' })).toMatchObject({ ok: false });
    expect(await api.requestRefund({ saleId: 's', amountFen: 1, reason: 'r' })).toMatchObject({ code: 'ROLE_REQUIRED' });
    expect(await api.searchHqPayments({ text: '123456' })).toMatchObject({ code: 'ROLE_REQUIRED' }); // issue 16.4: a cashier may not
    expect(await api.openHqPayment({ outTradeNo: 'P1' })).toMatchObject({ code: 'ROLE_REQUIRED' });
    expect(await api.lockTill()).toEqual({ ok: true, value: null });
    expect(await api.charge({ lines: [{ name: 'a', quantity: 1, unitFen: 1 }] })).toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect(calls.filter((c) => c.startsWith('charge') || c.startsWith('requestRefund'))).toHaveLength(2); // nothing more reached the engine
  });

  it('sandboxPhone: the phone acts on the attempt\'s QR, only while the simulator runs', async () => {
    const calls: string[] = [];
    const stopped = createPosApi(deps(calls, fakePort(calls, { running: false })));
    expect(await stopped.sandboxPhone({ attemptId: 'a1', action: 'pay' })).toMatchObject({ ok: false, code: 'CONFIG_ERROR' });
    expect(calls).toEqual([]);
    rig.cleanup();
    const api = createPosApi(deps(calls));
    expect(await api.sandboxPhone({ attemptId: 'a2', action: 'pay' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await api.sandboxPhone({ attemptId: 'a1', action: 'pay-slowly' })).toEqual({ ok: true, value: null });
    expect(calls).toEqual(['getPayment {"attemptId":"a2"}', 'getPayment {"attemptId":"a1"}', 'phone pay-slowly weixin://wxpay/bizpayurl?pr=a1']);
  });

  it('setMode SANDBOX starts the simulator through the port; a failed start does not undo the switch', async () => {
    const calls: string[] = [];
    const api = createPosApi(deps(calls, fakePort(calls, { running: false, start: false })));
    expect(await api.setMode({ mode: 'LIVE', confirmed: true })).toMatchObject({ code: 'CONFIG_ERROR' });
    expect(calls).toEqual([]); // a refused switch starts nothing
    expect(await api.setMode({ mode: 'SANDBOX', confirmed: false })).toMatchObject({
      ok: true,
      value: { mode: 'SANDBOX' },
    });
    expect(calls).toEqual(['sandbox.ensure']);
  });
});
