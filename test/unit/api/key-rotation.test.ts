// Issue 10 point 3 through startCore, LIVE against the simulator over HTTPS + mTLS: the merchant's API
// key is changed on the merchant platform while a payment is open, and the till restarts. Recovery
// finishes (the open payment shown "unresolved — credentials rejected") instead of holding the till at
// NOT_READY for ever; a manager enters the new key in LIVE with the work still open (PIN, audited); the
// open payment then resumes and the customer's money is recorded.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentView, PosEventSink, RecoveryProgress, ShellInfo } from '../../../src/common/api';
import { VirtualClock } from '../../../src/common/clock';
import { startCore, type CoreHandle, type CoreOptions } from '../../../src/host';
import { TEST_OWNER, startSignedIn, type SignedInCoreOptions } from '../../support/signed-in-core'; // issue 11: the test owner is signed in
import { memoryLogger } from '../../../src/core/logger';
import { TEST_SCRYPT } from '../../../src/core/settings/manager-pin';
import { MemorySecretBox } from '../../../src/core/settings/secret-box';
import { SANDBOX_MERCHANT, startSimulator, type Simulator } from '../../../src/sim';
import { CERTS, SANDBOX, p12File, queuedPicker } from '../settings/helpers';

const NEW_KEY = '0123456789abcdef0123456789abcdef';
const ca = readFileSync(join(CERTS, 'ca.pem'));
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('rotating the API key never bricks the till (issue 10 point 3)', () => {
  it('LIVE: key changed on the platform mid-flight, restart: recovery finishes, new key entered with work open, the payment resumes', async () => {
    const clock = new VirtualClock(Date.now());
    const sim: Simulator = await startSimulator({ https: true, certsDir: CERTS, seed: 31, clock });
    cleanups.push(() => sim.close());
    const dir = mkdtempSync(join(tmpdir(), 'key-rotation-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const box = new MemorySecretBox();
    const picker = queuedPicker();
    const recoveries: RecoveryProgress[] = [];
    const payments: PaymentView[] = [];
    const events = ((name: string, payload: unknown) => {
      if (name === 'recovery') recoveries.push(payload as RecoveryProgress);
      if (name === 'payment') payments.push(payload as PaymentView);
    }) as PosEventSink;
    const options: SignedInCoreOptions = {
      allowTestMaterialInLive: true, // LIVE against the simulator's test material (issue 11 point 7)
      dataDir: dir,
      secretBox: box,
      events,
      files: picker,
      clock,
      appVersion: 'test',
      openShiftAtStart: { floatFen: 0 }, // issue 13: sales need an open shift
      logger: memoryLogger(),
      pin: { scrypt: TEST_SCRYPT },
      sandbox: { https: false },
      liveGateway: { baseUrl: sim.httpsUrl!, backupUrl: null, ca },
    };
    const boot = async (): Promise<CoreHandle> => {
      const h = await startSignedIn(options);
      cleanups.push(() => h.close());
      return h;
    };

    // A LIVE till with the merchant's key and certificate.
    let core = await boot();
    await core.internals.started;
    // issue 11: the owner (signed in by the boot helper) approves
    expect(await core.dispatch('getStaffSession', undefined)).toMatchObject({ ok: true, value: { signedIn: { role: 'owner' } } });
    expect((await core.dispatch('saveSettings', { appid: SANDBOX.appid, mchId: SANDBOX.mchId, apiKey: SANDBOX.key })).ok).toBe(true);
    picker.next.push(p12File('merchant-1900000109-legacy.p12'));
    expect(await core.dispatch('importMerchantCertificate', { format: 'p12', password: SANDBOX.mchId })).toMatchObject({ ok: true });
    expect(await core.dispatch('setMode', { mode: 'LIVE', confirmed: true })).toMatchObject({ ok: true });

    // A sale is shown as a QR code; the customer pays it ...
    const charged = await core.dispatch('charge', { lines: [{ name: 'Tea', quantity: 1, unitFen: 1800 }], cashier: 'amy' });
    if (!charged.ok) throw new Error(`${charged.code} ${charged.message}`);
    const sale = charged.value as PaymentView;
    expect(sim.phone.scanAndPay(sale.codeUrl!)).toMatchObject({ ok: true });
    // ... while the key is changed on the merchant platform: every call of the till now fails 签名错误.
    sim.addMerchant({ ...SANDBOX_MERCHANT, key: NEW_KEY });
    await core.close();

    // Restart: recovery cannot ask about the open payment, but it finishes and says why.
    core = await boot();
    await core.internals.started;
    const shell = (await core.dispatch('getShellInfo', undefined)) as { ok: true; value: ShellInfo };
    expect(shell.value).toMatchObject({ mode: 'LIVE', ready: true });
    const rec = (await core.dispatch('getRecovery', undefined)) as { ok: true; value: RecoveryProgress };
    expect(rec.value).toMatchObject({ finished: true, total: 1, done: 1 });
    expect(rec.value.items).toEqual([expect.objectContaining({ kind: 'payment', outNo: sale.outTradeNo, state: 'CREDENTIALS_REJECTED' })]);
    // charge is no longer NOT_READY: it is refused by the gateway for the key, in plain words.
    const refused = await core.dispatch('charge', { lines: [{ name: 'Cake', quantity: 1, unitFen: 500 }], cashier: 'amy' });
    expect(refused).toMatchObject({ ok: false });
    expect((refused as { code: string }).code).not.toBe('NOT_READY');

    // The manager enters the new key in LIVE with the payment still open (PIN checked, audited).
    expect(await core.dispatch('lockTill', undefined)).toMatchObject({ ok: true });
    expect(await core.dispatch('saveSettings', { apiKey: NEW_KEY })).toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect(await core.dispatch('signIn', { pin: '00000000' })).toMatchObject({ code: 'PIN_WRONG' });
    expect((await core.dispatch('signIn', { pin: TEST_OWNER.pin })).ok).toBe(true);
    expect(await core.dispatch('saveSettings', { apiKey: NEW_KEY })).toMatchObject({ ok: true });
    const audit = core.internals.store.db
      .prepare("SELECT actor, detail FROM audit_log WHERE action = 'settings.save' ORDER BY seq DESC LIMIT 1")
      .get() as { actor: string; detail: string };
    expect(audit.actor).toBe(TEST_OWNER.name);
    expect(audit.detail).toMatch(/^apiKey \(rotated in LIVE, \d+ open payment/);
    expect(audit.detail).not.toContain(NEW_KEY);

    // The open payment's watcher asks again with the new key: the customer's money is recorded.
    const receipt = (): unknown => core.internals.store.db.prepare('SELECT out_trade_no, total_fen FROM receipts').get();
    for (let i = 0; i < 400 && !receipt(); i++) await clock.advance(500);
    expect(receipt()).toEqual({ out_trade_no: sale.outTradeNo, total_fen: 1800 });
    const after = (await core.dispatch('getRecovery', undefined)) as { ok: true; value: RecoveryProgress };
    expect(after.value.items[0]?.state).not.toBe('CREDENTIALS_REJECTED');
  });
});
