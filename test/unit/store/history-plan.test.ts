// EXPLAIN QUERY PLAN for every history query shape: each reads an index range (or walks an index in list
// order, stopping after one page); none scans the receipts table, none sorts more than the matches of a
// text prefix (and those only from covering indexes). Every range is inside one mode (mode=? leads each
// index), so a mode's page never walks past the other mode's receipts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReceiptQuery } from '../../../src/common/api';
import { encodeCursor, type Store } from '../../../src/core/store';
import {
  DAY_PAID_SQL,
  DAY_REFUNDED_SQL,
  DETAIL_LINES_SQL,
  DETAIL_RECEIPT_SQL,
  DETAIL_REFUNDS_SQL,
  TEXT_PROBE_SQL,
  buildListQuery,
  buildTextMatchesQuery,
  buildTextWindowQuery,
  type BuiltQuery,
  // issue 13.1 (w2-cash): cash sales in History and day totals
  buildCashListQuery,
  CASH_DETAIL_REFUNDS_SQL,
  CASH_DETAIL_SQL,
  DAY_CASH_PAID_SQL,
  DAY_CASH_REFUNDED_SQL,
} from '../../../src/core/store/history';
import { seedReceipts } from '../../../src/core/store/seed-receipts';
import { freshStore, tempDir, type TempDir } from './helpers';

const cursor = encodeCursor(Date.UTC(2026, 0, 5), 'R500');

/** [name, query, expected plan of the list-order walk] */
const LIST_SHAPES: [string, Omit<ReceiptQuery, 'limit'>, string][] = [
  ['latest page', {}, 'SEARCH r USING INDEX receipts_paid_at (mode=?)'],
  ['latest sandbox page', { mode: 'SANDBOX' }, 'SEARCH r USING INDEX receipts_paid_at (mode=?)'],
  ['next page', { cursor, mode: 'LIVE' }, 'SEARCH r USING INDEX receipts_paid_at (mode=? AND (paid_at,id)<(?,?))'],
  ['date range', { fromMs: 1, toMs: 2 }, 'SEARCH r USING INDEX receipts_paid_at (mode=? AND paid_at>? AND paid_at<?)'],
  ['amount', { amountFen: 1800, mode: 'SANDBOX' }, 'SEARCH r USING INDEX receipts_amount (mode=? AND total_fen=?)'],
  ['amount + dates + cursor', { amountFen: 1800, fromMs: 1, toMs: 2, cursor }, 'SEARCH r USING INDEX receipts_amount (mode=? AND total_fen=? AND paid_at>? AND paid_at<?)'],
  ['status PAID', { status: 'PAID' }, 'SEARCH r USING INDEX receipts_paid_at (mode=?)'],
  ['status PARTIALLY_REFUNDED', { status: 'PARTIALLY_REFUNDED' }, 'SEARCH r USING INDEX receipts_refunded (mode=?)'],
  ['status REFUNDED + from', { status: 'REFUNDED', fromMs: 1, mode: 'SANDBOX' }, 'SEARCH r USING INDEX receipts_refunded (mode=? AND paid_at>?)'],
  ['paid after cancel + to', { status: 'PAID_AFTER_CANCEL', toMs: 5 }, 'SEARCH r USING INDEX receipts_after_cancel (mode=? AND paid_at<?)'],
  ['status + amount', { status: 'REFUNDED', amountFen: 1800 }, 'SEARCH r USING INDEX receipts_amount (mode=? AND total_fen=?)'],
];

const TEXT_SHAPES: [string, Omit<ReceiptQuery, 'limit'>][] = [
  ['text', { text: 'T0120260' }],
  ['text + cursor', { text: '4200', cursor, mode: 'SANDBOX' }],
  ['text + status + dates', { text: '4200', status: 'REFUNDED', fromMs: 1, toMs: 2 }],
  ['text + amount', { text: '4200', amountFen: 1800, mode: 'LIVE' }],
];

describe('history query plans', () => {
  let t: TempDir;
  let s: Store;
  const plan = (b: BuiltQuery): string[] =>
    (s.db.prepare(`EXPLAIN QUERY PLAN ${b.sql}`).all(...b.params) as { detail: string }[]).map((r) => r.detail);
  const noTableScan = (steps: string[]): void => {
    for (const step of steps) {
      expect(step, steps.join(' | ')).not.toMatch(/^SCAN (r|x|receipts)$/); // a table scan
      expect(step, steps.join(' | ')).not.toMatch(/^SCAN (r|x|receipts) USING COVERING INDEX/); // a whole index out of list order
    }
  };

  beforeAll(() => {
    t = tempDir();
    s = freshStore(t);
    seedReceipts(s.db, { count: 500, startMs: Date.UTC(2026, 0, 1), seed: 3 });
    seedReceipts(s.db, { count: 200, startMs: Date.UTC(2026, 0, 1), seed: 4, tillId: 'T02', mode: 'SANDBOX' });
  });
  afterAll(() => {
    s.close();
    t.cleanup();
  });

  it.each(LIST_SHAPES)('list: %s', (_name, q, expected) => {
    const steps = plan(buildListQuery({ ...q, limit: 50 }));
    expect(steps).toEqual([expected]); // one index walk, no sort step
  });

  it.each(TEXT_SHAPES)('text matches: %s', (_name, q) => {
    const steps = plan(buildTextMatchesQuery({ ...q, limit: 50 }, q.text!));
    noTableScan(steps);
    const all = steps.join(' | ');
    expect(steps[0]).toBe('SEARCH r USING INTEGER PRIMARY KEY (rowid=?)');
    // Each side: a prefix range of its covering index (the table is read only for amount/status filters).
    expect(all).toMatch(/SEARCH x USING (COVERING )?INDEX receipts_text_out_trade_no \(mode=\? AND out_trade_no>\? AND out_trade_no<\?\)/);
    expect(all).toMatch(/SEARCH x USING (COVERING )?INDEX receipts_text_transaction_id \(mode=\? AND transaction_id>\? AND transaction_id<\?\)/);
    if (q.amountFen === undefined && q.status === undefined) expect(all).toMatch(/COVERING INDEX receipts_text_out_trade_no/);
  });

  it.each(TEXT_SHAPES)('text window: %s', (_name, q) => {
    const steps = plan(buildTextWindowQuery({ ...q, limit: 50 }, q.text!, 5000));
    noTableScan(steps);
    // The window is a co-routine over the list-order index; filtering it needs no sort.
    expect(steps).toHaveLength(3);
    expect(steps[0]).toBe('CO-ROUTINE w');
    expect(steps[1]).toMatch(/^SEARCH x USING INDEX receipts_(paid_at|amount|refunded) \(mode=\?/);
    expect(steps[2]).toBe('SCAN w');
  });

  it("the text probes count inside one mode's text indexes", () => {
    for (const sql of Object.values(TEXT_PROBE_SQL)) {
      expect(plan({ sql, params: ['LIVE', 'a', 'b', 10] }).join(' | ')).toMatch(
        /SEARCH receipts USING COVERING INDEX receipts_text_\w+ \(mode=\? AND (out_trade_no|transaction_id)>\? AND \1<\?\)/,
      );
    }
  });

  it("day totals read one mode's index range, and the day's refunds with their receipts by key", () => {
    expect(plan({ sql: DAY_PAID_SQL, params: ['LIVE', 1, 2] })).toEqual([
      'SEARCH receipts USING INDEX receipts_paid_at (mode=? AND paid_at>? AND paid_at<?)',
    ]);
    expect(plan({ sql: DAY_REFUNDED_SQL, params: [1, 2, 'SUCCESS', 'LIVE'] })).toEqual([
      'SEARCH f USING COVERING INDEX refunds_final (final_at>? AND final_at<?)',
      'SEARCH r USING INDEX sqlite_autoindex_receipts_1 (id=?)',
    ]);
  });

  it('receipt detail reads by key', () => {
    expect(plan({ sql: DETAIL_RECEIPT_SQL, params: ['S1'] }).slice(0, 2)).toEqual([
      'SEARCH s USING INDEX sqlite_autoindex_sales_1 (id=?)',
      'SEARCH r USING INDEX receipts_sale (sale_id=?)',
    ]);
    expect(plan({ sql: DETAIL_LINES_SQL, params: ['S1'] })).toEqual(['SEARCH sale_lines USING INDEX sqlite_autoindex_sale_lines_1 (sale_id=?)']);
    expect(plan({ sql: DETAIL_REFUNDS_SQL, params: ['R1'] })[0]).toBe('SEARCH refunds USING INDEX refunds_receipt (receipt_id=?)');
  });

  // --- issue 13 point 1 (w2-cash): the cash rows of a list page walk cash_tenders in list order too ---
  it.each(LIST_SHAPES)('cash list: %s', (_name, q) => {
    const b = buildCashListQuery({ ...q, limit: 50 });
    if (q.status === 'PAID_AFTER_CANCEL') {
      expect(b).toBeNull(); // no cash row can match: no query at all
      return;
    }
    const steps = plan(b!);
    const index = q.amountFen === undefined ? 'cash_tenders_list' : 'cash_tenders_amount';
    expect(steps[0]).toMatch(new RegExp(`^SEARCH c USING (COVERING )?INDEX ${index} \\(mode=\\?`)); // one index walk in list order
    expect(steps.join(' | ')).not.toMatch(/TEMP B-TREE|^SCAN c/); // no sort, no scan
    // the refunded sum (status filter and column) reads one sale's cash refunds by key
    // issue 13.1 (i13-split): and leaves out a split sale's cash part by one key lookup in split_tenders
    for (const step of steps.slice(1))
      expect(step).toMatch(/CORRELATED SCALAR SUBQUERY|SEARCH x USING INDEX cash_refunds_sale \(sale_id=\?\)|SEARCH t USING COVERING INDEX sqlite_autoindex_split_tenders_1 \(sale_id=\?\)/);
  });

  it('cash day totals and cash receipt detail read index ranges or keys', () => {
    expect(plan({ sql: DAY_CASH_PAID_SQL, params: ['LIVE', 1, 2] })).toEqual(['SEARCH cash_tenders USING INDEX cash_tenders_paid_at (mode=? AND paid_at>? AND paid_at<?)']);
    expect(plan({ sql: DAY_CASH_REFUNDED_SQL, params: ['LIVE', 1, 2] })).toEqual(['SEARCH cash_refunds USING INDEX cash_refunds_at (mode=? AND at>? AND at<?)']);
    const detail = plan({ sql: CASH_DETAIL_SQL, params: ['S1'] }).join(' | ');
    expect(detail).toMatch(/SEARCH c USING INDEX sqlite_autoindex_cash_tenders_1 \(sale_id=\?\)/);
    expect(detail).toMatch(/SEARCH s USING INDEX sqlite_autoindex_sales_1 \(id=\?\)/);
    expect(plan({ sql: CASH_DETAIL_REFUNDS_SQL, params: ['S1'] })[0]).toMatch(/^SEARCH cash_refunds USING INDEX cash_refunds_sale \(sale_id=\?\)/);
  });
});
