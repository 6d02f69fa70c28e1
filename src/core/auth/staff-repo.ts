// The staff table (migration 005). Plain rows; the rules live in staff-service.ts.
import type Database from 'better-sqlite3';
import { STAFF_ROLES, type StaffRef, type StaffRole } from '../../common/staff';
import { stmt } from '../store/stmt';

export interface StaffRow {
  readonly id: string;
  readonly name: string;
  readonly role: StaffRole;
  readonly pinRecord: string;
  readonly disabled: boolean;
  readonly createdAt: number;
}

interface Raw {
  id: string;
  name: string;
  role: string;
  pin_record: string;
  disabled: number;
  created_at: number;
}

/** A row whose role this build does not know is damaged: it is treated as disabled (fails closed). */
function toRow(r: Raw): StaffRow {
  const known = (STAFF_ROLES as readonly string[]).includes(r.role);
  return {
    id: r.id,
    name: r.name,
    role: known ? (r.role as StaffRole) : 'cashier',
    pinRecord: r.pin_record,
    disabled: r.disabled !== 0 || !known,
    createdAt: r.created_at,
  };
}

export function listStaffRows(db: Database.Database): StaffRow[] {
  return (stmt(db, 'SELECT id, name, role, pin_record, disabled, created_at FROM staff ORDER BY name').all() as Raw[]).map(toRow);
}

export function getStaffRow(db: Database.Database, id: string): StaffRow | null {
  const r = stmt(db, 'SELECT id, name, role, pin_record, disabled, created_at FROM staff WHERE id = ?').get(id) as Raw | undefined;
  return r ? toRow(r) : null;
}

export function staffCount(db: Database.Database): number {
  return (stmt(db, 'SELECT count(*) AS n FROM staff').get() as { n: number }).n;
}

export function insertStaff(
  db: Database.Database,
  s: { id: string; name: string; role: StaffRole; pinRecord: string; createdAt: number; createdBy: string | null },
): void {
  stmt(db, 'INSERT INTO staff (id, name, role, pin_record, disabled, created_at, created_by) VALUES (?, ?, ?, ?, 0, ?, ?)').run(
    s.id,
    s.name,
    s.role,
    s.pinRecord,
    s.createdAt,
    s.createdBy,
  );
}

export function updateStaff(db: Database.Database, id: string, s: { name: string; role: StaffRole; pinRecord: string; disabled: boolean }): void {
  stmt(db, 'UPDATE staff SET name = ?, role = ?, pin_record = ?, disabled = ? WHERE id = ?').run(s.name, s.role, s.pinRecord, s.disabled ? 1 : 0, id);
}

export function nameTaken(db: Database.Database, name: string, exceptId: string | null): boolean {
  return stmt(db, 'SELECT 1 FROM staff WHERE name = ? AND id IS NOT ?').get(name, exceptId) !== undefined;
}

export function anySale(db: Database.Database): boolean {
  return stmt(db, 'SELECT 1 FROM sales LIMIT 1').get() !== undefined;
}

export function refOf(r: StaffRow): StaffRef {
  return { staffId: r.id, name: r.name, role: r.role };
}
