// Issue 13.1 split tender: the queries it adds read index ranges or keys (no table scan), so History and
// the day's totals cost the same at 1M receipts as before.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/core/store/migrations';
import { buildSplitTotalQuery, DAY_SPLIT_PAID_SQL } from '../../../src/core/store/history';

describe('split tender query plans', () => {
  const db = new Database(':memory:');
  migrate(db);
  const plan = (sql: string, params: readonly (string | number)[]): string[] =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);

  it('the sale-total amount filter walks split_tenders by (mode, total) and reads each receipt by key', () => {
    expect(buildSplitTotalQuery({ limit: 50 })).toBeNull();
    const b = buildSplitTotalQuery({ limit: 50, amountFen: 1900, mode: 'LIVE', fromMs: 1, status: 'PAID' })!;
    const steps = plan(b.sql, b.params);
    expect(steps[0]).toMatch(/^SEARCH t USING (COVERING )?INDEX split_tenders_amount \(mode=\? AND sale_total_fen=\?\)/);
    expect(steps.join(' | ')).toMatch(/SEARCH r USING INDEX/);
    expect(steps.join(' | ')).not.toMatch(/SCAN (r|t)\b/);
  });

  it("the day's split count walks the day's cash tenders and looks each up by key", () => {
    const steps = plan(DAY_SPLIT_PAID_SQL, ['LIVE', 1, 2]);
    expect(steps[0]).toBe('SEARCH c USING INDEX cash_tenders_paid_at (mode=? AND paid_at>? AND paid_at<?)');
    expect(steps.slice(1).join(' | ')).toMatch(/SEARCH t (EXISTS )?USING COVERING INDEX sqlite_autoindex_split_tenders_1 \(sale_id=\?\)/);
  });
});
