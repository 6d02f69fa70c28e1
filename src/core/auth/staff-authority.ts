// What the bridge needs from the staff module (issue 11 points 1 and 6): the session, the one-time grants
// that stand in for a PIN further down, the row stamps, and the alert-dismissal record. createPosApi
// (core/api.ts) uses it to put the signed-in person on every sale, cancel, refund, approval, settings
// change and alert dismissal.
import type Database from 'better-sqlite3';
import type { Alert } from '../../common/api';
import type { ActorStamp } from './actor-stamp';
import type { Grants } from './grants';
import type { StaffService } from './staff-service';
import { stmt } from '../store/stmt';
import type { StaffRef } from '../../common/staff';

export { SECURITY_ALERT_KINDS } from '../../common/staff';

export interface StaffAuthority {
  readonly staff: StaffService;
  readonly grants: Grants;
  readonly stamp: ActorStamp;
  /** The kind of an open alert, null when there is none with this id. */
  openAlertKind(alertId: string): Alert['kind'] | null;
  /** After a dismissal: who and why, on the row and in the audit log. */
  recordDismissal(alertId: string, kind: string, who: StaffRef, reason: string): void;
  /** After a cancel: who, on the attempt and in the audit log. */
  recordCancel(attemptId: string, outTradeNo: string, who: StaffRef): void;
}

export function createStaffAuthority(deps: {
  readonly db: Database.Database;
  readonly staff: StaffService;
  readonly grants: Grants;
  readonly stamp: ActorStamp;
  readonly audit: (entry: { actor: string; action: string; subject: string; detail: string }) => void;
}): StaffAuthority {
  const { db } = deps;
  return {
    staff: deps.staff,
    grants: deps.grants,
    stamp: deps.stamp,
    openAlertKind(alertId) {
      const r = stmt(db, 'SELECT kind FROM alerts WHERE id = ? AND dismissed_at IS NULL').get(alertId) as { kind: Alert['kind'] } | undefined;
      return r?.kind ?? null;
    },
    recordDismissal(alertId, kind, who, reason) {
      db.transaction(() => {
        stmt(db, 'UPDATE alerts SET dismissed_by = ?, dismiss_reason = ? WHERE id = ?').run(who.staffId, reason, alertId);
        deps.audit({ actor: who.name, action: 'alert.dismiss', subject: alertId, detail: `${kind}: ${reason || '(no reason given)'}` });
      })();
    },
    recordCancel(attemptId, outTradeNo, who) {
      db.transaction(() => {
        stmt(db, 'UPDATE payment_attempts SET cancelled_by = ? WHERE id = ? AND cancelled_by IS NULL').run(who.staffId, attemptId);
        deps.audit({ actor: who.name, action: 'staff.cancel', subject: outTradeNo, detail: `attempt ${attemptId}` });
      })();
    },
  };
}
