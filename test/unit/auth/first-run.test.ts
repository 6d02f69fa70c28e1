// Issue 11 point 3: the first owner is made only with a one-time setup code (shown once at start, or by
// `wxpay-pos setup-code`); no bridge call makes an owner otherwise; damaged records fail closed (locked,
// not "no PIN"); a new owner after sales raises an alert; the recovery code is the way back.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StaffView } from '../../../src/common/api';
import { MAX_CODE_TRIES } from '../../../src/core/auth/setup-code';
import { run as setupCodeCli } from '../../../src/cli/setup-code-command';
import { TEST_OWNER } from '../../support/signed-in-core';
import { bootTill, cleanupDirs, type TillRig } from './rig';

let till: TillRig | null = null;
afterEach(async () => {
  await till?.close();
  till = null;
  cleanupDirs();
});

async function cliCode(dir: string, recover = false): Promise<string> {
  const out: string[] = [];
  const rc = await setupCodeCli(['--data-dir', dir, ...(recover ? ['--recover'] : [])], { stdout: (s) => void out.push(s), stderr: (s) => void out.push(s) });
  expect(rc).toBe(0);
  const m = /setup code: ([A-Z0-9-]+)/.exec(out.join('\n'));
  if (!m) throw new Error(out.join('\n'));
  return m[1]!;
}

describe('first-run ownership (issue 11 point 3)', () => {
  it('attack: without the setup code no bridge call creates an owner or any account', async () => {
    till = await bootTill({ signIn: false });
    expect(till.setupCodes).toHaveLength(1);
    expect(await till.call('getStaffSession')).toMatchObject({ ok: true, value: { setupNeeded: true, signedIn: null } });
    expect(await till.call('addStaff', { name: 'Eve', role: 'owner', pin: '666666' })).toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect(await till.call('signIn', { pin: '666666' })).toMatchObject({ ok: false });
    expect(await till.call('charge', { lines: [{ name: 'Tea', quantity: 1, unitFen: 100 }] })).toMatchObject({ code: 'NOT_SIGNED_IN' });
    const codes: string[] = [];
    for (let i = 0; i < MAX_CODE_TRIES + 1; i++) {
      const r = await till.call('firstRunSetup', { setupCode: `AAAA-BBBB-CC${i}${i}`, name: 'Eve', pin: '666666' });
      codes.push(r.ok ? 'OK' : r.code);
    }
    expect(codes.every((c) => c === 'SETUP_CODE_WRONG')).toBe(true);
    // the real code died with the wrong tries
    expect(await till.call('firstRunSetup', { setupCode: till.setupCodes[0], name: 'Eve', pin: '666666' })).toMatchObject({ code: 'SETUP_CODE_WRONG' });
    expect(till.core.internals.store.db.prepare('SELECT count(*) AS n FROM staff').get()).toEqual({ n: 0 });
    // a fresh code from the CLI works once
    const code = await cliCode(till.dir);
    expect(await till.call('firstRunSetup', { setupCode: code.toLowerCase(), name: TEST_OWNER.name, pin: TEST_OWNER.pin })).toMatchObject({
      ok: true,
      value: { role: 'owner' },
    });
    expect(await till.call('firstRunSetup', { setupCode: code, name: 'Eve', pin: '666666' })).toMatchObject({ code: 'SETUP_CODE_WRONG' });
    // once an owner exists, a plain setup code no longer makes one
    const again = await cliCode(till.dir);
    expect(await till.call('firstRunSetup', { setupCode: again, name: 'Eve', pin: '666666' })).toMatchObject({ code: 'SETUP_DONE' });
    expect(till.core.internals.store.db.prepare("SELECT count(*) AS n FROM staff WHERE role = 'owner'").get()).toEqual({ n: 1 });
  });

  it('a damaged PIN record or an unreadable key fails closed (locked), and never counts as "no PIN"', async () => {
    till = await bootTill();
    const mia = await till.call<StaffView>('addStaff', { name: 'Mia', role: 'manager', pin: '864200' });
    if (!mia.ok) throw new Error(mia.message);
    const { dir, box } = till;
    await till.close();
    const db = new Database(join(dir, 'pos.sqlite'));
    db.prepare("UPDATE staff SET pin_record = '{\"v\":2,\"alg\":\"none\"}' WHERE name = 'Mia'").run();
    db.close();
    till = await bootTill({ dir, box });
    expect(await till.call('getStaffSession')).toMatchObject({ ok: true, value: { setupNeeded: false } });
    expect(await till.call('signIn', { staffId: mia.value.staffId, pin: '864200' })).toMatchObject({ code: 'AUTH_DAMAGED' });
    expect(await till.call('signIn', { pin: '864200' })).toMatchObject({ code: 'PIN_WRONG' });
    await till.close();
    // the key sealed by another computer's SecretBox: nobody signs in, nothing can be set up around it
    till = await bootTill({ dir, signIn: false });
    expect(till.setupCodes).toEqual([]);
    expect(await till.call('getStaffSession')).toMatchObject({ ok: true, value: { damaged: true, signedIn: null } });
    expect(await till.call('signIn', { pin: TEST_OWNER.pin })).toMatchObject({ code: 'AUTH_DAMAGED' });
    // recovery (docs/security.md): a recovery code from the CLI on this computer makes a new owner
    const code = await cliCode(dir, true);
    expect(await till.call('firstRunSetup', { setupCode: code, name: 'Owner Two', pin: '975310' })).toMatchObject({ ok: true, value: { role: 'owner' } });
    expect(await till.call('getStaffSession')).toMatchObject({ ok: true, value: { damaged: false, signedIn: { name: 'Owner Two' } } });
  });

  it('a new owner after sales raises a NEW_OWNER alert (first run, recovery, or promotion)', async () => {
    till = await bootTill();
    expect(till.alerts().filter((a) => a.kind === 'NEW_OWNER')).toHaveLength(0); // the first owner came before any sale
    await till.sell(800);
    const mia = await till.call<StaffView>('addStaff', { name: 'Mia', role: 'manager', pin: '864200' });
    if (!mia.ok) throw new Error(mia.message);
    expect((await till.call('updateStaff', { staffId: mia.value.staffId, role: 'owner' })).ok).toBe(true);
    const code = await cliCode(till.dir, true);
    expect((await till.call('firstRunSetup', { setupCode: code, name: 'Owner Three', pin: '975310' })).ok).toBe(true);
    expect(till.alerts().filter((a) => a.kind === 'NEW_OWNER')).toHaveLength(2);
    expect((await till.call<{ kind: string }[]>('getAlerts')) as { value: { kind: string }[] }).toMatchObject({
      value: [{ kind: 'NEW_OWNER' }, { kind: 'NEW_OWNER' }],
    });
  });
});
