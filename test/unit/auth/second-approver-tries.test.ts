// A wrong PIN from the second approver (refund above the threshold) says how many tries are left, as a
// field the renderer words in the chosen language; the fifth wrong try locks that manager.
import { afterEach, describe, expect, it } from 'vitest';
import type { StaffView } from '../../../src/common/api';
import { bootTill, cleanupDirs, type TillRig } from './rig';

let till: TillRig | null = null;
afterEach(async () => {
  await till?.close();
  till = null;
  cleanupDirs();
});

describe('second approver tries left', () => {
  it('each wrong second-approver PIN on a refund carries the tries left; the fifth locks; nothing is refunded', async () => {
    till = await bootTill();
    expect((await till.call('saveStaffPolicy', { secondApprovalAboveFen: 500 })).ok).toBe(true);
    const added = await till.call<StaffView>('addStaff', { name: 'Mia', role: 'manager', pin: '864200' });
    if (!added.ok) throw new Error(added.message);
    const mia = added.value.staffId;
    const saleId = await till.sell(2000);
    const refund = (pin: string) => till!.call('requestRefund', { saleId, amountFen: 600, reason: 'spilt', secondApprover: { staffId: mia, pin } });

    expect(await refund('000000')).toMatchObject({ ok: false, code: 'PIN_WRONG', triesLeft: 4 });
    expect(await refund('000001')).toMatchObject({ ok: false, code: 'PIN_WRONG', triesLeft: 3, message: expect.stringContaining('3 tries left') });
    await refund('000002');
    expect(await refund('000003')).toMatchObject({ ok: false, code: 'PIN_WRONG', triesLeft: 1 });
    const locked = await refund('000004');
    expect(locked).toMatchObject({ ok: false, code: 'PIN_LOCKED' });
    expect(locked).not.toHaveProperty('triesLeft');
    // locked: even the right PIN is refused now
    expect(await refund('864200')).toMatchObject({ ok: false, code: 'PIN_LOCKED' });
    expect((till.core.internals.store.db.prepare('SELECT count(*) AS n FROM refunds').get() as { n: number }).n).toBe(0);
  });
});
