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
