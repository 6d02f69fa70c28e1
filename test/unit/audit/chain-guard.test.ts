// Issue 11 point 4: on a broken chain, refunds and mode changes are refused (AUDIT_BROKEN, nothing
// changes) until the signed-in owner acknowledges; the acknowledgement is audited with who and why,
// and the next start verifies again. Staff changes call the same guard once i11-staff's module lands.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/common/clock';
import { ok } from '../../../src/common/result';
import type { StaffRef } from '../../../src/common/staff';
import { fixedSession } from '../../../src/core/auth/staff-session';
import { memoryLogger } from '../../../src/core/logger';
import { unconfiguredClient } from '../../../src/core/settings/gateway';
import { TEST_SCRYPT } from '../../../src/core/settings/manager-pin';
import { MemorySecretBox } from '../../../src/core/settings/secret-box';
import type { CoreHandle, CoreOptions, SandboxRuntime } from '../../../src/host';
import { startSignedIn } from '../../support/signed-in-core'; // issue 11: the test owner is signed in
import { SANDBOX, queuedPicker } from '../settings/helpers';

const OWNER: StaffRef = { staffId: 'st_owner', name: 'Wang Fang', role: 'owner' };
const MANAGER: StaffRef = { staffId: 'st_mgr', name: 'Li Lei', role: 'manager' };

const handles: CoreHandle[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const h of handles.splice(0)) await h.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const fakeSandbox = async (): Promise<SandboxRuntime> => ({
  target: { baseUrl: 'http://127.0.0.1:9' },
  merchant: { appid: SANDBOX.appid, mchId: SANDBOX.mchId, key: SANDBOX.key, signType: 'MD5' },
  cert: null,
  simulator: null,
  phone: async () => ok(null),
  close: async () => {},
});

async function boot(dir: string, box: MemorySecretBox, extra: Partial<CoreOptions> = {}): Promise<CoreHandle> {
  const h = await startSignedIn({
    dataDir: dir,
    secretBox: box,
    events: () => {},
    files: queuedPicker(),
    clock: new VirtualClock(1_800_000_000_000),
    appVersion: 'test',
    logger: memoryLogger(),
    pin: { scrypt: TEST_SCRYPT },
    makeClient: () => unconfiguredClient('fake'),
    startSandbox: fakeSandbox,
    ...extra,
  });
  handles.push(h);
  await h.internals.started;
  return h;
}

const auditCount = (h: CoreHandle): number => (h.internals.store.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

describe('chain guard', () => {
  it('a deleted settings row blocks refunds and mode changes at the next start; only the owner can acknowledge; then they work again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guard-'));
    dirs.push(dir);
    const box = new MemorySecretBox();
    const first = await boot(dir, box);
    expect((await first.api.saveSettings({ storeName: 'Tea House' })).ok).toBe(true);
    expect(first.internals.chainGuard.state()).toEqual({ ok: true });
    await first.close();
    handles.splice(0);

    // The attack: the store name row is deleted with the file closed.
    const db = new Database(join(dir, 'pos.sqlite'));
    db.prepare("DELETE FROM settings WHERE key = 'shell.storeName'").run();
    db.close();

    let session: StaffRef | null = MANAGER;
    const h = await boot(dir, box, { session: { current: () => session } });
    expect(h.internals.chainGuard.state()).toMatchObject({ ok: false });
    const before = auditCount(h);
    const refund = await h.api.requestRefund({ saleId: 'S1', amountFen: 100, reason: 'r' });
    expect(refund).toMatchObject({ ok: false, code: 'AUDIT_BROKEN', message: expect.stringMatching(/owner/) });
    const mode = await h.api.setMode({ mode: 'LIVE', confirmed: true});
    expect(mode).toMatchObject({ ok: false, code: 'AUDIT_BROKEN' });
    expect(h.internals.settings.mode()).toBe('SANDBOX');
    // Staff changes wait too: no new owner can be slipped in while the log is broken.
    expect(await h.api.addStaff({ name: 'Eve', role: 'owner', pin: '975310' })).toMatchObject({ ok: false, code: 'AUDIT_BROKEN' });
    expect(await h.api.saveStaffPolicy({ idleMinutes: 1 })).toMatchObject({ ok: false, code: 'AUDIT_BROKEN' });
    expect(auditCount(h)).toBe(before); // refused before any PIN try or record

    // A manager cannot acknowledge; nobody signed in cannot; a blank note is refused.
    expect(await h.api.acknowledgeAuditBreak({ note: 'looked at it' })).toMatchObject({ ok: false, code: 'AUDIT_ACK_REFUSED' });
    session = null;
    expect(await h.api.acknowledgeAuditBreak({ note: 'looked at it' })).toMatchObject({ ok: false, code: 'AUDIT_ACK_REFUSED' });
    session = OWNER;
    expect(await h.api.acknowledgeAuditBreak({ note: '  ' })).toMatchObject({ ok: false, code: 'AUDIT_ACK_REFUSED' });
    expect(auditCount(h)).toBe(before);

    expect(await h.api.acknowledgeAuditBreak({ note: 'store name was reset by the repair shop' })).toEqual({ ok: true, value: null });
    const ack = h.internals.store.db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'audit.acknowledged'").get() as { actor: string; detail: string };
    expect(ack.actor).toBe('Wang Fang');
    expect(JSON.parse(ack.detail)).toMatchObject({ staffId: 'st_owner', role: 'owner', note: 'store name was reset by the repair shop' });
    expect(h.internals.chainGuard.state()).toEqual({ ok: true });
    // Refunds and mode changes are no longer stopped by the guard (they now fail for their own reasons).
    expect(await h.api.requestRefund({ saleId: 'S1', amountFen: 100, reason: 'r' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await h.api.setMode({ mode: 'LIVE', confirmed: true})).not.toMatchObject({ code: 'AUDIT_BROKEN' });
    await h.close();
    handles.splice(0);

    // The next start verifies from the acknowledgement on, in the background too.
    const again = await boot(dir, box);
    expect(again.internals.store.startup.audit).toMatchObject({ ok: true });
    expect(await again.internals.checkAudit()).toMatchObject({ ok: true });
    expect(again.internals.chainGuard.state()).toEqual({ ok: true });
  });

  it('a break found by the background check (a row edited in the middle) blocks refunds too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'guard-'));
    dirs.push(dir);
    const box = new MemorySecretBox();
    const first = await boot(dir, box);
    for (let i = 0; i < 5; i++) first.internals.store.audit.append({ actor: 'amy', action: 'charge', subject: `P${i}`, detail: 'x' });
    // Mark everything checked so the start-up check starts after the edited row.
    expect(first.internals.store.audit.verify({ full: true }).ok).toBe(true);
    await first.close();
    handles.splice(0);
    const db = new Database(join(dir, 'pos.sqlite'));
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET actor = 'bob' WHERE seq = 3").run();
    db.close();

    const h = await boot(dir, box, { session: fixedSession(OWNER) });
    expect(await h.internals.checkAudit()).toMatchObject({ ok: false, brokenAt: 3 });
    expect(await h.api.requestRefund({ saleId: 'S1', amountFen: 100, reason: 'r' })).toMatchObject({ code: 'AUDIT_BROKEN' });
    // w2-ack: the till can see the break (and the owner acknowledge it from the screen)
    expect(await h.api.getAuditState()).toEqual({ ok: true, value: { intact: false, brokenAt: 3 } });
    expect(await h.api.acknowledgeAuditBreak({ note: 'row 3 checked against the backup' })).toEqual({ ok: true, value: null });
    expect(await h.api.getAuditState()).toEqual({ ok: true, value: { intact: true, brokenAt: null } });
  });
});
