// Another manager's approval (issue 11): the renderer knows people by name, core by id. Names are unique,
// so the name typed picks the person; their PIN goes with it to core, which checks both.
import type { SecondApproval } from '../../../common/api';
import { call, pos } from '../bridge';

/** null when no name was typed; 'unknown' when nobody on the staff has that name. */
export async function secondApprover(name: string, pin: string): Promise<SecondApproval | null | 'unknown'> {
  const n = name.trim();
  if (!n) return null;
  const s = await call(() => pos.getStaffSession());
  const person = s.ok ? s.value.people.find((p) => p.name === n) : undefined;
  return person ? { staffId: person.staffId, pin } : 'unknown';
}
