// Who works the till (issue 11): the roles and the reference to a person that every record of an
// action carries. Shared by core (authority checks, audit), the bridge and the renderer.

export const STAFF_ROLES = ['cashier', 'manager', 'owner'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A person as other records name them: id for joins, name as it was at the time (for receipts and logs). */
export interface StaffRef {
  readonly staffId: string;
  readonly name: string;
  readonly role: StaffRole;
}

const RANK: Record<StaffRole, number> = { cashier: 0, manager: 1, owner: 2 };

/** true when `have` may do what `need` may (owner > manager > cashier). */
export function roleAtLeast(have: StaffRole, need: StaffRole): boolean {
  return RANK[have] >= RANK[need];
}

// --- issue 11 point 1 (i11-staff): what a staff PIN and name may be ---
/** A staff PIN: 6 to 12 digits (issue 11: at least 6). */
export const STAFF_PIN_PATTERN = /^\d{6,12}$/;
/** What may be typed as a PIN over the bridge; the format is checked in core so a malformed PIN counts as a wrong try. */
export const STAFF_PIN_MAX_CHARS = 16;
export const STAFF_NAME_MAX_CHARS = 32;

// --- issue 11 point 6 (i11-staff): alerts only a manager may dismiss, with a reason (audited) ---
/** CLOCK_SKEW is reserved for a clock alert (today the clock shows as a banner, not an alert). */
export const SECURITY_ALERT_KINDS: ReadonlySet<string> = new Set([
  'PIN_LOCKOUT',
  'AUDIT_BROKEN',
  'AMOUNT_MISMATCH',
  'PAID_AFTER_CANCEL',
  'CLOCK_SKEW',
  'NEW_OWNER',
]);
