// One prepared statement per SQL text and database (src/core/store/stmt.ts), fixed UPDATE statements
// for every attempt and refund transition (test/unit/engine/poll-statements.test.ts: poll ticks prepare nothing).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Store } from '../../../src/core/store';
import { getAttempt, insertAttempt, MOVE_ATTEMPT_SQL, moveAttempt } from '../../../src/core/store/repos/attempt-repo';
import { insertReceipt } from '../../../src/core/store/repos/receipt-repo';
import { getRefund, insertRefund, MOVE_REFUND_SQL, moveRefund } from '../../../src/core/store/repos/refund-repo';
import { insertSale } from '../../../src/core/store/repos/sale-repo';
import { stmt } from '../../../src/core/store/stmt';
import { freshStore, tempDir, type TempDir } from './helpers';

let t: TempDir | null = null;
let stores: Store[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const s of stores) s.close();
  stores = [];
  t?.cleanup();
  t = null;
});

function open(name = 'pos.db'): Store {
  t ??= tempDir();
  const s = freshStore(t, {}, name);
  stores.push(s);
  return s;
}

/** Records the SQL of every db.prepare from now on. */
function spyPrepare(s: Store): string[] {
  const seen: string[] = [];
  const real = s.db.prepare.bind(s.db);
  vi.spyOn(s.db, 'prepare').mockImplementation(((sql: string) => {
    seen.push(sql);
    return real(sql);
  }) as typeof s.db.prepare);
  return seen;
}

const T0 = 1_700_000_000_000;

function sale(s: Store, n: number): { saleId: string; attemptId: string } {
  const saleId = `S${n}`;
  const attemptId = `A${n}`;
  insertSale(s.db, { saleId, tillId: 'T1', cashier: 'amy', lines: [{ name: 'Tea', quantity: 1, unitFen: 500, lineFen: 500 }], totalFen: 500, mode: 'SANDBOX', createdAt: T0 });
  insertAttempt(s.db, { id: attemptId, saleId, kind: 'NATIVE', outTradeNo: `OTN${n}`, totalFen: 500, body: 'Tea', expiresAt: T0 + 600_000, createdAt: T0 });
  return { saleId, attemptId };
}

describe('statement cache', () => {
  it('one prepared statement per SQL text and database, reused', () => {
    const a = open('a.db');
    const b = open('b.db');
    const seen = spyPrepare(a);
    const sql = 'SELECT count(*) AS n FROM sales';
    const first = stmt(a.db, sql);
    expect(stmt(a.db, sql)).toBe(first);
    expect(stmt(a.db, `${sql} WHERE id = ?`)).not.toBe(first);
    expect(stmt(b.db, sql)).not.toBe(first);
    expect(stmt(b.db, sql).database).toBe(b.db);
    expect(seen).toEqual([sql, `${sql} WHERE id = ?`]);
  });

  it('the sale mode is written by insertSale itself (no UPDATE after it)', () => {
    const s = open();
    const seen = spyPrepare(s);
    sale(s, 1);
    expect(s.db.prepare('SELECT mode FROM sales WHERE id = ?').get('S1')).toEqual({ mode: 'SANDBOX' });
    expect(seen.filter((q) => /UPDATE\s+sales/i.test(q))).toEqual([]);
  });
});

describe('fixed transition statements', () => {
  it('every moveAttempt, whatever fields it writes, runs the one MOVE_ATTEMPT_SQL', () => {
    const s = open();
    const seen = spyPrepare(s);
    const a = sale(s, 1).attemptId;
    const b = sale(s, 2).attemptId;
    const row = { kind: 'NATIVE' as const };
    expect(moveAttempt(s.db, { ...row, id: a }, 'NOTPAY', T0 + 1, { codeUrl: 'weixin://wxpay/1', lastReason: null })).toBe(true);
    expect(moveAttempt(s.db, { ...row, id: a }, 'PAID', T0 + 2, { transactionId: '4200001' })).toBe(true);
    expect(moveAttempt(s.db, { ...row, id: b }, 'UNKNOWN', T0 + 3, { lastReason: 'timeout' })).toBe(true);
    expect(moveAttempt(s.db, { ...row, id: b }, 'CLOSING', T0 + 4)).toBe(true);
    expect(moveAttempt(s.db, { ...row, id: b }, 'NOTPAY', T0 + 5)).toBe(false); // not a predecessor: refused
    expect(moveAttempt(s.db, { ...row, id: b }, 'CLOSED', T0 + 6, { lastReason: 'CLOSED' })).toBe(true);

    const moves = seen.filter((q) => /^\s*UPDATE\s+payment_attempts\s+SET\s+state/i.test(q));
    expect(moves).toEqual([MOVE_ATTEMPT_SQL]); // prepared once, one text for every field combination
    // Fields not named keep their values; final_at only on a final state.
    expect(getAttempt(s.db, a)).toMatchObject({ state: 'PAID', codeUrl: 'weixin://wxpay/1', transactionId: '4200001', lastReason: null, updatedAt: T0 + 2, finalAt: T0 + 2 });
    expect(getAttempt(s.db, b)).toMatchObject({ state: 'CLOSED', codeUrl: null, lastReason: 'CLOSED', updatedAt: T0 + 6, finalAt: T0 + 6 });
  });

  it('every moveRefund runs the one MOVE_REFUND_SQL; a NULL refund_id keeps the known one', () => {
    const s = open();
    const { saleId, attemptId } = sale(s, 1);
    moveAttempt(s.db, { id: attemptId, kind: 'NATIVE' }, 'PAID', T0, { transactionId: '42' });
    insertReceipt(s.db, { id: 'R1', saleId, attemptId, outTradeNo: 'OTN1', transactionId: '42', totalFen: 500, paidAt: T0, paidAfterCancel: false });
    for (const id of ['F1', 'F2']) insertRefund(s.db, { id, receiptId: 'R1', outRefundNo: `ORN${id}`, amountFen: 100, reason: 'r', approver: 'mgr', createdAt: T0 });
    const seen = spyPrepare(s);
    expect(moveRefund(s.db, 'F1', 'SENT', T0 + 1, { lastReason: 'timeout' })).toBe(true);
    expect(moveRefund(s.db, 'F1', 'PROCESSING', T0 + 2, { refundId: 'WX1', lastReason: null })).toBe(true);
    expect(moveRefund(s.db, 'F1', 'SUCCESS', T0 + 3, { refundId: null })).toBe(true);
    expect(moveRefund(s.db, 'F1', 'PROCESSING', T0 + 4)).toBe(false); // final: never moves again
    expect(moveRefund(s.db, 'F2', 'FAILED', T0 + 5, { lastReason: 'NOTENOUGH' })).toBe(true);

    expect(seen.filter((q) => /^\s*UPDATE\s+refunds\s+SET\s+state/i.test(q))).toEqual([MOVE_REFUND_SQL]);
    expect(getRefund(s.db, 'F1')).toMatchObject({ state: 'SUCCESS', refundId: 'WX1', lastReason: null, updatedAt: T0 + 3, finalAt: T0 + 3 });
    expect(getRefund(s.db, 'F2')).toMatchObject({ state: 'FAILED', refundId: null, lastReason: 'NOTENOUGH', finalAt: T0 + 5 });
  });
});
