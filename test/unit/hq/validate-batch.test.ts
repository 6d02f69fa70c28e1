// Issue 16 bad input, without a database: what validateBatch refuses and why (the PG suites check that a
// refusal stores nothing and is logged).
import { describe, expect, it } from 'vitest';
import { validateBatch } from '../../../src/hq/validate-batch';

const receipt = (seq: number, over: Record<string, unknown> = {}, lines = [{ line_no: 1, name: 'Tea', quantity: 2, unit_fen: 150, line_fen: 300 }]) => ({
  seq, kind: 'receipt', ref: `R${seq}`, createdAt: 1,
  payload: { id: `R${seq}`, sale_id: `S${seq}`, out_trade_no: `O${seq}`, transaction_id: `T${seq}`, total_fen: 300, refunded_fen: 0, paid_at: 1, sale: { id: `S${seq}`, total_fen: 300, lines }, ...over },
});
const batch = (events: unknown[], tillId = 'till-a') => ({ tillId, sentAt: 1, events });

describe('validateBatch', () => {
  it('accepts a well-formed batch of the credential\'s till', () => {
    const r = validateBatch(batch([receipt(1), receipt(2), { seq: 3, kind: 'audit', ref: '9', payload: { seq: 9 }, createdAt: 1 }]), 'till-a');
    expect(r.ok && r.value.events.map((e) => e.seq)).toEqual([1, 2, 3]);
  });
  it.each([
    ['not a batch', 'x', 'BAD_BATCH'],
    ['another till', batch([receipt(1)], 'till-b'), 'TILL_MISMATCH'],
    ['a seq gap', batch([receipt(1), receipt(3)]), 'SEQ_GAP'],
    ['seqs backwards', batch([receipt(2), receipt(1)]), 'SEQ_GAP'],
    ['a zero seq', batch([receipt(0)]), 'BAD_BATCH'],
    ['a receipt total that is not the sale total', batch([receipt(1, { total_fen: 301 })]), 'BAD_TOTALS'],
    ['a line that is not quantity x unit', batch([receipt(1, {}, [{ line_no: 1, name: 'Tea', quantity: 2, unit_fen: 150, line_fen: 299 }])]), 'BAD_TOTALS'],
    ['lines that do not add up to the sale', batch([receipt(1, {}, [{ line_no: 1, name: 'Tea', quantity: 1, unit_fen: 150, line_fen: 150 }])]), 'BAD_TOTALS'],
    ['a fractional amount', batch([receipt(1, { total_fen: 300.5 })]), 'BAD_BATCH'],
    ['refunded more than paid', batch([receipt(1, { refunded_fen: 301 })]), 'BAD_TOTALS'],
    ['a refund without amount', batch([{ seq: 1, kind: 'refund', ref: 'F', createdAt: 1, payload: { id: 'F', receipt_id: 'R', out_refund_no: 'N', state: 'SUCCESS' } }]), 'BAD_BATCH'],
    ['an empty batch', batch([]), 'BAD_BATCH'],
  ])('refuses %s', (_name, body, code) => {
    const r = validateBatch(body, 'till-a');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.message).toMatch(/ \/ /); // zh-CN / English
    }
  });
});
