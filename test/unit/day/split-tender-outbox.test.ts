// Issue 13.1 split tender travels to head office: the split row (and its return) as kind split_tender, the
// paid cash part as a cash_sale, and the receipt with split_cash_fen, so HQ's check that the sale's lines
// add up to what was paid holds (WeChat part + cash part). Live triggers and enrolment back-fill alike;
// every outbox source of migration 013 has its trigger.
import { afterEach, describe, expect, it } from 'vitest';
import type { HqEvent } from '../../../src/common/hq-sync';
import { OUTBOX_SOURCES_NOW } from '../../../src/core/store/migrations/013-split-tender';
import { enableOutbox, nextBatch } from '../../../src/core/sync/outbox-repo';
import { validateBatch } from '../../../src/hq/validate-batch';
import { makeHarness, type Harness } from '../engine/harness';
import { dayOf, LINES, lastView, openShift, until } from './split-rig';
import { getAttempt } from '../../../src/core/store/repos/attempt-repo';

let h: Harness | null = null;
afterEach(async () => {
  await h?.dispose();
  h = null;
});

async function paidAndVoidSplits(hh: Harness): Promise<{ paid: string; voided: string }> {
  const day = dayOf(hh);
  const shiftId = openShift(day);
  const a = await hh.engine.charge({ lines: LINES, cashier: 'amy', split: { cashFen: 500, tenderedFen: 500, shiftId } });
  if (!a.ok) throw new Error(a.message);
  hh.gw.pay(a.value.codeUrl!);
  await until(hh, () => lastView(hh, a.value.attemptId)?.status === 'paid');
  const b = await hh.engine.charge({ lines: LINES, cashier: 'amy', split: { cashFen: 300, tenderedFen: 300, shiftId } });
  if (!b.ok) throw new Error(b.message);
  await hh.engine.cancelPayment({ attemptId: b.value.attemptId });
  await until(hh, () => getAttempt(hh.store.db, b.value.attemptId)?.state === 'CLOSED');
  expect(day.split.confirmReturned(b.value.saleId).ok).toBe(true);
  return { paid: a.value.saleId, voided: b.value.saleId };
}

function checkTravels(events: HqEvent[], s: { paid: string; voided: string }): void {
  const receipt = events.filter((e) => e.kind === 'receipt').at(-1)!;
  expect(receipt.payload).toMatchObject({ sale_id: s.paid, total_fen: 1400, split_cash_fen: 500, sale: { total_fen: 1900 } });
  expect(events.filter((e) => e.kind === 'cash_sale').map((e) => e.payload)).toEqual([expect.objectContaining({ sale_id: s.paid, due_fen: 500 })]);
  const splits = events.filter((e) => e.kind === 'split_tender');
  expect(splits.map((e) => e.ref).sort()).toContain(s.paid);
  expect(splits.filter((e) => e.ref === s.voided).at(-1)?.payload).toMatchObject({ cash_fen: 300, returned_by: 'amy' });
  expect(validateBatch({ tillId: 'till-a', sentAt: 1, events }, 'till-a')).toMatchObject({ ok: true });
  // without the cash part HQ would refuse the receipt: the check is real
  const stripped = events.map((e) => (e === receipt ? { ...e, payload: { ...e.payload, split_cash_fen: 0 } } : e));
  expect(validateBatch({ tillId: 'till-a', sentAt: 1, events: stripped }, 'till-a')).toMatchObject({ ok: false, code: 'BAD_TOTALS' });
}

describe('split tender in the HQ outbox', () => {
  it('enrolled before the sales: the triggers send the split, its cash sale and the receipt with its cash part', async () => {
    h = await makeHarness();
    enableOutbox(h.store.db, 'till-a', h.clock.now());
    const s = await paidAndVoidSplits(h);
    checkTravels(nextBatch(h.store.db, 1000), s);
  });

  it('enrolled after the sales: the back-fill sends the same', async () => {
    h = await makeHarness();
    const s = await paidAndVoidSplits(h);
    enableOutbox(h.store.db, 'till-a', h.clock.now());
    checkTravels(nextBatch(h.store.db, 1000), s);
  });

  it('every outbox source has its insert trigger (and update trigger when it sends changes)', async () => {
    h = await makeHarness();
    const triggers = new Set((h.store.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'").all() as { name: string }[]).map((r) => r.name));
    for (const src of OUTBOX_SOURCES_NOW) {
      expect(triggers.has(`hq_outbox_${src.table}_ins`)).toBe(true);
      if (src.updateOf?.length) expect(triggers.has(`hq_outbox_${src.table}_upd`)).toBe(true);
    }
    expect(OUTBOX_SOURCES_NOW.map((s) => s.table)).toContain('split_tenders');
  });
});
