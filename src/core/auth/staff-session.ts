// Who is signed in at this till (issue 11 point 1). Core parts that record who did something (sales,
// shifts, refunds, alert dismissals, reports) depend on this interface only; the staff accounts module
// owns the one real implementation (sign-in, idle sign-out, lock).
import type { StaffRef } from '../../common/staff';

export interface StaffSession {
  /** The person signed in now; null while the till is locked or nobody has signed in. */
  current(): StaffRef | null;
}

/** A session that always names the same person (or nobody): for tests and for tools without a till. */
export function fixedSession(who: StaffRef | null): StaffSession {
  return { current: () => who };
}
