// A full till session through the dispatcher (sandbox sale, refund, cancel, settings, preflight, a
// switch to LIVE and a live sale and refund over mTLS), recording every call's result and every
// event: neither the API key nor any certificate material may appear in any of them, in the log,
// or in plain text in the database files.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, describe, expect, it } from 'vitest';
import type { PaymentView, PosEventName, PosEvents, RefundView } from '../../../src/common/api';
import { VirtualClock } from '../../../src/common/clock';
import type { Result } from '../../../src/common/result';
import { startCore, type CoreHandle } from '../../../src/host';
import { TEST_OWNER, startSignedIn } from '../../support/signed-in-core'; // issue 11: the test owner is signed in
import { memoryLogger } from '../../../src/core/logger';
import { TEST_SCRYPT } from '../../../src/core/settings/manager-pin';
import { MemorySecretBox } from '../../../src/core/settings/secret-box';
import { SECOND_MERCHANT, startSimulator, type Simulator } from '../../../src/sim';
import { CERTS, certBytes, p12File, queuedPicker } from '../settings/helpers';

const LIVE = SECOND_MERCHANT; // the "real" merchant of this story, served by a separate simulator
// Eight digits that no generated id can plausibly contain (a 4-digit PIN matched a time-based order number).
const PIN = '90817263';

/** Distinctive fragments of every piece of secret material. */
function secretFragments(): string[] {
  const frags = [LIVE.key];
  for (const f of [`merchant-${LIVE.mchId}.pem`, `merchant-${LIVE.mchId}.key`]) {
    const b64 = readFileSync(join(CERTS, f), 'utf8').split('\n').filter((l) => l && !l.startsWith('-----'));
    frags.push(b64[2]!.slice(0, 40), b64[b64.length - 2]!.slice(0, 40));
  }
  // The private key's modulus and exponent in hex, whatever encoding an output might use.
  const key = forge.pki.privateKeyFromPem(readFileSync(join(CERTS, `merchant-${LIVE.mchId}.key`), 'utf8'));
  frags.push(key.d.toString(16).slice(0, 40), key.p.toString(16).slice(0, 40));
  const p12 = Buffer.from(certBytes(`merchant-${LIVE.mchId}-legacy.p12`));
  frags.push(p12.subarray(100, 130).toString('base64'), p12.subarray(100, 130).toString('hex'));
  return frags;
}

describe('secrets never leave core', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scenario-'));
  let core: CoreHandle | null = null;
  let gateway: Simulator | null = null;
  afterAll(async () => {
    await core?.close();
    await gateway?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('in a full scenario, no output, event or log line carries the key or certificate', async () => {
    const clock = new VirtualClock(Date.now());
    gateway = await startSimulator({ clock, https: true, certsDir: CERTS, seed: 3 });
    const picker = queuedPicker();
    const logger = memoryLogger();
    const events: { name: PosEventName; payload: unknown }[] = [];
    core = await startSignedIn({
      allowTestMaterialInLive: true, // LIVE against the simulator's test material (issue 11 point 7)
      dataDir: dir,
      secretBox: new MemorySecretBox(),
      events: <E extends PosEventName>(name: E, payload: PosEvents[E]) => void events.push({ name, payload }),
      files: picker,
      clock,
      appVersion: 'scenario',
      openShiftAtStart: { floatFen: 0 }, // issue 13: sales need an open shift
      logger,
      pin: { scrypt: TEST_SCRYPT },
      liveGateway: { baseUrl: gateway.httpsUrl!, backupUrl: null, ca: readFileSync(join(CERTS, 'ca.pem')) },
    });
    const h = core;
    const outputs: { name: string; result: Result<unknown> }[] = [];
    const call = async <T = unknown>(name: string, payload?: unknown): Promise<Result<T>> => {
      const result = await h.dispatch(name, payload);
      outputs.push({ name, result });
      return result as Result<T>;
    };
    const until = async <T>(what: string, pred: () => T | undefined, stepMs = 250, maxMs = 15 * 60_000): Promise<T> => {
      for (let t = 0; t <= maxMs; t += stepMs) {
        const v = pred();
        if (v !== undefined) return v;
        await clock.advance(stepMs);
      }
      throw new Error(`gave up waiting for ${what}`);
    };
    const paymentEvent = (attemptId: string, status: PaymentView['status']) => () =>
      events.find((e) => e.name === 'payment' && (e.payload as PaymentView).attemptId === attemptId && (e.payload as PaymentView).status === status)
        ?.payload as PaymentView | undefined;
    const refundEvent = (refundId: string, status: RefundView['status']) => () =>
      events.find((e) => e.name === 'refund' && (e.payload as RefundView).refundId === refundId && (e.payload as RefundView).status === status)
        ?.payload as RefundView | undefined;

    await h.internals.started;
    expect(h.sandboxSimulator).not.toBeNull();
    for (const n of ['getShellInfo', 'getSettings', 'getRecovery', 'getAlerts']) expect((await call(n)).ok).toBe(true);

    // ---- settings: the live merchant's credentials, its legacy p12, a PIN ----
    // issue 11: the PIN is a manager's ("boss"); credentials need the owner, who is signed in by default.
    const boss = await call<{ staffId: string }>('addStaff', { name: 'boss', role: 'manager', pin: PIN });
    if (!boss.ok) throw new Error(boss.message);
    expect((await call('saveStaffPolicy', { secondApprovalAboveFen: 500 })).ok).toBe(true);
    expect(await call('signIn', { pin: PIN })).toMatchObject({ ok: true, value: { name: 'boss', role: 'manager' } });
    expect(await call('saveSettings', { storeName: 'Tea House', appid: LIVE.appid, mchId: LIVE.mchId, apiKey: LIVE.key, signType: 'HMAC-SHA256' })).toMatchObject({ code: 'ROLE_REQUIRED' });
    expect((await call('signIn', { pin: TEST_OWNER.pin })).ok).toBe(true);
    expect((await call('saveSettings', { storeName: 'Tea House', appid: LIVE.appid, mchId: LIVE.mchId, apiKey: LIVE.key, signType: 'HMAC-SHA256' })).ok).toBe(true);
    picker.next.push(p12File(`merchant-${LIVE.mchId}-legacy.p12`));
    expect(await call('importMerchantCertificate', { format: 'p12', password: LIVE.mchId })).toMatchObject({ ok: true });
    const pre = await call<{ code: string }[]>('testConnection');
    expect(pre.ok && pre.value.map((l) => l.code)).toEqual(['SETTINGS_OK', 'GATEWAY_OK', 'CLOCK_OK', 'KEY_OK', 'CERT_OK']);
    // Payloads that carry the key but are rejected must not echo it.
    expect(await call('saveSettings', { apiKey: LIVE.key, bogus: 1 })).toMatchObject({ code: 'INVALID_PAYLOAD' });
    expect(await call('saveSettings', { apiKey: `${LIVE.key}x` })).toMatchObject({ code: 'INVALID_PAYLOAD' });

    // ---- a sandbox sale, paid on the simulated phone, partly refunded ----
    const charged = await call<PaymentView>('charge', { lines: [{ name: '乌龙茶', quantity: 2, unitFen: 1800 }], cashier: 'amy' });
    if (!charged.ok) throw new Error(charged.message);
    expect(charged.value.codeUrl).toMatch(/^weixin:\/\//);
    expect(await call('sandboxPhone', { attemptId: charged.value.attemptId, action: 'pay' })).toEqual({ ok: true, value: null });
    const paid = await until('sandbox payment', paymentEvent(charged.value.attemptId, 'paid'));
    expect(paid.receipt?.totalFen).toBe(3600);
    const saleId = paid.saleId;
    expect((await call('getPayment', { attemptId: charged.value.attemptId })).ok).toBe(true);
    expect((await call('listReceipts', { limit: 10 })).ok).toBe(true);
    expect((await call('getReceipt', { saleId })).ok).toBe(true);
    expect((await call('getDayTotals', { dayStartMs: clock.now() - (clock.now() % 86_400_000) })).ok).toBe(true);
    // Above the threshold (500) the second manager's PIN travels: a wrong one is refused, the right one passes.
    expect(await call('requestRefund', { saleId, amountFen: 600, reason: 'spilt', secondApprover: { staffId: boss.value.staffId, pin: '00000000' } })).toMatchObject({ code: 'PIN_WRONG' });
    const refund = await call<RefundView>('requestRefund', { saleId, amountFen: 600, reason: 'spilt', secondApprover: { staffId: boss.value.staffId, pin: PIN } });
    if (!refund.ok) throw new Error(`${refund.code} ${refund.message}`);
    await until('sandbox refund', refundEvent(refund.value.refundId, 'refunded'));

    // ---- a sale the customer abandons, then the cashier cancels ----
    const second = await call<PaymentView>('charge', { lines: [{ name: 'Cake', quantity: 1, unitFen: 2500 }], cashier: 'amy' });
    if (!second.ok) throw new Error(second.message);
    for (const action of ['abandon', 'fail']) {
      expect(await call('sandboxPhone', { attemptId: second.value.attemptId, action })).toEqual({ ok: true, value: null });
    }
    expect((await call('cancelPayment', { attemptId: second.value.attemptId })).ok).toBe(true);
    expect(await call('setMode', { mode: 'LIVE', confirmed: false })).toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
    expect(await call('setMode', { mode: 'LIVE', confirmed: true })).toMatchObject({ code: 'SALE_IN_PROGRESS' });
    await until('cancelled attempt closed', () => (h.internals.settings.view().mode === 'SANDBOX' && openWork(h) === 0 ? true : undefined), 5000);
    for (const n of ['getAlerts', 'getRecovery']) expect((await call(n)).ok).toBe(true);

    // ---- issue 12: quick pay with a code the simulated phone shows ----
    const minted = await call<{ authCode: string }>('sandboxPaymentCode', { customer: 'auto' });
    if (!minted.ok) throw new Error(minted.message);
    expect(minted.value.authCode).toMatch(/^1[0-5]\d{16}$/);
    expect(await call('quickPay', { lines: [{ name: 'Bun', quantity: 1, unitFen: 300 }], cashier: 'amy', authCode: '6901234567892' })).toMatchObject({ code: 'NOT_A_PAYMENT_CODE' });
    expect(await call('sandboxPassword', { attemptId: 'none', action: 'enter' })).toMatchObject({ code: 'NOT_FOUND' });

    // ---- LIVE: a real-path sale and refund (mTLS with the imported legacy p12) ----
    expect(await call('setMode', { mode: 'LIVE', confirmed: true })).toMatchObject({ ok: true, value: { mode: 'LIVE', hasApiKey: true } });
    expect(await call('sandboxPhone', { attemptId: second.value.attemptId, action: 'pay' })).toMatchObject({ code: 'SANDBOX_ONLY' });
    const live = await call<PaymentView>('charge', { lines: [{ name: 'Tea', quantity: 1, unitFen: 990 }], cashier: 'bob' });
    if (!live.ok) throw new Error(`${live.code} ${live.message}`);
    expect(gateway.phone.scanAndPay(live.value.codeUrl!)).toMatchObject({ ok: true });
    const livePaid = await until('live payment', paymentEvent(live.value.attemptId, 'paid'));
    const liveRefund = await call<RefundView>('requestRefund', { saleId: livePaid.saleId, amountFen: 990, reason: 'wrong order', secondApprover: { staffId: boss.value.staffId, pin: PIN } });
    if (!liveRefund.ok) throw new Error(`${liveRefund.code} ${liveRefund.message}`);
    await until('live refund', refundEvent(liveRefund.value.refundId, 'refunded'));
    expect(gateway.refunds(LIVE.mchId)).toHaveLength(1);
    for (const n of ['getShellInfo', 'getSettings', 'testConnection', 'getAlerts']) expect((await call(n)).ok).toBe(true);
    expect((await call('dismissAlert', { alertId: 'none' })).ok).toBe(false);
    // A refund that is not CHANGE cannot be marked handled (issue 10); the PIN travels and is not echoed.
    expect(await call('markRefundHandled', { refundId: liveRefund.value.refundId })).toMatchObject({ code: 'NOT_FOUND' });
    expect((await call('setMode', { mode: 'SANDBOX', confirmed: false })).ok).toBe(true);

    // ---- issue 11: the staff calls; the PINs travel and none is echoed ----
    expect(await call('getStaffSession')).toMatchObject({ ok: true, value: { signedIn: { name: TEST_OWNER.name } } });
    expect(await call('firstRunSetup', { setupCode: 'AAAA-BBBB-CCCC', name: 'Mallory', pin: PIN })).toMatchObject({ code: 'SETUP_CODE_WRONG' });
    expect((await call('listStaff')).ok).toBe(true);
    expect((await call('updateStaff', { staffId: boss.value.staffId, role: 'manager' })).ok).toBe(true);
    expect((await call('unlockStaff', { staffId: '*' })).ok).toBe(true);
    expect(await call('changeOwnPin', { currentPin: PIN, newPin: PIN })).toMatchObject({ code: 'PIN_WRONG' });
    expect((await call('lockTill')).ok).toBe(true);
    expect((await call('signIn', { pin: TEST_OWNER.pin })).ok).toBe(true);
    expect((await call('signOut')).ok).toBe(true);
    // Issue 11 point 4: nothing is broken, so there is nothing to acknowledge.
    expect(await call('acknowledgeAuditBreak', { note: 'nothing to see' })).toMatchObject({ code: 'AUDIT_ACK_REFUSED' });

    // ---- issue 13: cash, the shift and the day; the PIN travels and is not echoed ----
    expect((await call('signIn', { pin: TEST_OWNER.pin })).ok).toBe(true);
    expect((await call('getShift')).ok).toBe(true);
    expect(await call('openShift', { floatFen: 100 })).toMatchObject({ code: 'SHIFT_ALREADY_OPEN' });
    expect((await call('moveShiftCash', { kind: 'PAY_IN', amountFen: 500, reason: 'coins' })).ok).toBe(true);
    const cash = await call<{ saleId: string }>('cashSale', { lines: [{ name: 'Tea', quantity: 1, unitFen: 990 }], tenderedFen: 1000 });
    if (!cash.ok) throw new Error(cash.message);
    expect((await call('cashRefund', { saleId: cash.value.saleId, amountFen: 100, reason: 'spilt' })).ok).toBe(true);
    expect((await call('getDaySettings')).ok).toBe(true);
    expect((await call('saveDaySettings', { cutoffHour: 4, roundCashToJiao: false, diffLimitFen: 100_000 })).ok).toBe(true);
    expect((await call('getXReport', {})).ok).toBe(true);
    expect((await call('dayReportCsv', {})).ok).toBe(true);
    const closedShift = await call<{ shiftId: string }>('closeShift', { counts: [], secondApprover: { staffId: boss.value.staffId, pin: PIN } });
    if (!closedShift.ok) throw new Error(closedShift.message);
    const z = await call<{ seq: number }>('closeDay', {});
    if (!z.ok) throw new Error(z.message);
    expect((await call('listZReports')).ok).toBe(true);
    expect((await call('getZReport', { seq: z.value.seq })).ok).toBe(true);
    expect(await call('reconcileDay', { billDate: '2020-01-01' })).toMatchObject({ code: 'INVALID_PAYLOAD' });
    expect((await call('reconcileDay', { billDate: '20200101' })).ok).toBe(false); // beyond 3 months
    // --- issue 15.1 catalog ---
    const product = await call<{ productId: string }>('saveProduct', { name: 'Tea', priceFen: 500, barcode: null, category: '', quickKey: 1 });
    expect(product.ok).toBe(true);
    expect((await call('listProducts')).ok).toBe(true);
    expect((await call('exportCatalogCsv')).ok).toBe(true);
    expect((await call('importCatalogCsv', { csv: 'name,price\nBun,3\n' })).ok).toBe(true);
    expect((await call('deleteProduct', { productId: 'none' })).ok).toBe(false);

    // ---- issue 14 printing: every printing call (no printer set up, a bad address refused) ----
    expect((await call('getPrinterSettings')).ok).toBe(true);
    expect(await call('savePrinterSettings', { kind: 'network', address: 'nonsense', width: 80, locale: 'en', autoPrint: false, openDrawer: false })).toMatchObject({ code: 'INVALID_PAYLOAD' });
    expect(await call('printTestPage')).toMatchObject({ code: 'CONFIG_ERROR' });
    expect((await call('printReceipt', { saleId })).ok).toBe(true);
    expect((await call('listPrintJobs')).ok).toBe(true);
    expect((await call('retryPrintJobs')).ok).toBe(true);
    expect(await call('discardPrintJob', { jobId: 999 })).toMatchObject({ code: 'NOT_FOUND' });
    // issue 13 + 14 (w2-print): the closed shift's slip and the Z report are queued
    expect((await call('printShiftClose', { shiftId: closedShift.value.shiftId })).ok).toBe(true);
    expect(await call('printShiftClose', { shiftId: 'shift_none' })).toMatchObject({ code: 'NOT_FOUND' });
    expect((await call('printDayReport', { seq: z.value.seq })).ok).toBe(true);
    // --- issue 16: a till never enrolled at head office shows no sync state
    expect(await call('getSyncStatus')).toEqual({ ok: true, value: { state: 'off' } });
    // --- issue 11 point 4 follow-up (w2-ack): an intact audit chain
    expect(await call('getAuditState')).toEqual({ ok: true, value: { intact: true, brokenAt: null } });
    // --- issue 16.2 till enrolment (i16-enrol): no HQ here - refused as unreachable, nothing kept; leave has nothing to leave
    expect(await call('getHeadOffice')).toEqual({ ok: true, value: { enrolment: null, status: { state: 'off' } } });
    expect(await call('enrolAtHeadOffice', { url: 'https://127.0.0.1:9', fingerprint: 'AB:'.repeat(31) + 'AB', code: '1234-5678-9012' })).toMatchObject({ code: 'HQ_UNREACHABLE' });
    expect(await call('leaveHeadOffice')).toMatchObject({ code: 'HQ_NOT_ENROLLED' });
    // --- issue 16.4 cross-till refund (i16-xrefund): a till never enrolled cannot ask head office
    expect(await call('searchHqPayments', { text: '123456' })).toMatchObject({ code: 'HQ_UNREACHABLE' });
    expect(await call('openHqPayment', { outTradeNo: 'P123456' })).toMatchObject({ code: 'HQ_UNREACHABLE' });
    // --- issue 13.1 split tender (i13-split): the shift is closed, so both ways of taking money are refused
    expect(await call('splitCharge', { lines: [{ name: 'Tea', quantity: 1, unitFen: 990 }], cashFen: 500, tenderedFen: 500 })).toMatchObject({ code: 'SHIFT_NOT_OPEN' });
    expect(await call('splitQuickPay', { lines: [{ name: 'Tea', quantity: 1, unitFen: 990 }], cashFen: 500, tenderedFen: 500, authCode: minted.value.authCode })).toMatchObject({ code: 'SHIFT_NOT_OPEN' });
    expect(await call('listSplitCashOwed')).toEqual({ ok: true, value: [] });
    expect(await call('confirmSplitCashReturned', { saleId })).toMatchObject({ code: 'SPLIT_NOT_OWED' });

    // Every call was exercised.
    const called = new Set(outputs.map((o) => o.name));
    const { POS_CALLS } = await import('../../../src/common/api');
    expect([...POS_CALLS].filter((n) => !called.has(n))).toEqual([]);

    // Positive control: the key and PEM fragments are what core really holds, so the search can hit.
    const held = JSON.stringify(h.internals.settings.liveCredentials());
    for (const frag of secretFragments().slice(0, 5)) expect(held).toContain(frag);

    const haystack = JSON.stringify({ outputs, events }) + logger.lines.join('\n');
    for (const frag of secretFragments()) expect(haystack.includes(frag), `leaked ${frag.slice(0, 6)}…`).toBe(false);
    expect(JSON.stringify(outputs)).not.toContain(PIN);
    expect(haystack).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);

    // Nor in plain text on disk (database and WAL).
    await h.close();
    core = null;
    for (const f of ['pos.sqlite', 'pos.sqlite-wal']) {
      const p = join(dir, f);
      if (!existsSync(p)) continue;
      const bytes = readFileSync(p).toString('latin1');
      for (const frag of secretFragments()) expect(bytes.includes(frag), `${f} holds ${frag.slice(0, 6)}…`).toBe(false);
      expect(bytes).not.toContain('PRIVATE KEY');
    }
  });
});

function openWork(h: CoreHandle): number {
  const row = h.internals.store.db
    .prepare('SELECT (SELECT count(*) FROM payment_attempts WHERE final_at IS NULL) + (SELECT count(*) FROM refunds WHERE final_at IS NULL) AS n')
    .get() as { n: number };
  return row.n;
}
