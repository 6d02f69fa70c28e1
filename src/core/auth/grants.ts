// One-time approvals handed from the bridge's authority checks to the parts that still take an
// (approver, PIN) pair (the engine's refund path, the settings service): the signed-in person's check
// happens once, at the bridge, and yields a random single-use token that stands in for the PIN.
import { randomBytes } from 'node:crypto';
import { err, ok, type Result } from '../../common/result';
import type { StaffRef, StaffRole } from '../../common/staff';
import { roleAtLeast } from '../../common/staff';

export interface Grants {
  issue(who: StaffRef): string;
  /** Uses up the token; ok when it was issued to this name with at least `need`. */
  take(name: string, token: string, need: StaffRole): Result<StaffRef>;
  /** Issues a token for the length of fn (an unused one never outlives the call). */
  during<T>(who: StaffRef, fn: (token: string) => Promise<T>): Promise<T>;
}

export function createGrants(): Grants {
  const open = new Map<string, StaffRef>();
  return {
    issue(who) {
      const token = randomBytes(18).toString('base64url');
      open.set(token, who);
      return token;
    },
    take(name, token, need) {
      const who = open.get(token);
      open.delete(token);
      if (!who || who.name !== name) return err('NOT_SIGNED_IN', 'Sign in at the till first.');
      if (!roleAtLeast(who.role, need)) return err('ROLE_REQUIRED', `Only ${need === 'owner' ? 'the owner' : `a ${need}`} may do this.`);
      return ok(who);
    },
    async during(who, fn) {
      const token = randomBytes(18).toString('base64url');
      open.set(token, who);
      try {
        return await fn(token);
      } finally {
        open.delete(token);
      }
    },
  };
}
