// Staff accounts and the till's session (issue 11 points 1, 3, 5): who is signed in, sign-in by name +
// PIN or PIN alone, idle sign-out, the lock key, the owner's staff management and the first-run flow.
// PINs are keyed hashes (pin-hash.ts, pin-key.ts); wrong tries count on the uptime clock (lockout.ts).
// Every change and every sign-in is audited; a PIN never reaches a log, an audit entry or the bridge.
import { monotonicNow, type Clock } from '../../common/clock';
import { err, ok, type Result } from '../../common/result';
import { roleAtLeast, STAFF_PIN_PATTERN, type StaffRef, type StaffRole } from '../../common/staff';
import type { SecretBox } from '../settings/secret-box';
import type { SettingsStorage } from '../settings/storage';
import type Database from 'better-sqlite3';
import { createLockouts, TILL_SUBJECT, type LockoutPolicy, type Lockouts } from './lockout';
import { DEFAULT_PIN_SCRYPT, makePinRecord, parsePinRecord, pinMatches, type ScryptParams } from './pin-hash';
import { createPinKey, readPinKey } from './pin-key';
import { issueSetupCode, useSetupCode } from './setup-code';
import type { StaffSession } from './staff-session';
import {
  anySale,
  getStaffRow,
  insertStaff,
  listStaffRows,
  nameTaken,
  refOf,
  staffCount,
  updateStaff,
  type StaffRow,
} from './staff-repo';
import { createUptimeClock, type UptimeClock } from './uptime-clock';
import type { SessionView, StaffPolicy, StaffView } from '../../common/api';

export const IDLE_KEY = 'auth.idleMs';
export const SECOND_APPROVAL_KEY = 'auth.secondApprovalAboveFen';
export const DEFAULT_IDLE_MS = 5 * 60_000;
export const DEFAULT_SECOND_APPROVAL_FEN = 20_000; // ¥200

export interface StaffServiceDeps {
  readonly db: Database.Database;
  readonly storage: SettingsStorage;
  readonly box: SecretBox;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly scrypt?: ScryptParams;
  readonly lockout?: LockoutPolicy;
  /** PIN_LOCKOUT and NEW_OWNER alerts (stored and pushed to the till by the caller). */
  readonly raiseAlert: (kind: 'PIN_LOCKOUT' | 'NEW_OWNER', message: string) => void;
}

export interface StaffService extends StaffSession {
  view(): SessionView;
  /** Only with a one-time setup code: the first owner (or, with a recovery code, a new one). */
  firstRun(input: { readonly setupCode: string; readonly name: string; readonly pin: string }): Result<StaffRef>;
  signIn(input: { readonly staffId?: string; readonly pin: string }): Result<StaffRef>;
  signOut(why: 'sign-out' | 'lock' | 'idle'): void;
  /** The signed-in person with at least `need`, or NOT_SIGNED_IN / ROLE_REQUIRED. Counts as activity. */
  require(need: StaffRole, what: string): Result<StaffRef>;
  /** Another manager's PIN for the same action (refunds above the threshold). */
  secondApproval(input: { readonly staffId: string; readonly pin: string }, first: StaffRef, what: string): Result<StaffRef>;
  list(): Result<readonly StaffView[]>;
  add(input: { readonly name: string; readonly role: StaffRole; readonly pin: string }): Result<StaffView>;
  update(input: {
    readonly staffId: string;
    readonly name?: string;
    readonly role?: StaffRole;
    readonly pin?: string;
    readonly disabled?: boolean;
  }): Result<StaffView>;
  /** An owner lifts a lockout (a person's, or the till's PIN-alone one with staffId '*'). */
  unlock(staffId: string): Result<null>;
  changeOwnPin(input: { readonly currentPin: string; readonly newPin: string }): Result<null>;
  policy(): StaffPolicy;
  savePolicy(input: Partial<StaffPolicy>): Result<StaffPolicy>;
  /** A fresh setup code while nobody has an account (main shows it once); null once staff exist. */
  setupCodeAtStart(): string | null;
  /** Stores the uptime clock (at close). */
  close(): void;
}

const PIN_RULE = 'A PIN is 6 to 12 digits.';

export function createStaffService(deps: StaffServiceDeps): StaffService {
  const { db, storage, box, clock } = deps;
  const params = deps.scrypt ?? DEFAULT_PIN_SCRYPT;
  const uptime: UptimeClock = createUptimeClock(storage, clock);
  const locks: Lockouts = createLockouts(storage, uptime, deps.lockout);

  let session: StaffRef | null = null;
  let lastActive = monotonicNow(clock);
  let lastTriesLeft: number | null = null;

  const audit = (actor: string, action: string, subject: string, detail: string): void =>
    storage.audit({ actor, action, subject, detail });

  const readInt = (key: string, fallback: number): number => {
    const n = Number(storage.get(key) ?? NaN);
    return Number.isSafeInteger(n) && n >= 0 ? n : fallback;
  };
  const policy = (): StaffPolicy => ({
    idleMinutes: Math.round(readInt(IDLE_KEY, DEFAULT_IDLE_MS) / 60_000),
    secondApprovalAboveFen: readInt(SECOND_APPROVAL_KEY, DEFAULT_SECOND_APPROVAL_FEN),
  });

  const key = (): Result<Uint8Array | null> => readPinKey(storage, box);

  const signOut = (why: 'sign-out' | 'lock' | 'idle'): void => {
    if (!session) return;
    audit(session.name, `staff.${why}`, session.staffId, why === 'idle' ? 'signed out after being idle' : why);
    session = null;
  };

  const current = (): StaffRef | null => {
    if (!session) return null;
    const idleMs = readInt(IDLE_KEY, DEFAULT_IDLE_MS);
    if (idleMs > 0 && monotonicNow(clock) - lastActive >= idleMs) signOut('idle');
    if (session) {
      // A person disabled or demoted by the owner on another path is out at once.
      const row = getStaffRow(db, session.staffId);
      if (!row || row.disabled || row.role !== session.role) session = null;
    }
    return session;
  };

  const lockedText = (remainingMs: number, ownerRequired: boolean): Result<never> =>
    ownerRequired
      ? err('OWNER_UNLOCK_REQUIRED', 'Locked after too many wrong PINs: the owner must unlock it.')
      : err('PIN_LOCKED', `Too many wrong PINs: locked for about ${Math.max(1, Math.ceil(remainingMs / 60_000))} more minute(s).`);

  /** One wrong try on subject: counted, audited, a lockout raised as an alert. */
  const wrong = (subject: string, actor: string, what: string): Result<never> => {
    const out = locks.fail(subject);
    if (out.locked) {
      lastTriesLeft = 0;
      const mins = Math.round(out.durationMs / 60_000);
      const text = out.ownerRequired
        ? `PIN locked after too many wrong tries (${actor}, lockout ${out.lockouts} in a row): the owner must unlock it.`
        : `PIN locked for ${mins} minute(s) after too many wrong tries (${actor}, lockout ${out.lockouts} in a row).`;
      audit(actor, what, subject, `wrong PIN: locked (lockout ${out.lockouts}${out.ownerRequired ? ', owner must unlock' : ''})`);
      deps.raiseAlert('PIN_LOCKOUT', text);
      return lockedText(out.durationMs, out.ownerRequired);
    }
    lastTriesLeft = out.triesLeft;
    audit(actor, what, subject, `wrong PIN (${out.triesLeft} tries left)`);
    // The number travels as a field too: the second approver's form (refund, shift close) says it in words.
    return { ...err('PIN_WRONG', `Wrong PIN: ${out.triesLeft} tries left before a lockout.`), triesLeft: out.triesLeft };
  };

  /** Checks one person's PIN with their lockout; fails closed on a damaged key or record. */
  const checkPerson = (row: StaffRow, pin: string, what: string): Result<StaffRef> => {
    const k = key();
    if (!k.ok) return k;
    const lock = locks.check(row.id);
    if (lock.locked) {
      audit(row.name, what, row.id, 'refused: locked');
      return lockedText(lock.remainingMs, lock.ownerRequired);
    }
    const rec = parsePinRecord(row.pinRecord);
    if (!k.value || !rec) {
      audit(row.name, what, row.id, 'refused: PIN record unreadable');
      return err('AUTH_DAMAGED', `The PIN record of ${row.name} cannot be read: the owner must set a new PIN.`);
    }
    if (!pinMatches(k.value, rec, pin)) return wrong(row.id, row.name, what);
    locks.succeed(row.id);
    lastTriesLeft = null;
    return ok(refOf(row));
  };

  const active = (): StaffRow[] => listStaffRows(db).filter((r) => !r.disabled);
  const toView = (r: StaffRow): StaffView => {
    const l = locks.check(r.id);
    return { staffId: r.id, name: r.name, role: r.role, disabled: r.disabled, locked: l.locked };
  };
  const owners = (rows: StaffRow[]): number => rows.filter((r) => r.role === 'owner' && !r.disabled).length;

  const requireRole = (need: StaffRole, what: string): Result<StaffRef> => {
    const who = current();
    if (!who) return err('NOT_SIGNED_IN', 'Sign in at the till first.');
    if (!roleAtLeast(who.role, need)) {
      audit(who.name, what, who.staffId, `refused: needs ${need}`);
      return err('ROLE_REQUIRED', `Only ${need === 'owner' ? 'the owner' : `a ${need}`} may do this.`);
    }
    lastActive = monotonicNow(clock);
    return ok(who);
  };

  const checkName = (name: string, exceptId: string | null): Result<string> => {
    const n = name.trim();
    if (!n) return err('INVALID_PAYLOAD', 'Enter a name.');
    if (nameTaken(db, n, exceptId)) return err('STAFF_NAME_TAKEN', 'Someone on the staff already has this name.');
    return ok(n);
  };

  const newOwnerAlert = (name: string): void => {
    if (anySale(db)) deps.raiseAlert('NEW_OWNER', `A new owner account "${name}" was created after sales were taken: check it was meant.`);
  };

  return {
    current,
    view: () => {
      const who = current();
      const k = key();
      const rows = listStaffRows(db);
      return {
        setupNeeded: rows.length === 0,
        damaged: !k.ok || (rows.length > 0 && owners(rows) > 0 && rows.every((r) => r.disabled || !parsePinRecord(r.pinRecord))),
        signedIn: who,
        people: rows.filter((r) => !r.disabled).map((r) => ({ staffId: r.id, name: r.name, role: r.role })),
        triesLeft: lastTriesLeft,
        policy: policy(),
      };
    },

    firstRun(input) {
      if (!STAFF_PIN_PATTERN.test(input.pin)) return err('INVALID_PAYLOAD', PIN_RULE);
      const name = input.name.trim();
      if (!name) return err('INVALID_PAYLOAD', 'Enter a name.');
      return storage.transaction((): Result<StaffRef> => {
        const existing = staffCount(db);
        const code = useSetupCode(storage, input.setupCode);
        if (!code.ok) {
          audit('setup', 'staff.first_run', 'owner', 'refused: wrong setup code');
          return code;
        }
        if (existing > 0 && !code.value.recovery) {
          audit('setup', 'staff.first_run', 'owner', 'refused: staff exist (a recovery code is needed)');
          return err('SETUP_DONE', 'This till already has an owner: the owner adds staff in Staff.');
        }
        if (nameTaken(db, name, null)) return err('STAFF_NAME_TAKEN', 'Someone on the staff already has this name.');
        let k = key();
        // Recovery with an unreadable key: a new key; every other PIN then fails closed until reset.
        if (!k.ok && code.value.recovery) k = ok(null);
        if (!k.ok) return k;
        const pinKey = k.value ?? createPinKey(storage, box);
        const id = deps.newId();
        insertStaff(db, { id, name, role: 'owner', pinRecord: JSON.stringify(makePinRecord(pinKey, input.pin, params)), createdAt: clock.now(), createdBy: null });
        audit(name, 'staff.owner.create', id, code.value.recovery ? 'recovery setup code' : 'first run setup code');
        newOwnerAlert(name);
        const row = getStaffRow(db, id)!;
        session = refOf(row);
        lastActive = monotonicNow(clock);
        audit(name, 'staff.sign_in', id, 'first run');
        return ok(session);
      });
    },

    signIn(input) {
      return storage.transaction((): Result<StaffRef> => {
        const k = key();
        if (!k.ok) return k;
        let who: Result<StaffRef>;
        if (input.staffId !== undefined) {
          const row = getStaffRow(db, input.staffId);
          if (!row || row.disabled) return err('NOT_FOUND', 'No such person on the staff.');
          who = checkPerson(row, input.pin, 'staff.sign_in');
        } else {
          const lock = locks.check(TILL_SUBJECT);
          if (lock.locked) return lockedText(lock.remainingMs, lock.ownerRequired);
          const key32 = k.value;
          const hits = key32 && STAFF_PIN_PATTERN.test(input.pin)
            ? active().filter((r) => {
                const rec = parsePinRecord(r.pinRecord);
                return rec !== null && pinMatches(key32, rec, input.pin);
              })
            : [];
          if (hits.length > 1) return err('PIN_NOT_UNIQUE', 'Pick your name, then enter your PIN.');
          if (hits.length === 0) return wrong(TILL_SUBJECT, 'till', 'staff.sign_in');
          const person = hits[0]!;
          const lock2 = locks.check(person.id);
          if (lock2.locked) return lockedText(lock2.remainingMs, lock2.ownerRequired);
          locks.succeed(TILL_SUBJECT);
          lastTriesLeft = null;
          who = ok(refOf(person));
        }
        if (!who.ok) return who;
        session = who.value;
        lastActive = monotonicNow(clock);
        audit(session.name, 'staff.sign_in', session.staffId, input.staffId !== undefined ? 'name + PIN' : 'PIN alone');
        return ok(session);
      });
    },

    signOut,
    require: requireRole,

    secondApproval(input, first, what) {
      return storage.transaction((): Result<StaffRef> => {
        const row = getStaffRow(db, input.staffId);
        if (!row || row.disabled || !roleAtLeast(row.role, 'manager') || row.id === first.staffId) {
          audit(first.name, what, input.staffId, 'refused: second approver is not another manager');
          return err('SECOND_APPROVER_REQUIRED', 'A second manager (not you) must approve this with their own PIN.');
        }
        const ok2 = checkPerson(row, input.pin, `${what}.second`);
        if (ok2.ok) audit(row.name, `${what}.second`, row.id, `second approval for ${first.name}`);
        return ok2;
      });
    },

    list() {
      const who = requireRole('owner', 'staff.list');
      if (!who.ok) return who;
      return ok(listStaffRows(db).map(toView));
    },

    add(input) {
      const who = requireRole('owner', 'staff.add');
      if (!who.ok) return who;
      if (!STAFF_PIN_PATTERN.test(input.pin)) return err('INVALID_PAYLOAD', PIN_RULE);
      return storage.transaction((): Result<StaffView> => {
        const name = checkName(input.name, null);
        if (!name.ok) return name;
        const k = key();
        if (!k.ok) return k;
        const pinKey = k.value ?? createPinKey(storage, box);
        const id = deps.newId();
        insertStaff(db, { id, name: name.value, role: input.role, pinRecord: JSON.stringify(makePinRecord(pinKey, input.pin, params)), createdAt: clock.now(), createdBy: who.value.staffId });
        audit(who.value.name, 'staff.add', id, `${name.value} as ${input.role}`);
        if (input.role === 'owner') newOwnerAlert(name.value);
        return ok(toView(getStaffRow(db, id)!));
      });
    },

    update(input) {
      const who = requireRole('owner', 'staff.update');
      if (!who.ok) return who;
      if (input.pin !== undefined && !STAFF_PIN_PATTERN.test(input.pin)) return err('INVALID_PAYLOAD', PIN_RULE);
      return storage.transaction((): Result<StaffView> => {
        const row = getStaffRow(db, input.staffId);
        if (!row) return err('NOT_FOUND', 'No such person on the staff.');
        const name = input.name !== undefined ? checkName(input.name, row.id) : ok(row.name);
        if (!name.ok) return name;
        const role = input.role ?? row.role;
        const disabled = input.disabled ?? row.disabled;
        const after = listStaffRows(db).map((r) => (r.id === row.id ? { ...r, role, disabled } : r));
        if (owners(after) === 0) return err('LAST_OWNER', 'The till needs at least one owner: add another owner first.');
        let pinRecord = row.pinRecord;
        if (input.pin !== undefined) {
          const k = key();
          if (!k.ok) return k;
          pinRecord = JSON.stringify(makePinRecord(k.value ?? createPinKey(storage, box), input.pin, params));
        }
        updateStaff(db, row.id, { name: name.value, role, pinRecord, disabled });
        if (input.pin !== undefined) locks.lift(row.id);
        const what = [
          input.name !== undefined && name.value !== row.name ? 'name' : '',
          role !== row.role ? `role ${row.role}->${role}` : '',
          input.pin !== undefined ? 'new PIN' : '',
          disabled !== row.disabled ? (disabled ? 'disabled' : 'enabled') : '',
        ].filter(Boolean);
        audit(who.value.name, 'staff.update', row.id, what.join(', ') || 'no change');
        if (role === 'owner' && row.role !== 'owner') newOwnerAlert(name.value);
        return ok(toView(getStaffRow(db, row.id)!));
      });
    },

    unlock(staffId) {
      const who = requireRole('owner', 'staff.unlock');
      if (!who.ok) return who;
      if (staffId !== TILL_SUBJECT && !getStaffRow(db, staffId)) return err('NOT_FOUND', 'No such person on the staff.');
      storage.transaction(() => {
        locks.lift(staffId);
        audit(who.value.name, 'staff.unlock', staffId, 'lockout lifted by the owner');
      });
      return ok(null);
    },

    changeOwnPin(input) {
      const who = current();
      if (!who) return err('NOT_SIGNED_IN', 'Sign in at the till first.');
      if (!STAFF_PIN_PATTERN.test(input.newPin)) return err('INVALID_PAYLOAD', PIN_RULE);
      return storage.transaction((): Result<null> => {
        const row = getStaffRow(db, who.staffId);
        if (!row) return err('NOT_FOUND', 'No such person on the staff.');
        const checked = checkPerson(row, input.currentPin, 'staff.change_pin');
        if (!checked.ok) return checked;
        const k = key();
        if (!k.ok) return k;
        updateStaff(db, row.id, { ...row, pinRecord: JSON.stringify(makePinRecord(k.value ?? createPinKey(storage, box), input.newPin, params)) });
        audit(row.name, 'staff.change_pin', row.id, 'new PIN stored');
        lastActive = monotonicNow(clock);
        return ok(null);
      });
    },

    policy,
    savePolicy(input) {
      const who = requireRole('owner', 'staff.policy');
      if (!who.ok) return who;
      storage.transaction(() => {
        if (input.idleMinutes !== undefined) storage.set(IDLE_KEY, String(input.idleMinutes * 60_000));
        if (input.secondApprovalAboveFen !== undefined) storage.set(SECOND_APPROVAL_KEY, String(input.secondApprovalAboveFen));
        audit(who.value.name, 'staff.policy', 'policy', JSON.stringify(input));
      });
      return ok(policy());
    },

    setupCodeAtStart() {
      if (staffCount(db) > 0) return null;
      return issueSetupCode(storage, clock.now(), false);
    },

    close() {
      try {
        uptime.persist();
      } catch {
        // a closed or read-only store: the last stored uptime stands (a lockout only gets longer)
      }
    },
  };
}
