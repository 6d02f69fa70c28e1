// Issue 16.2: enrolling a till from its screen, through the bridge (the dispatcher, as main's IPC and the
// e2e harness call it), against a real HQ on a real PostgreSQL. Only the signed-in owner may enrol or
// leave, and not while the audit chain is broken; bad input is refused before HQ is asked; each refusal
// by HQ has its own code; enrolling and leaving are audited with the owner's name; and the till's token
// is in no bridge answer, no log line, no audit row and no settings row.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { HeadOfficeView, StaffView } from '../../../src/common/api';
import { ok, type Result } from '../../../src/common/result';
import { memoryLogger } from '../../../src/core/logger';
import { TEST_PIN_SCRYPT } from '../../../src/core/auth/pin-hash';
import { unconfiguredClient } from '../../../src/core/settings/gateway';
import { MemorySecretBox } from '../../../src/core/settings/secret-box';
import { getSecret } from '../../../src/core/store/kv';
import { waitingCount } from '../../../src/core/sync/outbox-repo';
import type { CoreHandle, SandboxRuntime } from '../../../src/host';
import { createEnrolCode, revokeTill } from '../../../src/hq/tills';
import { startHq, removeTempDirs, type Hq } from '../../support/hq-fixture';
import { pgOrSkip } from '../../support/pg-server';
import { startSignedIn, TEST_OWNER } from '../../support/signed-in-core';

const pgs = await pgOrSkip();

interface Rig {
  core: CoreHandle;
  dir: string;
  box: MemorySecretBox;
  log: ReturnType<typeof memoryLogger>;
  /** Every bridge answer, in order (the token must be in none of them). */
  answers: unknown[];
  call<T = unknown>(name: string, payload?: unknown): Promise<Result<T>>;
}

const rigs: Rig[] = [];
const dirs: string[] = [];

const fakeSandbox = async (): Promise<SandboxRuntime> => ({
  target: { baseUrl: 'http://127.0.0.1:9' },
  merchant: { appid: 'wx0000000000000000', mchId: '1900000109', key: 'k'.repeat(32), signType: 'MD5' },
  cert: null,
  simulator: null,
  phone: async () => ok(null),
  close: async () => {},
});

async function bootTill(o: { dir?: string; box?: MemorySecretBox } = {}): Promise<Rig> {
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'enrol-bridge-'));
  if (!o.dir) dirs.push(dir);
  const box = o.box ?? new MemorySecretBox();
  const log = memoryLogger();
  const core = await startSignedIn({
    dataDir: dir,
    secretBox: box,
    events: () => undefined,
    files: { pickCertificate: async () => null },
    appVersion: 'enrol-test',
    logger: log,
    pin: { scrypt: TEST_PIN_SCRYPT },
    makeClient: () => unconfiguredClient('fake'),
    startSandbox: fakeSandbox,
  });
  await core.internals.started;
  const answers: unknown[] = [];
  const rig: Rig = {
    core,
    dir,
    box,
    log,
    answers,
    async call<T>(name: string, payload?: unknown) {
      const r = (await core.dispatch(name, payload)) as Result<T>;
      answers.push(r);
      return r;
    },
  };
  rigs.push(rig);
  return rig;
}

async function signInAs(rig: Rig, name: string, role: 'cashier' | 'manager', pin: string): Promise<void> {
  const added = await rig.call<StaffView>('addStaff', { name, role, pin });
  if (!added.ok) throw new Error(`addStaff: ${added.code}`);
  expect((await rig.call('signIn', { staffId: added.value.staffId, pin })).ok).toBe(true);
}

const auditRows = (rig: Rig, action: string): { actor: string; subject: string; detail: string }[] =>
  rig.core.internals.store.db.prepare('SELECT actor, subject, detail FROM audit_log WHERE action = ? ORDER BY seq').all(action) as { actor: string; subject: string; detail: string }[];
const hqSettings = (rig: Rig): string[] =>
  (rig.core.internals.store.db.prepare("SELECT key FROM settings WHERE key LIKE 'hq.%' ORDER BY key").all() as { key: string }[]).map((r) => r.key);
const storedToken = (rig: Rig): string | null => {
  const blob = getSecret(rig.core.internals.store.db, 'hq.token');
  return blob ? new TextDecoder().decode(rig.box.decrypt(blob)) : null;
};
const codeUsed = async (hq: Hq, tillName: string): Promise<boolean> =>
  (await hq.pool.query('SELECT used_at FROM enrol_codes WHERE till_name = $1', [tillName])).rows[0]?.used_at != null;

afterEach(async () => {
  for (const r of rigs.splice(0)) await r.core.close();
});

describe.skipIf(!pgs)('enrolling a till from its screen (bridge, real HQ on PostgreSQL)', () => {
  afterAll(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    removeTempDirs();
    pgs?.close();
  });

  it('the owner enrols: till id and sync state come back, the enrolment is audited, and the token is in no answer, log or row', async () => {
    const hq = await startHq(pgs!);
    try {
      const rig = await bootTill();
      expect(await rig.call('getHeadOffice')).toEqual({ ok: true, value: { enrolment: null, status: { state: 'off' } } });
      const code = await createEnrolCode(hq.pool, 'Counter 1');
      const r = await rig.call<HeadOfficeView>('enrolAtHeadOffice', { url: hq.server.url, fingerprint: hq.cert.fingerprint, code });
      expect(r.ok, JSON.stringify(r)).toBe(true);
      if (!r.ok) return;
      const tillId = r.value.enrolment?.tillId;
      expect(tillId).toMatch(/^till-/);
      expect(r.value.enrolment).toEqual({ url: hq.server.url, fingerprint: hq.cert.fingerprint, tillId });
      expect(['synced', 'waiting', 'unreachable']).toContain(r.value.status.state);
      expect((await hq.pool.query('SELECT name FROM tills WHERE id = $1', [tillId])).rows).toEqual([{ name: 'Counter 1' }]);

      // audited in the transaction that wrote the settings: the owner's name, the till id, HQ's address
      const audit = auditRows(rig, 'hq.enrol');
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor: TEST_OWNER.name, subject: tillId });
      expect(JSON.parse(audit[0]!.detail)).toEqual({ url: hq.server.url, fingerprint: hq.cert.fingerprint });

      // the till pushes by itself: HQ receives the enrolment's own audit row and the header says synced
      await vi.waitFor(
        async () => {
          const n = (await hq.pool.query("SELECT count(*)::int AS n FROM till_rows WHERE till_id = $1 AND kind = 'audit' AND payload->>'action' = 'hq.enrol'", [tillId])).rows[0].n;
          expect(n).toBe(1);
        },
        { timeout: 20_000, interval: 200 },
      );
      await vi.waitFor(async () => expect(await rig.call('getSyncStatus')).toMatchObject({ ok: true, value: { state: 'synced' } }), { timeout: 20_000, interval: 200 });

      // a second enrolment is refused (it would re-send the whole history under a new id)
      const code2 = await createEnrolCode(hq.pool, 'Counter 1 again');
      expect(await rig.call('enrolAtHeadOffice', { url: hq.server.url, fingerprint: hq.cert.fingerprint, code: code2 })).toMatchObject({ ok: false, code: 'HQ_ALREADY_ENROLLED' });
      expect(await codeUsed(hq, 'Counter 1 again')).toBe(false);

      // the token: kept encrypted, in no bridge answer, no log line, no audit row, no settings row
      const token = storedToken(rig);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(JSON.stringify(rig.answers)).not.toContain(token!);
      expect(rig.log.lines.join('\n')).not.toContain(token!);
      const db = rig.core.internals.store.db;
      expect(JSON.stringify(db.prepare('SELECT * FROM audit_log').all())).not.toContain(token!);
      expect(JSON.stringify(db.prepare('SELECT * FROM settings').all())).not.toContain(token!);
      expect(JSON.stringify(db.prepare('SELECT * FROM hq_outbox').all())).not.toContain(token!);
      // and the redacting logger knows it, should anything ever try to log it
      expect(rig.core.internals.hq.knownSecrets()).toEqual([token]);
    } finally {
      await hq.close();
    }
  });

  it('a cashier or a manager may not enrol or leave: refused in core, nothing written, the code still unused', async () => {
    const hq = await startHq(pgs!);
    try {
      const rig = await bootTill();
      const code = await createEnrolCode(hq.pool, 'Counter 2');
      const input = { url: hq.server.url, fingerprint: hq.cert.fingerprint, code };
      await signInAs(rig, 'Amy', 'cashier', '135790');
      expect(await rig.call('enrolAtHeadOffice', input)).toMatchObject({ ok: false, code: 'ROLE_REQUIRED' });
      expect(await rig.call('leaveHeadOffice')).toMatchObject({ ok: false, code: 'ROLE_REQUIRED' });
      await rig.call('signOut');
      expect((await rig.call('signIn', { pin: TEST_OWNER.pin })).ok).toBe(true);
      await signInAs(rig, 'Li', 'manager', '864209');
      expect(await rig.call('enrolAtHeadOffice', input)).toMatchObject({ ok: false, code: 'ROLE_REQUIRED' });
      await rig.call('signOut');
      expect(await rig.call('enrolAtHeadOffice', input)).toMatchObject({ ok: false, code: 'NOT_SIGNED_IN' });
      expect(hqSettings(rig)).toEqual([]);
      // only the refusals are in the audit log (staff.require records them), no enrolment
      expect(auditRows(rig, 'hq.enrol').map((a) => [a.actor, a.detail])).toEqual([
        ['Amy', 'refused: needs owner'],
        ['Li', 'refused: needs owner'],
      ]);
      expect(await codeUsed(hq, 'Counter 2')).toBe(false);
      // the same code still works for the owner
      expect((await rig.call('signIn', { pin: TEST_OWNER.pin })).ok).toBe(true);
      expect(await rig.call('enrolAtHeadOffice', input)).toMatchObject({ ok: true, value: { enrolment: { url: hq.server.url } } });
    } finally {
      await hq.close();
    }
  });

  it('bad input is refused before HQ is asked, with plain words in both languages', async () => {
    const hq = await startHq(pgs!);
    try {
      const rig = await bootTill();
      const code = await createEnrolCode(hq.pool, 'Counter 3');
      const good = { url: hq.server.url, fingerprint: hq.cert.fingerprint, code };
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ ...good, url: hq.server.url.replace('https:', 'http:') }, /https:\/\//],
        [{ ...good, url: 'ftp://hq' }, /https:\/\//],
        [{ ...good, fingerprint: hq.cert.fingerprint.slice(0, 20) }, /fingerprint/],
        [{ ...good, code: '12345' }, /12 digits/],
        [{ ...good, code: 'abcd-efgh-ijkl' }, /12 digits/],
      ];
      for (const [input, words] of cases) {
        const r = await rig.call('enrolAtHeadOffice', input);
        expect(r, JSON.stringify(input)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD', message: expect.stringMatching(words) });
        if (!r.ok) expect(r.message, 'zh-CN words too').toMatch(/[\u3400-\u9fff]/);
      }
      expect(await codeUsed(hq, 'Counter 3')).toBe(false);
      // the fingerprint as HQ shows it, in lower case or without colons, and the code without dashes, are fine
      const relaxed = { url: `${hq.server.url}/`, fingerprint: hq.cert.fingerprint.replace(/:/g, '').toLowerCase(), code: code.replace(/-/g, '') };
      expect(await rig.call('enrolAtHeadOffice', relaxed)).toMatchObject({ ok: true });
    } finally {
      await hq.close();
    }
  });

  it("HQ's refusals each have their own code: unknown or used code, wrong fingerprint, unreachable, weak secret store; nothing is written", async () => {
    const hq = await startHq(pgs!);
    try {
      const rig = await bootTill();
      const code = await createEnrolCode(hq.pool, 'Counter 4');
      const good = { url: hq.server.url, fingerprint: hq.cert.fingerprint, code };
      expect(await rig.call('enrolAtHeadOffice', { ...good, code: '0000-0000-0000' })).toMatchObject({ ok: false, code: 'HQ_CODE_REFUSED', message: expect.stringMatching(/unknown, used or expired/) });
      const other = 'AB:'.repeat(31) + 'AB';
      expect(await rig.call('enrolAtHeadOffice', { ...good, fingerprint: other })).toMatchObject({ ok: false, code: 'HQ_FINGERPRINT_MISMATCH' });
      const closedPort = 'https://127.0.0.1:9';
      expect(await rig.call('enrolAtHeadOffice', { ...good, url: closedPort })).toMatchObject({ ok: false, code: 'HQ_UNREACHABLE' });
      expect(hqSettings(rig)).toEqual([]);
      expect(getSecret(rig.core.internals.store.db, 'hq.token')).toBeNull();
      expect(auditRows(rig, 'hq.enrol')).toEqual([]);
      expect(await codeUsed(hq, 'Counter 4')).toBe(false);
      // used once, then refused as used
      expect((await rig.call('enrolAtHeadOffice', good)).ok).toBe(true);
      const second = await bootTill();
      expect(await second.call('enrolAtHeadOffice', good)).toMatchObject({ ok: false, code: 'HQ_CODE_REFUSED' });

      const weak = await bootTill({ box: new MemorySecretBox({ weak: true }) });
      const code5 = await createEnrolCode(hq.pool, 'Counter 5');
      expect(await weak.call('enrolAtHeadOffice', { ...good, code: code5 })).toMatchObject({ ok: false, code: 'HQ_STORE_WEAK' });
      expect(await codeUsed(hq, 'Counter 5')).toBe(false);
    } finally {
      await hq.close();
    }
  });

  it('revoked at HQ: the till says so; the owner leaves (audited), the outbox keeps its rows, and the till can enrol again', async () => {
    const hq = await startHq(pgs!);
    try {
      const rig = await bootTill();
      const code = await createEnrolCode(hq.pool, 'Counter 6');
      const r = await rig.call<HeadOfficeView>('enrolAtHeadOffice', { url: hq.server.url, fingerprint: hq.cert.fingerprint, code });
      if (!r.ok) throw new Error(r.code);
      const tillId = r.value.enrolment!.tillId!;
      await vi.waitFor(async () => expect(await rig.call('getSyncStatus')).toMatchObject({ ok: true, value: { state: 'synced' } }), { timeout: 20_000, interval: 200 });
      expect(await revokeTill(hq.pool, tillId)).toBe(true);
      // something to send: a settings change is audited, so it enters the outbox
      expect((await rig.call('saveSettings', { storeName: 'Tea House' })).ok).toBe(true);
      rig.core.internals.hq.nudge();
      await vi.waitFor(
        async () => expect(await rig.call('getHeadOffice')).toMatchObject({ ok: true, value: { enrolment: { tillId }, status: { state: 'revoked', reason: expect.stringMatching(/REVOKED/) } } }),
        { timeout: 20_000, interval: 200 },
      );

      const db = rig.core.internals.store.db;
      const waitingBefore = waitingCount(db);
      expect(waitingBefore).toBeGreaterThan(0);
      const left = await rig.call<HeadOfficeView>('leaveHeadOffice');
      expect(left).toEqual({ ok: true, value: { enrolment: null, status: { state: 'off' } } });
      expect(hqSettings(rig)).toEqual([]);
      expect(getSecret(db, 'hq.token')).toBeNull();
      expect(rig.core.internals.hq.knownSecrets()).toEqual([]);
      expect(auditRows(rig, 'hq.leave')).toEqual([{ actor: TEST_OWNER.name, subject: tillId, detail: JSON.stringify({ url: hq.server.url }) }]);
      expect(waitingCount(db)).toBeGreaterThanOrEqual(waitingBefore); // kept (plus the leave's own audit row)
      expect(await rig.call('leaveHeadOffice')).toMatchObject({ ok: false, code: 'HQ_NOT_ENROLLED' });

      // the restarted till stays unenrolled (nothing left to connect with), then enrols again with a new code
      await rig.core.close();
      rigs.splice(rigs.indexOf(rig), 1);
      const again = await bootTill({ dir: rig.dir, box: rig.box });
      expect(await again.call('getHeadOffice')).toEqual({ ok: true, value: { enrolment: null, status: { state: 'off' } } });
      expect(again.core.internals.chainGuard.state()).toEqual({ ok: true }); // leaving resealed what it removed
      const code2 = await createEnrolCode(hq.pool, 'Counter 6 again');
      const r2 = await again.call<HeadOfficeView>('enrolAtHeadOffice', { url: hq.server.url, fingerprint: hq.cert.fingerprint, code: code2 });
      expect(r2.ok).toBe(true);
      if (r2.ok) expect(r2.value.enrolment?.tillId).not.toBe(tillId);
    } finally {
      await hq.close();
    }
  });

  it('while the audit chain is broken, enrolling waits for the owner like other security changes', async () => {
    const hq = await startHq(pgs!);
    try {
      const first = await bootTill();
      expect((await first.call('saveSettings', { storeName: 'Tea House' })).ok).toBe(true);
      await first.core.close();
      rigs.splice(rigs.indexOf(first), 1);
      const file = new Database(join(first.dir, 'pos.sqlite'));
      file.prepare("DELETE FROM settings WHERE key = 'shell.storeName'").run(); // edited with the till closed
      file.close();
      const rig = await bootTill({ dir: first.dir, box: first.box });
      expect(rig.core.internals.chainGuard.state()).toMatchObject({ ok: false });
      const code = await createEnrolCode(hq.pool, 'Counter 7');
      const input = { url: hq.server.url, fingerprint: hq.cert.fingerprint, code };
      expect(await rig.call('enrolAtHeadOffice', input)).toMatchObject({ ok: false, code: 'AUDIT_BROKEN' });
      expect(await codeUsed(hq, 'Counter 7')).toBe(false);
      expect((await rig.call('acknowledgeAuditBreak', { note: 'checked the store name with the owner' })).ok).toBe(true);
      expect((await rig.call('enrolAtHeadOffice', input)).ok).toBe(true);
    } finally {
      await hq.close();
    }
  });

  it("the enrolment's settings and token are sealed by its own audit row (no false tampering after a crash or restart)", async () => {
    const hq = await startHq(pgs!);
    try {
      const rig = await bootTill();
      const code = await createEnrolCode(hq.pool, 'Counter 8');
      const r = await rig.call<HeadOfficeView>('enrolAtHeadOffice', { url: hq.server.url, fingerprint: hq.cert.fingerprint, code });
      if (!r.ok) throw new Error(r.code);
      // the new settings and token are sealed with the enrolment's audit row, not only by a later write
      expect(await rig.core.internals.checkAudit()).toMatchObject({ ok: true });
      expect(rig.core.internals.store.audit.verify()).toMatchObject({ ok: true });
      await rig.core.close();
      rigs.splice(rigs.indexOf(rig), 1);
      const again = await bootTill({ dir: rig.dir, box: rig.box });
      expect(again.core.internals.chainGuard.state()).toEqual({ ok: true });
      expect(await again.call('getHeadOffice')).toMatchObject({ ok: true, value: { enrolment: { tillId: r.value.enrolment!.tillId, url: hq.server.url } } });
    } finally {
      await hq.close();
    }
  });
});
