// What the day's parts (shifts, cash, reports) need from the rest of core.
import type { Mode } from '../../common/api';
import type { Clock } from '../../common/clock';
import type { Result } from '../../common/result';
import type { StaffSession } from '../auth/staff-session';
import type { IdSource } from '../ids';
import type { Store } from '../store';

export interface DayDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdSource;
  /** Who is signed in: opens shifts, takes cash, closes the day. */
  readonly session: StaffSession;
  readonly tillId: () => string;
  readonly mode: () => Mode;
  readonly verifyManagerPin: (approver: string, pin: string, action?: string) => Result<null>;
  /** Payments, quick pays and refunds not yet final (store.openWorkCount). */
  readonly openWork: () => number;
}
