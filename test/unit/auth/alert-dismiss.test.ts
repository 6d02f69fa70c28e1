// Issue 11 point 6: security alerts (lockout, audit broken, amount mismatch, paid after cancel, clock
// skew, new owner) are dismissed only by a manager, with a reason; every dismissal is audited with who
// and why. Point 8 (part): the store name is the owner's, and text with Unicode format characters is
// refused in plain words.
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert, StaffView } from '../../../src/common/api';
import { insertAlert } from '../../../src/core/store';
import { TEST_OWNER } from '../../support/signed-in-core';
import { bootTill, cleanupDirs, type TillRig } from './rig';

let till: TillRig | null = null;
afterEach(async () => {
  await till?.close();
  till = null;
  cleanupDirs();
});

describe('alert dismissal (issue 11 point 6)', () => {
  it('attack: a cashier cannot dismiss a lockout alert; a manager can, with a reason, and the audit log says who and why', async () => {
    till = await bootTill();
    await till.call<StaffView>('addStaff', { name: 'Amy', role: 'cashier', pin: '135790' });
    const mia = await till.call<StaffView>('addStaff', { name: 'Mia', role: 'manager', pin: '864200' });
    if (!mia.ok) throw new Error(mia.message);
    await till.call('lockTill');
    for (let i = 0; i < 5; i++) await till.call('signIn', { staffId: mia.value.staffId, pin: '000000' });
    const lockout = till.alerts().find((a) => a.kind === 'PIN_LOCKOUT');
    if (!lockout) throw new Error('no lockout alert');
    expect(await till.call('dismissAlert', { alertId: lockout.alertId, reason: 'x' })).toMatchObject({ code: 'NOT_SIGNED_IN' });
    await till.call('signIn', { pin: '135790' });
    expect(await till.call('dismissAlert', { alertId: lockout.alertId, reason: 'it was me' })).toMatchObject({ code: 'ROLE_REQUIRED' });
    await till.call('signIn', { pin: TEST_OWNER.pin });
    expect(await till.call('dismissAlert', { alertId: lockout.alertId })).toMatchObject({ code: 'REASON_REQUIRED' });
    expect(((await till.call<Alert[]>('getAlerts')) as { value: Alert[] }).value.map((a) => a.alertId)).toContain(lockout.alertId);
    expect(await till.call('dismissAlert', { alertId: lockout.alertId, reason: 'Mia forgot her PIN; reset' })).toEqual({ ok: true, value: null });
    const db = till.core.internals.store.db;
    const ownerId = till.core.internals.staff.current()!.staffId;
    expect(db.prepare('SELECT dismissed_by, dismiss_reason FROM alerts WHERE id = ?').get(lockout.alertId)).toEqual({
      dismissed_by: ownerId,
      dismiss_reason: 'Mia forgot her PIN; reset',
    });
    expect(db.prepare("SELECT actor, subject, detail FROM audit_log WHERE action = 'alert.dismiss'").all()).toEqual([
      { actor: TEST_OWNER.name, subject: lockout.alertId, detail: 'PIN_LOCKOUT: Mia forgot her PIN; reset' },
    ]);
  });

  it('every security kind needs a manager; other alerts any signed-in person may dismiss (audited too)', async () => {
    till = await bootTill();
    const db = till.core.internals.store.db;
    const kinds = ['AUDIT_BROKEN', 'AMOUNT_MISMATCH', 'PAID_AFTER_CANCEL', 'PIN_LOCKOUT', 'NEW_OWNER', 'REFUND_CLOSED'] as const;
    for (const k of kinds) insertAlert(db, { id: `al_${k}`, kind: k, saleId: null, amountFen: 0, message: k, createdAt: 1 });
    await till.call('addStaff', { name: 'Amy', role: 'cashier', pin: '135790' });
    await till.call('signIn', { pin: '135790' });
    for (const k of kinds) {
      const r = await till.call('dismissAlert', { alertId: `al_${k}`, reason: 'seen' });
      expect(r, k).toMatchObject(k === 'REFUND_CLOSED' ? { ok: true } : { ok: false, code: 'ROLE_REQUIRED' });
    }
    expect(db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'alert.dismiss'").all()).toEqual([{ actor: 'Amy', detail: 'REFUND_CLOSED: seen' }]);
  });
});

describe('store name and text fields (issue 11 point 8, i11-staff part)', () => {
  it('attack: a right-to-left override in the store name is refused in plain words; only the owner renames the store', async () => {
    till = await bootTill();
    const before = till.core.internals.settings.view().storeName;
    const r = await till.call('saveSettings', { storeName: 'Tea \u202Eesuoh' });
    expect(r).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' });
    expect((r as { message: string }).message).toContain('invisible formatting characters');
    expect(await till.call('charge', { lines: [{ name: 'Tea\u200B', quantity: 1, unitFen: 100 }] })).toMatchObject({ code: 'INVALID_PAYLOAD' });
    expect(await till.call('addStaff', { name: 'Amy\u2066', role: 'cashier', pin: '135790' })).toMatchObject({ code: 'INVALID_PAYLOAD' });
    expect(till.core.internals.settings.view().storeName).toBe(before);
    expect((await till.call('saveSettings', { storeName: '小张南山店' })).ok).toBe(true);
    await till.call('addStaff', { name: 'Mia', role: 'manager', pin: '864200' });
    await till.call('signIn', { pin: '864200' });
    expect(await till.call('saveSettings', { storeName: 'Mia Shop' })).toMatchObject({ code: 'ROLE_REQUIRED' });
    expect(till.core.internals.settings.view().storeName).toBe('小张南山店');
  });
});
