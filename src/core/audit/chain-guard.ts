// The one gate in front of what a tampered till must not do (issue 11 point 4): while the audit chain
// is broken, refunds, mode changes and staff changes are refused with AUDIT_BROKEN until an owner
// acknowledges the break (audited, and verification restarts at the acknowledgement).
import { roleAtLeast } from '../../common/staff';
import { err, ok, type Result } from '../../common/result';
import type { StaffSession } from '../auth/staff-session';
import type { AuditLog, AuditVerifyResult } from '../store/audit';

export type ChainState = { readonly ok: true } | { readonly ok: false; readonly brokenAt: number; readonly reason: string };

export interface ChainGuard {
  /** ok while the chain verifies; AUDIT_BROKEN (plain words) while it is broken and not acknowledged. */
  check(): Result<null>;
  state(): ChainState;
  /** A verification result (start-up, background, daily). A break stays until acknowledged. */
  report(result: AuditVerifyResult): void;
  /** An owner accepts the break: audited with who and why; verification restarts at that entry. */
  acknowledge(note: string): Result<null>;
  onChange(listener: (s: ChainState) => void): () => void;
}

export const AUDIT_BROKEN_MESSAGE =
  'The audit log failed its tamper check, so refunds, mode changes and staff changes are stopped. ' +
  'The owner must review the till and acknowledge the problem in the banner at the top of the till before they work again.';

export function createChainGuard(deps: { readonly audit: AuditLog; readonly session: StaffSession; readonly initial: AuditVerifyResult }): ChainGuard {
  let current: ChainState = deps.initial.ok ? { ok: true } : { ok: false, brokenAt: deps.initial.brokenAt, reason: deps.initial.reason };
  const listeners = new Set<(s: ChainState) => void>();
  const set = (s: ChainState): void => {
    current = s;
    for (const l of listeners) l(s);
  };
  return {
    check: () => (current.ok ? ok(null) : err('AUDIT_BROKEN', AUDIT_BROKEN_MESSAGE)),
    state: () => current,
    report(r) {
      // Only a break changes the verdict: an "ok" from a walk that started after the broken row must not clear it.
      if (!r.ok && current.ok) set({ ok: false, brokenAt: r.brokenAt, reason: r.reason });
    },
    acknowledge(note) {
      const who = deps.session.current();
      if (!who || !roleAtLeast(who.role, 'owner')) {
        return err('AUDIT_ACK_REFUSED', 'Only the owner, signed in at this till, can acknowledge a failed audit check.');
      }
      const why = note.trim();
      if (why.length < 3 || why.length > 500) return err('AUDIT_ACK_REFUSED', 'Write what was checked (3 to 500 characters) before acknowledging.');
      if (current.ok) return err('AUDIT_ACK_REFUSED', 'The audit log is intact: there is nothing to acknowledge.');
      deps.audit.acknowledgeBreak({
        actor: who.name,
        action: 'audit.acknowledged',
        subject: 'audit',
        detail: { staffId: who.staffId, role: who.role, brokenAt: current.brokenAt, reason: current.reason, note: why },
      });
      const again = deps.audit.verify({ full: true });
      set(again.ok ? { ok: true } : { ok: false, brokenAt: again.brokenAt, reason: again.reason });
      return again.ok ? ok(null) : err('AUDIT_BROKEN', AUDIT_BROKEN_MESSAGE);
    },
    onChange(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}
