// Issue 11 point 1: staff accounts instead of one shared manager PIN and a free-text approver. Each test
// replays what a cashier could do before (approve their own refund by typing any name and the shared
// PIN, switch the till to LIVE, change the store name) and shows it now fails; and that every sale,
// cancel, refund and approval names the person on its row and in the audit log.
import { afterEach, describe, expect, it } from 'vitest';
import type { PaymentView, RefundView, StaffView } from '../../../src/common/api';
import { TEST_OWNER } from '../../support/signed-in-core';
import { bootTill, cleanupDirs, type TillRig } from './rig';

let till: TillRig | null = null;
afterEach(async () => {
  await till?.close();
  till = null;
  cleanupDirs();
});

async function addPerson(t: TillRig, name: string, role: string, pin: string): Promise<string> {
  const r = await t.call<StaffView>('addStaff', { name, role, pin });
  if (!r.ok) throw new Error(r.message);
  return r.value.staffId;
}

const row = (t: TillRig, sql: string, ...args: unknown[]) => t.core.internals.store.db.prepare(sql).get(...args) as Record<string, unknown>;

describe('staff accounts (issue 11 point 1)', () => {
  it('signs in by name + PIN or PIN alone; a shared PIN asks for the name; PINs are at least 6 digits', async () => {
    till = await bootTill();
    const amy = await addPerson(till, 'Amy', 'cashier', '135790');
    await addPerson(till, 'Bo', 'cashier', '246824');
    await addPerson(till, 'Cy', 'cashier', '246824');
    expect(await till.call('addStaff', { name: 'Dee', role: 'cashier', pin: '1234' })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    expect(await till.call('addStaff', { name: 'Amy', role: 'cashier', pin: '999999' })).toMatchObject({ ok: false, code: 'STAFF_NAME_TAKEN' });
    expect(await till.call('lockTill')).toEqual({ ok: true, value: null });
    expect(await till.call('getStaffSession')).toMatchObject({ ok: true, value: { signedIn: null, setupNeeded: false } });
    expect(await till.call('signIn', { pin: '135790' })).toMatchObject({ ok: true, value: { staffId: amy, name: 'Amy', role: 'cashier' } });
    expect(await till.call('signIn', { pin: '246824' })).toMatchObject({ ok: false, code: 'PIN_NOT_UNIQUE' });
    expect(await till.call('signIn', { staffId: amy, pin: '135790' })).toMatchObject({ ok: true, value: { name: 'Amy' } });
    expect(await till.call('signIn', { staffId: amy, pin: '135791' })).toMatchObject({ ok: false, code: 'PIN_WRONG' });
    // issue 15: the wrong PIN says how many tries are left
    expect(await till.call('getStaffSession')).toMatchObject({ ok: true, value: { triesLeft: 4 } });
  });

  it('attack: a cashier can no longer approve a refund, switch to LIVE, change caps or the store name', async () => {
    till = await bootTill();
    const saleId = await till.sell(1000);
    await addPerson(till, 'Amy', 'cashier', '135790');
    expect((await till.call('signIn', { pin: '135790' })).ok).toBe(true);
    const before = till.core.internals.settings.view();
    expect(await till.call('requestRefund', { saleId, amountFen: 100, reason: 'mine' })).toMatchObject({ code: 'ROLE_REQUIRED' });
    // the old bridge shape (any name + the shared PIN) is refused outright
    expect(await till.call('requestRefund', { saleId, amountFen: 100, reason: 'mine', approver: 'Manager Li', managerPin: '2468' })).toMatchObject({
      code: 'INVALID_PAYLOAD',
    });
    expect(await till.call('setMode', { mode: 'LIVE', confirmed: true })).toMatchObject({ code: 'ROLE_REQUIRED' });
    expect(await till.call('saveSettings', { refundCapFen: 99_999_999 })).toMatchObject({ code: 'ROLE_REQUIRED' });
    expect(await till.call('saveSettings', { storeName: 'Phish Shop' })).toMatchObject({ code: 'ROLE_REQUIRED' });
    expect(await till.call('addStaff', { name: 'Eve', role: 'owner', pin: '111111' })).toMatchObject({ code: 'ROLE_REQUIRED' });
    expect(till.core.internals.settings.view()).toEqual(before);
    expect(row(till, 'SELECT count(*) AS n FROM refunds').n).toBe(0);
    // a manager may refund but not change the mode
    await till.call('signIn', { pin: TEST_OWNER.pin });
    await addPerson(till, 'Mia', 'manager', '864200');
    await till.call('signIn', { pin: '864200' });
    expect(await till.call('setMode', { mode: 'LIVE', confirmed: true })).toMatchObject({ code: 'ROLE_REQUIRED' });
    expect((await till.call('requestRefund', { saleId, amountFen: 100, reason: 'cold tea' })).ok).toBe(true);
  });

  it('refunds above the threshold need another manager with their own PIN; sale, cancel and refund rows name who', async () => {
    till = await bootTill();
    expect((await till.call('saveStaffPolicy', { secondApprovalAboveFen: 500 })).ok).toBe(true);
    const mia = await addPerson(till, 'Mia', 'manager', '864200');
    const amy = await addPerson(till, 'Amy', 'cashier', '135790');
    await till.call('signIn', { pin: '135790' });
    const saleId = await till.sell(2000);
    expect(row(till, 'SELECT staff_id, cashier FROM sales WHERE id = ?', saleId)).toEqual({ staff_id: amy, cashier: 'Amy' });
    // a cancelled sale names who cancelled it
    const other = await till.call<PaymentView>('charge', { lines: [{ name: 'Cake', quantity: 1, unitFen: 300 }] });
    if (!other.ok) throw new Error(other.message);
    expect((await till.call('cancelPayment', { attemptId: other.value.attemptId })).ok).toBe(true);
    expect(row(till, 'SELECT cancelled_by FROM payment_attempts WHERE id = ?', other.value.attemptId)).toEqual({ cancelled_by: amy });

    const owner = till.core.internals.staff.current();
    await till.call('signIn', { pin: TEST_OWNER.pin });
    const ownerId = till.core.internals.staff.current()!.staffId;
    expect(owner?.staffId).toBe(amy);
    expect(await till.call('requestRefund', { saleId, amountFen: 600, reason: 'spilt' })).toMatchObject({ code: 'SECOND_APPROVER_REQUIRED' });
    expect(await till.call('requestRefund', { saleId, amountFen: 600, reason: 'spilt', secondApprover: { staffId: ownerId, pin: TEST_OWNER.pin } })).toMatchObject({
      code: 'SECOND_APPROVER_REQUIRED', // not yourself
    });
    expect(await till.call('requestRefund', { saleId, amountFen: 600, reason: 'spilt', secondApprover: { staffId: amy, pin: '135790' } })).toMatchObject({
      code: 'SECOND_APPROVER_REQUIRED', // not a cashier
    });
    expect(await till.call('requestRefund', { saleId, amountFen: 600, reason: 'spilt', secondApprover: { staffId: mia, pin: '000000' } })).toMatchObject({
      code: 'PIN_WRONG',
    });
    expect(row(till, 'SELECT count(*) AS n FROM refunds').n).toBe(0); // refused: nothing written
    const refund = await till.call<RefundView>('requestRefund', { saleId, amountFen: 600, reason: 'spilt', secondApprover: { staffId: mia, pin: '864200' } });
    if (!refund.ok) throw new Error(refund.message);
    expect(row(till, 'SELECT staff_id, second_staff_id, approver FROM refunds WHERE id = ?', refund.value.refundId)).toEqual({
      staff_id: ownerId,
      second_staff_id: mia,
      approver: TEST_OWNER.name,
    });
    // below the threshold one manager is enough
    expect((await till.call('requestRefund', { saleId, amountFen: 500, reason: 'more' })).ok).toBe(false); // a minute apart (REFUND_TOO_FREQUENT), not an approval error
    const audit = till.core.internals.store.db.prepare("SELECT actor, action FROM audit_log WHERE action IN ('refund', 'refund.second', 'charge', 'staff.cancel') ORDER BY seq").all();
    expect(audit).toEqual(
      expect.arrayContaining([
        { actor: 'Amy', action: 'charge' },
        { actor: 'Amy', action: 'staff.cancel' },
        { actor: 'Mia', action: 'refund.second' },
        { actor: TEST_OWNER.name, action: 'refund' },
      ]),
    );
  });

  it('signs out after the idle time and on the lock key; a signed-out till takes no sale', async () => {
    till = await bootTill();
    expect((await till.call('saveStaffPolicy', { idleMinutes: 5 })).ok).toBe(true);
    await till.clock.advance(4 * 60_000);
    expect((await till.call('getStaffSession')) as { value: { signedIn: unknown } }).toMatchObject({ value: { signedIn: { name: TEST_OWNER.name } } });
    await till.clock.advance(60_000);
    const r = await till.call('charge', { lines: [{ name: 'Tea', quantity: 1, unitFen: 100 }] });
    expect(r).toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect(await till.call('signIn', { pin: TEST_OWNER.pin })).toMatchObject({ ok: true });
    expect((await till.call('lockTill')).ok).toBe(true);
    expect(await till.call('charge', { lines: [{ name: 'Tea', quantity: 1, unitFen: 100 }] })).toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect(row(till, 'SELECT count(*) AS n FROM sales').n).toBe(0);
    expect(row(till, "SELECT count(*) AS n FROM audit_log WHERE action = 'staff.idle'").n).toBe(1);
  });

  it('the owner manages staff: a demoted or disabled person is out at once; the last owner stays', async () => {
    till = await bootTill();
    const ownerId = till.core.internals.staff.current()!.staffId;
    expect(await till.call('updateStaff', { staffId: ownerId, role: 'manager' })).toMatchObject({ code: 'LAST_OWNER' });
    expect(await till.call('updateStaff', { staffId: ownerId, disabled: true })).toMatchObject({ code: 'LAST_OWNER' });
    const mia = await addPerson(till, 'Mia', 'manager', '864200');
    await till.call('signIn', { pin: '864200' });
    await till.call('signIn', { pin: TEST_OWNER.pin });
    expect((await till.call('updateStaff', { staffId: mia, disabled: true })).ok).toBe(true);
    expect(await till.call('signIn', { staffId: mia, pin: '864200' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await till.call('signIn', { pin: '864200' })).toMatchObject({ code: 'PIN_WRONG' });
  });
});
