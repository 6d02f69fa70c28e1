// Who did it, on the row itself (issue 11 point 1): while a signed-in person's call runs its synchronous
// part (the engine writes the sale row before its first await; a refund row names its people itself), a one-row temporary table names
// them and temporary triggers copy it onto the new row, inside the engine's own transaction. The engine
// needs no change and no row is written twice. Rows written later by watchers (outside refunds, state
// changes) are written while the table is empty and stay unstamped, as they should.
import type Database from 'better-sqlite3';

const SETUP = `
CREATE TEMP TABLE IF NOT EXISTS auth_actor (k INTEGER PRIMARY KEY CHECK (k = 1), staff_id TEXT NOT NULL, second_id TEXT);
CREATE TEMP TRIGGER IF NOT EXISTS auth_stamp_sale AFTER INSERT ON main.sales
  WHEN NEW.staff_id IS NULL AND EXISTS (SELECT 1 FROM auth_actor)
BEGIN
  UPDATE sales SET staff_id = (SELECT staff_id FROM auth_actor) WHERE id = NEW.id;
END;
CREATE TEMP TRIGGER IF NOT EXISTS auth_stamp_refund AFTER INSERT ON main.refunds
  WHEN NEW.staff_id IS NULL AND EXISTS (SELECT 1 FROM auth_actor)
BEGIN
  UPDATE refunds SET staff_id = (SELECT staff_id FROM auth_actor), second_staff_id = (SELECT second_id FROM auth_actor) WHERE id = NEW.id;
END;
`;

export interface ActorStamp {
  /** Runs fn with who named on the rows it inserts synchronously; returns what fn returns (e.g. its promise). */
  during<T>(who: { readonly staffId: string; readonly secondId?: string | null }, fn: () => T): T;
}

export function createActorStamp(db: Database.Database): ActorStamp {
  db.exec(SETUP);
  const set = db.prepare('INSERT OR REPLACE INTO auth_actor (k, staff_id, second_id) VALUES (1, ?, ?)');
  const clear = db.prepare('DELETE FROM auth_actor');
  return {
    during(who, fn) {
      set.run(who.staffId, who.secondId ?? null);
      try {
        return fn();
      } finally {
        clear.run();
      }
    },
  };
}
