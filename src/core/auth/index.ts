// The staff module assembled (issue 11): startCore and the test boot helpers build it the same way.
import type { Clock } from '../../common/clock';
import { ok, type Result } from '../../common/result';
import type { SecretBox } from '../settings/secret-box';
import type { Store } from '../store';
import { createActorStamp } from './actor-stamp';
import { createGrants, type Grants } from './grants';
import type { LockoutPolicy } from './lockout';
import type { ScryptParams } from './pin-hash';
import { createStaffAuthority, type StaffAuthority } from './staff-authority';
import { createStaffService, type StaffService } from './staff-service';

export interface StaffAuth {
  readonly staff: StaffService;
  readonly grants: Grants;
  readonly authority: StaffAuthority;
  /** For the settings service: protected changes are approved only by an owner's grant. */
  readonly settingsApproval: { hasPin(): boolean; verify(approver: string, token: string): Result<null> };
  /** For the engine's refund path: a manager's grant. */
  verifyManagerPin(approver: string, token: string): Result<null>;
}

export function buildStaffAuth(deps: {
  readonly store: Pick<Store, 'db' | 'kv'>;
  readonly box: SecretBox;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly scrypt?: ScryptParams;
  readonly lockout?: LockoutPolicy;
  readonly raiseAlert: (kind: 'PIN_LOCKOUT' | 'NEW_OWNER', message: string) => void;
}): StaffAuth {
  const { store } = deps;
  const staff = createStaffService({
    db: store.db,
    storage: store.kv,
    box: deps.box,
    clock: deps.clock,
    newId: deps.newId,
    scrypt: deps.scrypt,
    lockout: deps.lockout,
    raiseAlert: deps.raiseAlert,
  });
  const grants = createGrants();
  const take = (need: 'manager' | 'owner') => (approver: string, token: string): Result<null> => {
    const r = grants.take(approver, token, need);
    return r.ok ? ok(null) : r;
  };
  return {
    staff,
    grants,
    authority: createStaffAuthority({ db: store.db, staff, grants, stamp: createActorStamp(store.db), audit: (e) => store.kv.audit(e) }),
    settingsApproval: { hasPin: () => staff.view().people.some((p) => p.role === 'owner'), verify: take('owner') },
    verifyManagerPin: take('manager'),
  };
}
