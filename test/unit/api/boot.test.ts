// startCore composition with a stand-in sandbox (no simulator): keys, defaults, mode rules.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { POS_CALLS, type PaymentView, type PosEventSink } from '../../../src/common/api';
import { VirtualClock } from '../../../src/common/clock';
import { ok } from '../../../src/common/result';
import { startCore, type CoreHandle, type CoreOptions } from '../../../src/host';
import { TEST_OWNER, startSignedIn } from '../../support/signed-in-core'; // issue 11: the test owner is signed in
import { memoryLogger } from '../../../src/core/logger';
import { unconfiguredClient, type GatewayConfig } from '../../../src/core/settings/gateway';
import { TEST_SCRYPT } from '../../../src/core/settings/manager-pin';
import { PAY_SLOWLY_MS, type SandboxRuntime } from '../../../src/host';
import { startSimulator, type Simulator } from '../../../src/sim';
import { MemorySecretBox } from '../../../src/core/settings/secret-box';
import { SANDBOX, p12File, queuedPicker } from '../settings/helpers';

const handles: CoreHandle[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const h of handles.splice(0)) await h.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Stands in for the in-process simulator object: only its identity is checked. */
const FAKE_SIM = { fake: true } as unknown as Simulator;

function fakeSandbox(phoneCalls: string[]): () => Promise<SandboxRuntime> {
  return async () => ({
    target: { baseUrl: 'http://127.0.0.1:9' },
    merchant: { appid: SANDBOX.appid, mchId: SANDBOX.mchId, key: SANDBOX.key, signType: 'MD5' },
    cert: null,
    simulator: FAKE_SIM,
    phone: async (action, codeUrl) => {
      phoneCalls.push(`${action} ${codeUrl}`);
      return ok(null);
    },
    close: async () => {},
  });
}

async function boot(extra: Partial<CoreOptions> = {}) {
  const dir = extra.dataDir ?? mkdtempSync(join(tmpdir(), 'boot-'));
  dirs.push(dir);
  const built: GatewayConfig[] = [];
  const phoneCalls: string[] = [];
  const picker = queuedPicker();
  const logger = memoryLogger();
  const events: Parameters<PosEventSink>[] = [];
  const handle = await startSignedIn({
    allowTestMaterialInLive: true, // LIVE against the simulator's test material (issue 11 point 7)
    dataDir: dir,
    secretBox: new MemorySecretBox(),
    events: ((e, p) => events.push([e, p] as never)) as PosEventSink,
    files: picker,
    clock: new VirtualClock(Date.now()),
    appVersion: '9.9.9',
    openShiftAtStart: { floatFen: 0 }, // issue 13: sales need an open shift
    logger,
    pin: { scrypt: TEST_SCRYPT },
    makeClient: (cfg) => {
      built.push(cfg);
      return unconfiguredClient('fake');
    },
    startSandbox: fakeSandbox(phoneCalls),
    ...extra,
  });
  handles.push(handle);
  await handle.internals.started;
  return { handle, built, phoneCalls, picker, logger, dir, events };
}

describe('startCore', () => {
  it('serves exactly the POS_CALLS and starts in SANDBOX with the simulator merchant', async () => {
    const { handle, built } = await boot();
    expect(Object.keys(handle.api).sort()).toEqual([...POS_CALLS].sort());
    const shell = await handle.dispatch('getShellInfo', undefined);
    expect(shell).toMatchObject({ ok: true, value: { mode: 'SANDBOX', appVersion: '9.9.9', tillId: 'T01', ready: true } });
    expect(handle.sandboxSimulator).toBe(FAKE_SIM);
    // The engine's gateway is the sandbox merchant against the sandbox target.
    await handle.api.charge({ lines: [{ name: 'Tea', quantity: 1, unitFen: 100 }], cashier: 'amy' });
    expect(built.at(-1)).toMatchObject({ mchId: SANDBOX.mchId, key: SANDBOX.key, baseUrl: 'http://127.0.0.1:9' });
  });

  it('validates through dispatch and refuses unknown calls', async () => {
    const { handle } = await boot();
    expect(await handle.dispatch('charge', { lines: [], cashier: 'x' })).toMatchObject({ code: 'INVALID_PAYLOAD' });
    expect(await handle.dispatch('rm -rf', {})).toMatchObject({ code: 'UNKNOWN_METHOD' });
  });

  it('setMode LIVE: confirmation first, then complete credentials; the gateway is rebuilt', async () => {
    const { handle, built, picker } = await boot({ liveGateway: { baseUrl: 'https://127.0.0.1:8' } });
    expect(await handle.dispatch('setMode', { mode: 'LIVE', confirmed: false })).toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
    // issue 11: nobody signed in, nobody switches; the owner signed in reaches the credential rules
    expect(await handle.dispatch('lockTill', undefined)).toEqual({ ok: true, value: null });
    expect(await handle.dispatch('setMode', { mode: 'LIVE', confirmed: true })).toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect(await handle.dispatch('signIn', { pin: TEST_OWNER.pin })).toMatchObject({ ok: true, value: { role: 'owner' } });
    expect(await handle.dispatch('setMode', { mode: 'LIVE', confirmed: true })).toMatchObject({ code: 'CONFIG_ERROR' });
    await handle.dispatch('saveSettings', { appid: SANDBOX.appid, mchId: SANDBOX.mchId, apiKey: SANDBOX.key });
    picker.next.push(p12File('merchant-1900000109-legacy.p12'));
    expect(await handle.dispatch('importMerchantCertificate', { format: 'p12', password: SANDBOX.mchId })).toMatchObject({ ok: true });
    expect(await handle.dispatch('setMode', { mode: 'LIVE', confirmed: true })).toMatchObject({ ok: true, value: { mode: 'LIVE' } });
    expect((await handle.dispatch('getShellInfo', undefined)) as { value: { mode: string } }).toMatchObject({ value: { mode: 'LIVE' } });
    // Any engine call now builds a LIVE client with the stored key and certificate.
    await handle.internals.engine.getRecovery();
    const before = built.length;
    await handle.api.charge({ lines: [{ name: 'Tea', quantity: 1, unitFen: 100 }], cashier: 'amy' });
    const live = built.slice(before).at(-1) ?? built.at(-1);
    expect(live).toMatchObject({ baseUrl: 'https://127.0.0.1:8', key: SANDBOX.key, mchId: SANDBOX.mchId });
    expect(live?.cert?.keyPem).toMatch(/PRIVATE KEY/);
    expect(await handle.dispatch('sandboxPhone', { attemptId: 'a1', action: 'pay' })).toMatchObject({ code: 'SANDBOX_ONLY' });
  });

  it('sandboxPhone drives the phone with the attempt\'s code_url, and refuses unknown attempts', async () => {
    const { handle } = await boot();
    expect(await handle.dispatch('sandboxPhone', { attemptId: 'nope', action: 'pay' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('keeps settings and the PIN across a restart of core', async () => {
    const box = new MemorySecretBox();
    const first = await boot({ secretBox: box });
    // issue 11: the owner's PIN (first run) is what persists; boot() signs in with it again after the restart
    expect(await first.handle.dispatch('getStaffSession', undefined)).toMatchObject({ ok: true, value: { signedIn: { name: TEST_OWNER.name } } });
    await first.handle.dispatch('saveSettings', { storeName: 'Noodle Bar', tillId: 'T7', apiKey: SANDBOX.key });
    await first.handle.close();
    const second = await boot({ secretBox: box, dataDir: first.dir });
    expect(await second.handle.dispatch('getSettings', undefined)).toMatchObject({
      ok: true,
      value: { storeName: 'Noodle Bar', tillId: 'T7', hasApiKey: true, hasManagerPin: true, mode: 'SANDBOX' },
    });
    expect(await second.handle.dispatch('changeOwnPin', { currentPin: '11111111', newPin: '13572468' })).toMatchObject({ code: 'PIN_WRONG' });
    expect(await second.handle.dispatch('getStaffSession', undefined)).toMatchObject({ ok: true, value: { signedIn: { name: TEST_OWNER.name } } });
  });
});

describe('mode across restarts', () => {
  it('a till left in LIVE starts without the simulator and starts it on a switch to SANDBOX', async () => {
    const box = new MemorySecretBox();
    const first = await boot({ secretBox: box });
    await first.handle.dispatch('saveSettings', { appid: SANDBOX.appid, mchId: SANDBOX.mchId, apiKey: SANDBOX.key });
    first.picker.next.push(p12File('merchant-1900000109.p12'));
    await first.handle.dispatch('importMerchantCertificate', { format: 'p12', password: SANDBOX.mchId });
    expect(await first.handle.dispatch('setMode', { mode: 'LIVE', confirmed: true })).toMatchObject({ ok: true });
    await first.handle.close();
    const second = await boot({ secretBox: box, dataDir: first.dir });
    expect(await second.handle.dispatch('getShellInfo', undefined)).toMatchObject({ value: { mode: 'LIVE' } });
    expect(second.handle.sandboxSimulator).toBeNull();
    // issue 11: a manager (not the owner) cannot switch; the owner can
    const mgr = await second.handle.dispatch('addStaff', { name: 'Manager Li', role: 'manager', pin: '97531864' });
    expect(mgr.ok).toBe(true);
    expect(await second.handle.dispatch('signIn', { pin: '97531864' })).toMatchObject({ ok: true, value: { role: 'manager' } });
    expect(await second.handle.dispatch('setMode', { mode: 'SANDBOX', confirmed: false })).toMatchObject({ code: 'ROLE_REQUIRED' });
    expect((await second.handle.dispatch('signIn', { pin: TEST_OWNER.pin })).ok).toBe(true);
    expect(await second.handle.dispatch('setMode', { mode: 'SANDBOX', confirmed: false })).toMatchObject({ ok: true, value: { mode: 'SANDBOX' } });
    expect(second.handle.sandboxSimulator).toBe(FAKE_SIM);
    await second.handle.api.charge({ lines: [{ name: 'Tea', quantity: 1, unitFen: 100 }], cashier: 'amy' });
    expect(second.built.at(-1)).toMatchObject({ baseUrl: 'http://127.0.0.1:9' });
  });
});

describe('sandbox wiring with the real simulator', () => {
  async function real(sandbox: CoreOptions['sandbox']) {
    const clock = new VirtualClock(Date.now());
    const events: PaymentView[] = [];
    const { handle } = await boot({
      clock,
      sandbox,
      makeClient: undefined,
      startSandbox: undefined,
      events: ((e: string, p: PaymentView) => e === 'payment' && events.push(p)) as PosEventSink,
    });
    const until = async (pred: () => boolean, maxMs = 120_000): Promise<number> => {
      const t0 = clock.now();
      while (!pred()) {
        if (clock.now() - t0 > maxMs) throw new Error('gave up');
        await clock.advance(250);
      }
      return clock.now() - t0;
    };
    return { handle, clock, events, until };
  }

  for (const [label, sandbox, scheme] of [
    ['HTTPS + mTLS (default)', undefined, 'https:'],
    ['plain HTTP fallback', { https: false }, 'http:'],
  ] as const) {
    it(`no credentials: ${label}; pay-slowly pays after about ${PAY_SLOWLY_MS / 1000} s`, async () => {
      const { handle, events, until } = await real(sandbox);
      const sim = handle.sandboxSimulator!;
      expect(sim).not.toBeNull();
      expect(new URL(sim.httpsUrl ?? sim.url).protocol).toBe(scheme === 'https:' ? 'https:' : 'http:');
      const charged = await handle.dispatch('charge', { lines: [{ name: 'Tea', quantity: 1, unitFen: 800 }], cashier: 'amy' });
      if (!charged.ok) throw new Error(charged.message);
      const view = charged.value as PaymentView;
      expect(sim.order(SANDBOX.mchId, view.outTradeNo)).toMatchObject({ totalFee: 800 });
      expect(await handle.dispatch('sandboxPhone', { attemptId: view.attemptId, action: 'pay-slowly' })).toEqual({ ok: true, value: null });
      const took = await until(() => events.some((e) => e.attemptId === view.attemptId && e.status === 'paid'));
      // Not before the customer confirms (the simulator shares the virtual clock). No upper bound:
      // virtual time runs on while a real HTTP round trip is in flight.
      expect(took).toBeGreaterThanOrEqual(PAY_SLOWLY_MS);
    });
  }

  it('an external simulator ({ url }) is driven over its /sim API', async () => {
    const clock = new VirtualClock(Date.now());
    const sim = await startSimulator({ clock });
    try {
      const events: PaymentView[] = [];
      const { handle } = await boot({
        clock,
        sandbox: { simulator: { url: sim.url, token: sim.controlToken } },
        makeClient: undefined,
        startSandbox: undefined,
        events: ((e: string, p: PaymentView) => e === 'payment' && events.push(p)) as PosEventSink,
      });
      expect(handle.sandboxSimulator).toBeNull();
      const charged = await handle.dispatch('charge', { lines: [{ name: 'Tea', quantity: 1, unitFen: 300 }], cashier: 'amy' });
      if (!charged.ok) throw new Error(charged.message);
      const view = charged.value as PaymentView;
      expect(await handle.dispatch('sandboxPhone', { attemptId: view.attemptId, action: 'pay' })).toEqual({ ok: true, value: null });
      for (let i = 0; i < 40 && !events.some((e) => e.status === 'paid'); i++) await clock.advance(250);
      expect(events.some((e) => e.attemptId === view.attemptId && e.status === 'paid')).toBe(true);
      // A refused phone action is an error, not a silent success.
      expect(await handle.dispatch('sandboxPhone', { attemptId: view.attemptId, action: 'pay' })).toMatchObject({ ok: false });
    } finally {
      await sim.close();
    }
  });
});

describe('manager PIN lockouts', () => {
  it('each lockout becomes a PIN_LOCKOUT alert on the till (stored and pushed), without the PIN', async () => {
    const { handle, events } = await boot();
    // issue 11: Cashier Wu's own PIN, guessed at the sign-in screen
    const wu = await handle.dispatch('addStaff', { name: 'Cashier Wu', role: 'cashier', pin: '86420975' });
    if (!wu.ok) throw new Error(wu.message);
    const wuId = (wu.value as { staffId: string }).staffId;
    await handle.dispatch('lockTill', undefined);
    const answers: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await handle.dispatch('signIn', { staffId: wuId, pin: '11111111' });
      answers.push(r.ok ? 'OK' : r.code);
    }
    expect(answers).toEqual(['PIN_WRONG', 'PIN_WRONG', 'PIN_WRONG', 'PIN_WRONG', 'PIN_LOCKED']);
    expect(await handle.dispatch('saveSettings', { mchId: '1900000110' })).toMatchObject({ code: 'NOT_SIGNED_IN' });
    const alerts = await handle.dispatch('getAlerts', undefined);
    expect(alerts).toMatchObject({ ok: true, value: [{ kind: 'PIN_LOCKOUT', saleId: null, amountFen: 0 }] });
    const pushed = events.filter(([e]) => e === 'alert').map(([, p]) => p as { kind: string; message: string });
    expect(pushed).toHaveLength(1);
    expect(pushed[0]).toMatchObject({ kind: 'PIN_LOCKOUT' });
    expect(pushed[0]!.message).toContain('Cashier Wu');
    expect(pushed[0]!.message).not.toContain('1111');
    expect(pushed[0]!.message).not.toContain('86420975');
    expect((await handle.dispatch('getSettings', undefined)) as { value: { mchId: string } }).toMatchObject({ value: { mchId: '' } });
  });
});

describe('integrity at start-up', () => {
  it('a tampered audit log becomes an AUDIT_BROKEN alert on the till', async () => {
    const box = new MemorySecretBox();
    const first = await boot({ secretBox: box });
    await first.handle.dispatch('saveSettings', { locale: 'en' }); // issue 11: any audited change (was: the first PIN)
    await first.handle.close();
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(first.dir, 'pos.sqlite'));
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare('UPDATE audit_log SET detail = ? WHERE seq = (SELECT max(seq) FROM audit_log)').run('nothing happened');
    db.close();
    const second = await boot({ secretBox: box, dataDir: first.dir });
    const alerts = await second.handle.dispatch('getAlerts', undefined);
    expect(alerts).toMatchObject({ ok: true, value: [{ kind: 'AUDIT_BROKEN' }] });
    expect(second.events.some(([e]) => e === 'alert')).toBe(true);
  });
});
