// Who may change a catalog item's price on a sale line (issue 15.1): the signed-in person's role,
// from core's StaffSession (issue 11). Nobody signed in: nobody may.
import { PRICE_OVERRIDE_ROLE } from '../../common/catalog';
import { roleAtLeast } from '../../common/staff';
import type { StaffSession } from '../auth/staff-session';

export function mayOverridePrice(session: StaffSession | undefined): boolean {
  const who = session?.current() ?? null;
  return who !== null && roleAtLeast(who.role, PRICE_OVERRIDE_ROLE);
}
