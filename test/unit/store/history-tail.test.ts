// Issue 15.4: history search by the tail of transaction_id / out_trade_no (≥ 6 characters, what a
// customer reads off the WeChat bill), case-insensitive, from the reversed columns of migration 010.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../src/core/store';
import { TAIL_PROBE_SQL, buildTextMatchesQuery, buildTextWindowQuery, listReceipts } from '../../../src/core/store/history';
import { seedReceipts } from '../../../src/core/store/seed-receipts';
import { freshStore, tempDir, type TempDir } from './helpers';

describe('history tail search', () => {
  let t: TempDir;
  let s: Store;
  let rows: { out_trade_no: string; transaction_id: string; mode: string }[];

  beforeAll(() => {
    t = tempDir();
    s = freshStore(t);
    seedReceipts(s.db, { count: 300, startMs: Date.UTC(2026, 0, 1), seed: 5 });
    seedReceipts(s.db, { count: 50, startMs: Date.UTC(2026, 0, 1), seed: 6, tillId: 'T02', mode: 'SANDBOX' });
    rows = s.db.prepare('SELECT out_trade_no, transaction_id, mode FROM receipts ORDER BY rowid').all() as typeof rows;
  });
  afterAll(() => {
    s.close();
    t.cleanup();
  });

  it('finds a receipt by the last 6+ characters of either id, in any case', () => {
    const live = rows.filter((r) => r.mode === 'LIVE');
    for (const r of live.slice(0, 40)) {
      const byTxn = listReceipts(s.db, { text: r.transaction_id.slice(-8), limit: 50 }).rows;
      expect(byTxn.some((x) => x.transactionId === r.transaction_id)).toBe(true);
      for (const x of byTxn) expect(x.transactionId.endsWith(r.transaction_id.slice(-8)) || x.outTradeNo.toLowerCase().endsWith(r.transaction_id.slice(-8).toLowerCase()) || x.transactionId.startsWith(r.transaction_id.slice(-8)) || x.outTradeNo.startsWith(r.transaction_id.slice(-8))).toBe(true);
      const tail = r.out_trade_no.slice(-7);
      for (const text of [tail, tail.toUpperCase(), tail.toLowerCase()]) {
        const byOtn = listReceipts(s.db, { text, limit: 50 }).rows;
        expect(byOtn.some((x) => x.outTradeNo === r.out_trade_no), text).toBe(true);
      }
    }
  });

  it('shorter than 6 characters stays a prefix search; another mode is never mixed in', () => {
    const r = rows.find((x) => x.mode === 'LIVE')!;
    const short = r.transaction_id.slice(-5);
    for (const x of listReceipts(s.db, { text: short, limit: 50 }).rows) {
      expect(x.transactionId.startsWith(short) || x.outTradeNo.startsWith(short)).toBe(true);
    }
    const sandbox = rows.find((x) => x.mode === 'SANDBOX')!;
    expect(listReceipts(s.db, { text: sandbox.transaction_id.slice(-10), limit: 50 }).rows).toEqual([]);
    expect(listReceipts(s.db, { text: sandbox.transaction_id.slice(-10), limit: 50, mode: 'SANDBOX' }).rows.map((x) => x.transactionId)).toContain(sandbox.transaction_id);
  });

  it('the window path (many matches) finds tails too', () => {
    const r = rows.find((x) => x.mode === 'LIVE')!;
    const tail = r.transaction_id.slice(-6);
    const p = listReceipts(s.db, { text: tail, limit: 50 }, { textSortLimit: 0, textWindow: 1000 });
    expect(p.rows.map((x) => x.transactionId)).toContain(r.transaction_id);
  });

  it('every tail query reads index ranges, never the table', () => {
    const plan = (sql: string, params: readonly (string | number)[]): string =>
      (s.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((x) => x.detail).join(' | ');
    const b = buildTextMatchesQuery({ text: 'ABCDEF12', limit: 50 }, 'ABCDEF12');
    const all = plan(b.sql, b.params);
    expect(all).toMatch(/INDEX receipts_tail_out_trade_no \(mode=\? AND out_trade_no_tail=\?/);
    expect(all).toMatch(/INDEX receipts_tail_transaction_id \(mode=\? AND transaction_id_tail=\?/);
    expect(all).not.toMatch(/SCAN (r|x|receipts)( |$)/);
    for (const sql of Object.values(TAIL_PROBE_SQL)) expect(plan(sql, ['LIVE', 'a', 'b', 10])).toMatch(/SEARCH receipts USING (COVERING )?INDEX receipts_tail_\w+ \(mode=\? AND \w+_tail>\? AND \w+_tail<\?\)/);
    const w = buildTextWindowQuery({ text: 'abcdef', limit: 50 }, 'abcdef', 5000);
    expect(plan(w.sql, w.params)).toMatch(/SEARCH x USING INDEX receipts_paid_at/);
  });
});
