// Issue 16 points 3 and 6 against a real PostgreSQL: the outbox reaches HQ exactly once whatever happens on
// the way (replays, out-of-order and duplicated batches, lost answers, HQ killed or PostgreSQL restarted in
// the middle of a batch, a till clock far off), checked row by row against the tills' SQLite files; bad
// input is refused with a reason, logged at HQ, and nothing of it is stored.
import { afterAll, describe, expect, it } from 'vitest';
import { HQ_MAX_BODY_BYTES, type HqEvent } from '../../../src/common/hq-sync';
import { nextBatch, waitingCount } from '../../../src/core/sync/outbox-repo';
import { OutboxPusher } from '../../../src/core/sync/pusher';
import { pgOrSkip } from '../../support/pg-server';
import { compareWithHq, enrolledTill, removeTempDirs, sell, startHq, type Hq, type Till } from '../../support/hq-fixture';

const pgs = await pgOrSkip();

async function expectSame(hq: Hq, till: Till): Promise<void> {
  const c = await compareWithHq(hq, till);
  expect(c.missing).toEqual([]);
  expect(c.extra).toEqual([]);
  expect(c.different).toEqual([]);
  expect(c.refundsMatch).toBe(true);
  expect(c.hqReceipts).toBe(c.tillReceipts);
  expect(waitingCount(till.db)).toBe(0);
}

const events = async (hq: Hq, tillId: string): Promise<number> =>
  (await hq.pool.query('SELECT count(*)::int AS n FROM till_events WHERE till_id = $1', [tillId])).rows[0].n as number;

describe.skipIf(!pgs)('outbox sync to HQ on PostgreSQL', () => {
  afterAll(() => {
    pgs?.close();
    removeTempDirs();
  });

  it('three tills sell while HQ is down, then catch up by themselves; HQ matches each SQLite file row by row', async () => {
    const hq = await startHq(pgs!);
    const tills = await Promise.all(['counter-1', 'counter-2', 'counter-3'].map((n) => enrolledTill(hq, n)));
    try {
      await hq.kill();
      for (const t of tills) sell(t, 150);
      for (const t of tills) expect(await t.pusher.pushOnce()).toMatchObject({ kind: 'failed' });
      expect(tills[0]!.pusher.status()).toMatchObject({ state: 'unreachable', waiting: expect.any(Number) });
      await hq.restart();
      for (const t of tills) t.reconnect(hq.server.url);
      const drained = await Promise.all(tills.map((t) => t.pusher.drain()));
      expect(drained).toEqual([true, true, true]);
      for (const t of tills) {
        await expectSame(hq, t);
        expect(t.pusher.status()).toMatchObject({ state: 'synced' });
      }
      // a later refund of a synced receipt travels as a new snapshot and updates HQ
      const t0 = tills[0]!;
      const r = t0.db.prepare('SELECT id, total_fen FROM receipts WHERE refunded_fen = 0 LIMIT 1').get() as { id: string; total_fen: number };
      t0.db.transaction(() => {
        t0.db.prepare("INSERT INTO refunds(id, receipt_id, out_refund_no, amount_fen, reason, approver, state, created_at, updated_at) VALUES ('F-late', ?, 'RF-late', 100, 'x', 'M1', 'PENDING', 1, 1)").run(r.id);
      })();
      t0.db.transaction(() => {
        t0.db.prepare("UPDATE refunds SET state = 'SUCCESS', final_at = 2 WHERE id = 'F-late'").run();
        t0.db.prepare('UPDATE receipts SET refunded_fen = refunded_fen + 100 WHERE id = ?').run(r.id);
      })();
      expect(await t0.pusher.drain()).toBe(true);
      await expectSame(hq, t0);
      const hr = (await hq.pool.query("SELECT state FROM refunds WHERE id = 'F-late'")).rows[0];
      expect(hr.state).toBe('SUCCESS');
    } finally {
      for (const t of tills) await t.close();
      await hq.close();
    }
  });

  it('replayed, duplicated and out-of-order batches store every row once; the ack is the highest contiguous seq', async () => {
    const hq = await startHq(pgs!);
    const till = await enrolledTill(hq, 'counter-1');
    try {
      sell(till, 150);
      const all = nextBatch(till.db, 10_000);
      const a = all.slice(0, 100);
      const b = all.slice(100, 200);
      const c = all.slice(200);
      const post = async (evs: HqEvent[]): Promise<number> => {
        const r = await till.transport.post('/api/sync', { tillId: till.tillId, sentAt: Date.now(), events: evs }, till.token);
        expect(r.status).toBe(200);
        return (r.body as { ackedSeq: number }).ackedSeq;
      };
      expect(await post(b)).toBe(0); // stored, but seqs 1..100 are missing: nothing acked
      expect(await post(c)).toBe(0);
      expect(await post(a)).toBe(all[all.length - 1]!.seq);
      expect(await post(a)).toBe(all[all.length - 1]!.seq); // a replay
      expect(await post(b)).toBe(all[all.length - 1]!.seq); // a duplicate
      expect(await events(hq, till.tillId)).toBe(all.length);
      expect(await till.pusher.drain()).toBe(true); // the till learns the ack and sends nothing twice
      await expectSame(hq, till);
      expect(await events(hq, till.tillId)).toBe(all.length);
    } finally {
      await till.close();
      await hq.close();
    }
  });

  it('an answer lost after HQ committed: the till resends and HQ stores nothing twice', async () => {
    const hq = await startHq(pgs!);
    const till = await enrolledTill(hq, 'counter-1');
    try {
      sell(till, 100);
      const real = till.transport;
      let lose = 2;
      till.transport = { ...real, post: async (p, b, t) => { const r = await real.post(p, b, t); if (lose-- > 0) throw new Error('connection reset'); return r; } };
      expect(await till.pusher.drain()).toBe(false);
      expect(await till.pusher.drain()).toBe(false);
      expect(await till.pusher.drain()).toBe(true);
      await expectSame(hq, till);
    } finally {
      await till.close();
      await hq.close();
    }
  });

  it('HQ killed in the middle of batches, then PostgreSQL restarted in the middle of batches: nothing lost, nothing twice', async () => {
    const hq = await startHq(pgs!);
    const tills = await Promise.all(['counter-1', 'counter-2'].map((n) => enrolledTill(hq, n)));
    try {
      for (const t of tills) sell(t, 400);
      // HQ dies while both tills are pushing
      const pushing = tills.map((t) => t.pusher.drain());
      await new Promise((r) => setImmediate(r));
      await hq.kill();
      await Promise.all(pushing);
      await hq.restart();
      for (const t of tills) t.reconnect(hq.server.url);
      for (const t of tills) sell(t, 200);
      // PostgreSQL crashes (immediate stop) while both tills are pushing, and comes back
      const again = tills.map((t) => t.pusher.drain());
      await new Promise((r) => setTimeout(r, 20));
      pgs!.restart();
      await Promise.all(again);
      const final = await Promise.all(tills.map(async (t) => {
        for (let i = 0; i < 5; i++) if (await t.pusher.drain()) return true; // the pool reconnects on the next query
        return false;
      }));
      expect(final).toEqual([true, true]);
      for (const t of tills) await expectSame(hq, t);
    } finally {
      for (const t of tills) await t.close();
      await hq.close();
    }
  });

  it('a till whose clock is ten years off is stored as it is, and HQ notes the skew', async () => {
    const hq = await startHq(pgs!);
    const skew = 10 * 365 * 86_400_000;
    const clock = { now: () => Date.now() + skew, sleep: async () => undefined };
    const till = await enrolledTill(hq, 'counter-1', clock);
    try {
      sell(till, 50, Date.now() + skew);
      till.pusher = new OutboxPusher({ db: till.db, clock, transport: till.transport, token: () => till.token });
      expect(await till.pusher.drain()).toBe(true);
      await expectSame(hq, till);
      const t = (await hq.pool.query('SELECT clock_skew_ms FROM tills WHERE id = $1', [till.tillId])).rows[0];
      expect(Number(t.clock_skew_ms)).toBeGreaterThan(skew - 3_600_000);
    } finally {
      await till.close();
      await hq.close();
    }
  });

  describe('bad input is refused with a reason, logged at HQ, and nothing of it is stored', () => {
    it.each([
      ['a seq gap', 'SEQ_GAP', 422, (evs: HqEvent[]) => [evs[0]!, evs[2]!]],
      ['a receipt whose totals do not add up', 'BAD_TOTALS', 422, (evs: HqEvent[]) => evs.map((e) => (e.kind === 'receipt' && e.seq === evs.find((x) => x.kind === 'receipt')!.seq ? { ...e, payload: { ...e.payload, total_fen: (e.payload.total_fen as number) + 1 } } : e))],
      ['a receipt line whose amount is not quantity x unit', 'BAD_TOTALS', 422, (evs: HqEvent[]) => evs.map((e) => {
        if (e.kind !== 'receipt') return e;
        const sale = e.payload.sale as { lines: { line_fen: number }[] };
        return { ...e, payload: { ...e.payload, sale: { ...sale, lines: sale.lines.map((l, i) => (i === 0 ? { ...l, line_fen: l.line_fen + 1 } : l)) } } };
      })],
    ] as const)('%s', async (_name, code, status, mutate) => {
      const hq = await startHq(pgs!);
      const till = await enrolledTill(hq, 'counter-1');
      try {
        sell(till, 5);
        const evs = nextBatch(till.db, 100);
        const r = await till.transport.post('/api/sync', { tillId: till.tillId, sentAt: Date.now(), events: mutate(evs) }, till.token);
        expect(r.status).toBe(status);
        expect(r.body).toMatchObject({ code, message: expect.stringMatching(/\//) });
        expect(await events(hq, till.tillId)).toBe(0);
        expect((await hq.pool.query('SELECT count(*)::int AS n FROM receipts')).rows[0].n).toBe(0);
        const log = (await hq.pool.query('SELECT till_id, reason FROM ingest_refusals')).rows;
        expect(log).toEqual([{ till_id: till.tillId, reason: code }]);
      } finally {
        await till.close();
        await hq.close();
      }
    });

    it('a till id that does not match its credential, and a payload over the size limit', async () => {
      const hq = await startHq(pgs!);
      const [a, b] = await Promise.all([enrolledTill(hq, 'counter-1'), enrolledTill(hq, 'counter-2')]);
      try {
        sell(a, 5);
        const evs = nextBatch(a.db, 100);
        const wrong = await a.transport.post('/api/sync', { tillId: b.tillId, sentAt: Date.now(), events: evs }, a.token);
        expect(wrong.status).toBe(403);
        expect(wrong.body).toMatchObject({ code: 'TILL_MISMATCH' });
        const big = await a.transport.post('/api/sync', { tillId: a.tillId, sentAt: Date.now(), events: evs, pad: 'x'.repeat(HQ_MAX_BODY_BYTES) }, a.token);
        expect(big.status).toBe(413);
        expect(big.body).toMatchObject({ code: 'TOO_LARGE' });
        expect((await hq.pool.query('SELECT count(*)::int AS n FROM till_events')).rows[0].n).toBe(0);
        expect((await hq.pool.query('SELECT reason FROM ingest_refusals ORDER BY id')).rows.map((x) => x.reason)).toEqual(['TILL_MISMATCH', 'TOO_LARGE']);
        // the till itself still pushes fine afterwards
        expect(await a.pusher.drain()).toBe(true);
        await expectSame(hq, a);
      } finally {
        await a.close();
        await b.close();
        await hq.close();
      }
    });
  });
});
