// Issue 16 point 4 (i16-xrefund), on a real PostgreSQL: a sale made at counter 1 (and existing only in
// counter 1's SQLite file) is refunded at counter 2 through the normal refund path: HQ finds the payment,
// counter 2 mirrors it, HQ reserves, the (shared merchant's) gateway refunds, the final state reaches HQ by
// the outbox. The mirror never counts as counter 2's sale; the refund does. Counter 2 offline: the foreign
// refund is refused in plain words, its own refund still works. Two tills racing on one foreign payment
// never exceed what was paid. A reservation abandoned by its till expires; its late SUCCESS still counts.
import { afterAll, describe, expect, it } from 'vitest';
import { beijingDayStart, DAY_MS } from '../../../src/common/beijing-time';
import { realClock } from '../../../src/common/clock';
import type { HqPayment } from '../../../src/common/hq-sync';
import { buildDayReport } from '../../../src/core/day/day-report';
import { loadLocalDay } from '../../../src/core/day/local-day';
import { createSequentialIdSource } from '../../../src/core/ids';
import { dayTotals } from '../../../src/core/store/history';
import { enrolAtHq } from '../../../src/core/sync/enrol';
import { createForeignPayments, type ForeignPayments } from '../../../src/core/sync/foreign-payments';
import { createHqTransport, type HqTransport } from '../../../src/core/sync/hq-transport';
import { OutboxPusher } from '../../../src/core/sync/pusher';
import { hqRefundAuthority } from '../../../src/core/sync/refund-authority';
import { createEnrolCode, ensureOwnerKey } from '../../../src/hq/tills';
import { dayTotals as hqDayTotals, history as hqHistory } from '../../../src/hq/reports';
import { settleRefund } from '../../../src/hq/refund-authority';
import { type Harness, MANAGER, makeHarness } from '../engine/harness';
import { startHq, removeTempDirs, type Hq } from '../../support/hq-fixture';
import { pgOrSkip } from '../../support/pg-server';

const pgs = await pgOrSkip();

interface Counter {
  name: string;
  h: Harness;
  tillId: string;
  transport: HqTransport | null;
  token: string | null;
  pusher: OutboxPusher;
  payments: ForeignPayments;
  close(): Promise<void>;
}

/** A till with the real engine, enrolled at HQ; `shared` is the till whose gateway (same merchant) it uses. */
async function counter(hq: Hq, name: string, shared?: Counter): Promise<Counter> {
  const ids = createSequentialIdSource(name);
  const c = { name, transport: null, token: null } as unknown as Counter;
  const auth = hqRefundAuthority(() => c.transport, () => c.token);
  c.h = await makeHarness({
    client: shared ? () => shared.h.gw.client : undefined,
    engine: { ids, refundAuthority: auth, tillId: () => name },
  });
  const code = await createEnrolCode(hq.pool, name);
  const r = await enrolAtHq(c.h.store.db, realClock, hq.server.url, hq.cert.fingerprint, code);
  if (!r.ok) throw new Error(r.message);
  c.tillId = r.value.tillId;
  c.token = r.value.token;
  c.transport = createHqTransport(hq.server.url, r.value.certPem);
  c.pusher = new OutboxPusher({ db: c.h.store.db, clock: realClock, transport: { post: (p, b, t) => c.transport!.post(p, b, t), get: (p, t) => c.transport!.get(p, t), close: async () => undefined }, token: () => c.token });
  c.payments = createForeignPayments({ db: c.h.store.db, clock: c.h.clock, transport: () => c.transport, token: () => c.token, newId: (p) => ids.id(p) });
  c.close = async () => {
    await c.pusher.stop();
    await c.transport?.close();
    await c.h.dispose();
  };
  return c;
}

/** Virtual time passes on every till (and the shared gateway, which runs on the first till's clock). */
async function advance(tills: readonly Counter[], ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 1000) for (const c of tills) await c.h.clock.advance(Math.min(1000, ms - t));
}

async function paidSale(c: Counter, gwOwner: Counter, totalFen: number): Promise<{ saleId: string; outTradeNo: string }> {
  const r = await c.h.engine.charge({ lines: [{ name: 'Shoes', quantity: 2, unitFen: totalFen / 2 }], cashier: 'amy' });
  if (!r.ok) throw new Error(r.message);
  gwOwner.h.gw.pay(r.value.codeUrl!);
  await advance([c], 2000);
  const v = c.h.events.payments.filter((p) => p.attemptId === r.value.attemptId).at(-1)!;
  expect(v.status).toBe('paid');
  return { saleId: v.saleId, outTradeNo: v.outTradeNo };
}

const refund = (c: Counter, saleId: string, amountFen: number) =>
  c.h.engine.requestRefund({ saleId, amountFen, reason: 'returned', approver: MANAGER.approver, managerPin: MANAGER.pin });

async function balance(hq: Hq, outTradeNo: string): Promise<{ total: number; refunded: number; reserved: number; local: number }> {
  const r = (await hq.pool.query('SELECT total_fen, refunded_fen, reserved_fen, local_refunded_fen FROM payment_balances WHERE out_trade_no = $1', [outTradeNo])).rows[0];
  return { total: Number(r.total_fen), refunded: Number(r.refunded_fen), reserved: Number(r.reserved_fen), local: Number(r.local_refunded_fen) };
}

const refundStates = (c: Counter): { state: string; amount_fen: number }[] =>
  c.h.store.db.prepare('SELECT state, amount_fen FROM refunds ORDER BY created_at, id').all() as { state: string; amount_fen: number }[];

describe.skipIf(!pgs)('cross-till refunds: a sale of counter 1 refunded at counter 2 (real PostgreSQL)', () => {
  afterAll(() => {
    pgs?.close();
    removeTempDirs();
  });

  it('HQ finds the payment by out_trade_no, transaction_id and tail; counter 2 refunds part, then the rest; HQ\'s balance and the day reports agree', async () => {
    const hq = await startHq(pgs!);
    const one = await counter(hq, 'counter1');
    const two = await counter(hq, 'counter2', one);
    const all = [one, two];
    try {
      const sale = await paidSale(one, one, 10_000);
      expect(await one.pusher.drain()).toBe(true);
      const txn = (one.h.store.db.prepare('SELECT transaction_id FROM receipts WHERE out_trade_no = ?').get(sale.outTradeNo) as { transaction_id: string }).transaction_id;

      // counter 2 has no such receipt; HQ answers by exact number, transaction id, and tail (any case)
      expect(two.h.store.db.prepare('SELECT count(*) AS n FROM receipts').get()).toEqual({ n: 0 });
      for (const text of [sale.outTradeNo, txn, sale.outTradeNo.slice(-6).toLowerCase(), txn.slice(-8)]) {
        const found = await two.payments.search(text);
        expect(found.ok && found.value.map((p: HqPayment) => [p.outTradeNo, p.tillName, p.totalFen, p.refundableFen, p.mode])).toEqual([[sale.outTradeNo, 'counter1', 10_000, 10_000, 'LIVE']]);
      }
      expect(await two.payments.search('zzzzzzzz')).toMatchObject({ ok: true, value: [] });
      expect(await two.payments.search('12345')).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' }); // under 6 characters: HQ says why

      const opened = await two.payments.open(sale.outTradeNo);
      expect(opened).toMatchObject({ ok: true, value: { foreign: true } });
      const mirrorSale = opened.ok ? opened.value.saleId : '';
      expect(await two.payments.open(sale.outTradeNo)).toEqual(opened); // once only

      // partial refund at counter 2: reserved at HQ, refunded by the gateway, final state settles at HQ
      const first = await refund(two, mirrorSale, 3_000);
      expect(first.ok).toBe(true);
      expect(await balance(hq, sale.outTradeNo)).toEqual({ total: 10_000, refunded: 0, reserved: 3_000, local: 0 });
      await advance(all, 8_000);
      expect(refundStates(two)).toEqual([{ state: 'SUCCESS', amount_fen: 3_000 }]);
      expect(await two.pusher.drain()).toBe(true);
      expect(await balance(hq, sale.outTradeNo)).toEqual({ total: 10_000, refunded: 3_000, reserved: 0, local: 0 });

      // the rest, a minute later (WeChat's spacing per order); more than what is left is refused by HQ
      await advance(all, 61_000);
      const tooMuch = await refund(two, mirrorSale, 7_001);
      expect(!tooMuch.ok && tooMuch.code).toBe('REFUND_EXCEEDS_REFUNDABLE');
      const rest = await refund(two, mirrorSale, 7_000);
      expect(rest.ok).toBe(true);
      await advance(all, 8_000);
      expect(await two.pusher.drain()).toBe(true);
      expect(await balance(hq, sale.outTradeNo)).toEqual({ total: 10_000, refunded: 10_000, reserved: 0, local: 0 });
      const gw = one.h.gw.orders.get(sale.outTradeNo)!;
      expect(gw.refunds.map((r) => r.amount)).toEqual([3_000, 7_000]); // the one merchant's books

      // counter 2's day: the refunds are its own; the sale is not (day totals, X/Z, reconciliation's "here")
      const start = beijingDayStart(two.h.clock.now());
      expect(dayTotals(two.h.store.db, start, start + DAY_MS)).toMatchObject({ count: 0, paidFen: 0, refundedFen: 10_000 });
      const x = buildDayReport(two.h.store.db, { mode: 'LIVE', start, end: start + DAY_MS, now: two.h.clock.now() });
      expect(x.wechat).toMatchObject({ count: 0, grossFen: 0, refundsFen: 10_000 });
      expect(x.hours.reduce((s, hr) => s + hr.count, 0)).toBe(0);
      const here = loadLocalDay(two.h.store.db, 'LIVE', start, start + DAY_MS);
      expect(here.receipts).toEqual([]);
      expect(here.refunds.map((r) => r.amountFen)).toEqual([3_000, 7_000]);
      // counter 1's day still has its sale; HQ got no receipt from counter 2 (the mirror never left it)
      expect(dayTotals(one.h.store.db, start, start + DAY_MS)).toMatchObject({ count: 1, paidFen: 10_000 });
      const hqReceipts = (await hq.pool.query('SELECT till_id FROM receipts WHERE out_trade_no = $1', [sale.outTradeNo])).rows;
      expect(hqReceipts).toEqual([{ till_id: one.tillId }]);
      expect((await hq.pool.query('SELECT count(*)::int AS n FROM refunds WHERE till_id = $1', [two.tillId])).rows[0].n).toBe(2);
    } finally {
      for (const c of all) await c.close();
      await hq.close();
    }
  });

  it('counter 2 offline: the foreign refund is refused in plain words (nothing written, WeChat not called); its own sale is refunded on its own limits', async () => {
    const hq = await startHq(pgs!);
    const one = await counter(hq, 'counter1');
    const two = await counter(hq, 'counter2', one);
    try {
      const foreign = await paidSale(one, one, 4_000);
      const own = await paidSale(two, one, 2_000);
      expect(await one.pusher.drain()).toBe(true);
      const opened = await two.payments.open(foreign.outTradeNo);
      if (!opened.ok) throw new Error(opened.message);
      await hq.kill();
      const callsBefore = one.h.gw.calls.refund;
      const refused = await refund(two, opened.value.saleId, 1_000);
      expect(refused).toMatchObject({ ok: false, code: 'FOREIGN_REFUND_NEEDS_HQ' });
      expect(!refused.ok && refused.message).toMatch(/只能退本机的销售/);
      expect(!refused.ok && refused.message).toMatch(/only this till's own sales can be refunded/);
      expect(refundStates(two)).toEqual([]);
      expect(one.h.gw.calls.refund).toBe(callsBefore);
      expect(await two.payments.search(foreign.outTradeNo)).toMatchObject({ ok: false, code: 'HQ_UNREACHABLE' });
      const mine = await refund(two, own.saleId, 500);
      expect(mine.ok).toBe(true);
      expect(one.h.gw.calls.refund).toBe(callsBefore + 1);
    } finally {
      await one.close();
      await two.close();
      await hq.close();
    }
  });

  it('two tills racing to refund the whole of one foreign payment: one refund goes through, the other is refused; HQ never exceeds paid', async () => {
    const hq = await startHq(pgs!);
    const one = await counter(hq, 'counter1');
    const two = await counter(hq, 'counter2', one);
    const three = await counter(hq, 'counter3', one);
    try {
      const sale = await paidSale(one, one, 6_000);
      expect(await one.pusher.drain()).toBe(true);
      const [o2, o3] = await Promise.all([two.payments.open(sale.outTradeNo), three.payments.open(sale.outTradeNo)]);
      if (!o2.ok || !o3.ok) throw new Error('not opened');
      const [r2, r3] = await Promise.all([refund(two, o2.value.saleId, 6_000), refund(three, o3.value.saleId, 6_000)]);
      expect([r2.ok, r3.ok].filter(Boolean)).toHaveLength(1);
      const loser = r2.ok ? r3 : r2;
      expect(!loser.ok && loser.code).toBe('REFUND_EXCEEDS_REFUNDABLE');
      const b = await balance(hq, sale.outTradeNo);
      expect(b.refunded + b.reserved + b.local).toBe(6_000);
      expect(one.h.gw.calls.refund).toBe(1);
      expect(refundStates(two).length + refundStates(three).length).toBe(1);
    } finally {
      for (const c of [one, two, three]) await c.close();
      await hq.close();
    }
  });

  it('an abandoned reservation expires and frees the balance; the late SUCCESS of its refund is still counted and flagged; WeChat refuses the refund that would exceed what was paid', async () => {
    const hq = await startHq(pgs!);
    const one = await counter(hq, 'counter1');
    const two = await counter(hq, 'counter2', one);
    const three = await counter(hq, 'counter3', one);
    const all = [one, two, three];
    try {
      const sale = await paidSale(one, one, 5_000);
      expect(await one.pusher.drain()).toBe(true);
      const o2 = await two.payments.open(sale.outTradeNo);
      const o3 = await three.payments.open(sale.outTradeNo);
      if (!o2.ok || !o3.ok) throw new Error('not opened');

      // counter 2 refunds all of it, then (as if it crashed) never reports; its reservation's time runs out
      expect((await refund(two, o2.value.saleId, 5_000)).ok).toBe(true);
      expect(await balance(hq, sale.outTradeNo)).toMatchObject({ reserved: 5_000, refunded: 0 });
      const abandoned = (await hq.pool.query("SELECT out_refund_no, expires_at > now() + interval '6 days' AS long FROM refund_reservations WHERE out_trade_no = $1", [sale.outTradeNo])).rows[0];
      expect(abandoned.long).toBe(true); // default TTL: 7 days
      await hq.pool.query("UPDATE refund_reservations SET expires_at = now() - interval '1 second' WHERE out_refund_no = $1", [abandoned.out_refund_no]);
      const seen = await three.payments.search(sale.outTradeNo); // HQ's answer already counts it as free
      expect(seen.ok && [seen.value[0]!.reservedFen, seen.value[0]!.refundableFen]).toEqual([0, 5_000]);

      // the next reservation releases it lazily, under the payment's row lock: counter 3 may reserve again
      await advance(all, 61_000);
      const again = await refund(three, o3.value.saleId, 5_000);
      const st = (await hq.pool.query('SELECT state, expired_at IS NOT NULL AS expired FROM refund_reservations WHERE out_refund_no = $1', [abandoned.out_refund_no])).rows[0];
      expect(st).toEqual({ state: 'EXPIRED', expired: true });
      // ... but WeChat itself refuses a refund above what was paid (counter 2's refund is there): counter 3's fails
      expect(again).toMatchObject({ ok: false, code: 'GATEWAY_ERROR' });
      expect(one.h.gw.orders.get(sale.outTradeNo)!.refunds.map((r) => r.amount)).toEqual([5_000]);

      // counter 2 comes back: its refund succeeded; the late SUCCESS reaches HQ by the outbox and is counted
      await advance(all, 8_000);
      expect(refundStates(two)).toEqual([{ state: 'SUCCESS', amount_fen: 5_000 }]);
      expect(await two.pusher.drain()).toBe(true);
      expect(await three.pusher.drain()).toBe(true);
      expect(await balance(hq, sale.outTradeNo)).toEqual({ total: 5_000, refunded: 5_000, reserved: 0, local: 0 });
      const late = (await hq.pool.query('SELECT state, expired_at IS NOT NULL AS flagged FROM refund_reservations WHERE out_refund_no = $1', [abandoned.out_refund_no])).rows[0];
      expect(late).toEqual({ state: 'REFUNDED', flagged: true });
      // the owner sees it among the refunds settled after their reservation expired
      const ownerKey = 'owner-key-for-this-test';
      await ensureOwnerKey(hq.pool, ownerKey);
      const page = await one.transport!.get('/api/owner/late-refunds', ownerKey);
      expect(page.body).toEqual([expect.objectContaining({ outRefundNo: abandoned.out_refund_no, tillId: two.tillId, amountFen: 5_000, state: 'REFUNDED' })]);
      // and nothing is refundable any more
      const found = await three.payments.search(sale.outTradeNo);
      expect(found.ok && found.value[0]!.refundableFen).toBe(0);
    } finally {
      for (const c of all) await c.close();
      await hq.close();
    }
  });
  // --- cross-till refunds counted at HQ (i16-hqrefunds): HQ schema 5
  it('HQ counts counter 2\'s refund of counter 1\'s sale once, on counter 1\'s receipt: day totals, history and payment view, also after replays', async () => {
    const hq = await startHq(pgs!);
    const one = await counter(hq, 'counter1');
    const two = await counter(hq, 'counter2', one);
    const all = [one, two];
    /** What HQ shows for the payment: its day-totals row (counter 1's, the sale's day), history and payment search. */
    const shown = async (outTradeNo: string): Promise<{ totals: { till: string; n: number; paid: number; refunded: number }[]; history: number[]; search: number[] }> => {
      const day = (await hq.pool.query('SELECT beijing_day::text AS d FROM receipts WHERE out_trade_no = $1', [outTradeNo])).rows[0].d as string;
      const totals = (await hqDayTotals(hq.pool, day)).map((t) => ({ till: t.tillName, n: t.count, paid: t.paidFen, refunded: t.refundedFen }));
      const history = (await hqHistory(hq.pool, outTradeNo)).map((h) => h.refundedFen);
      const found = await two.payments.search(outTradeNo);
      return { totals, history, search: found.ok ? found.value.map((p) => p.refundedFen) : [] };
    };
    /** Every event HQ stored of a till, posted again as the till would (same seqs, same payloads). */
    const replay = async (c: Counter): Promise<void> => {
      const evs = (await hq.pool.query('SELECT seq::int, kind, ref, payload, created_at::bigint FROM till_events WHERE till_id = $1 ORDER BY seq', [c.tillId])).rows
        .map((e) => ({ seq: e.seq, kind: e.kind, ref: e.ref, payload: e.payload, createdAt: Number(e.created_at) }));
      const r = await c.transport!.post('/api/sync', { tillId: c.tillId, sentAt: Date.now(), events: evs }, c.token!);
      expect(r.status).toBe(200);
    };
    try {
      const sale = await paidSale(one, one, 10_000);
      expect(await one.pusher.drain()).toBe(true);
      expect(await shown(sale.outTradeNo)).toEqual({ totals: [{ till: 'counter1', n: 1, paid: 10_000, refunded: 0 }], history: [0], search: [0] });

      // counter 2 refunds part of it: HQ shows it on counter 1's receipt and day row, counter 2 has no HQ sale row
      const opened = await two.payments.open(sale.outTradeNo);
      if (!opened.ok) throw new Error(opened.message);
      expect((await refund(two, opened.value.saleId, 3_000)).ok).toBe(true);
      await advance(all, 8_000);
      expect(refundStates(two)).toEqual([{ state: 'SUCCESS', amount_fen: 3_000 }]);
      expect(await two.pusher.drain()).toBe(true);
      const afterTwo = { totals: [{ till: 'counter1', n: 1, paid: 10_000, refunded: 3_000 }], history: [3_000], search: [3_000] };
      expect(await shown(sale.outTradeNo)).toEqual(afterTwo);

      // replays: counter 2's outbox again (plain, and as if HQ had lost its ack), and its settle reported again
      await replay(two);
      await hq.pool.query('UPDATE tills SET acked_seq = 0 WHERE id = $1', [two.tillId]);
      await replay(two);
      const rn = (await hq.pool.query('SELECT out_refund_no FROM refund_reservations WHERE till_id = $1', [two.tillId])).rows[0].out_refund_no as string;
      expect(await settleRefund(hq.pool, two.tillId, { outRefundNo: rn, refunded: true })).toMatchObject({ ok: true, value: { state: 'REFUNDED' } });
      expect(await shown(sale.outTradeNo)).toEqual(afterTwo);

      // counter 1 then refunds 1,000 of its own sale: its newer receipt snapshot keeps counter 2's part
      await advance(all, 61_000);
      expect((await refund(one, sale.saleId, 1_000)).ok).toBe(true);
      await advance(all, 8_000);
      expect(await one.pusher.drain()).toBe(true);
      const both = { totals: [{ till: 'counter1', n: 1, paid: 10_000, refunded: 4_000 }], history: [4_000], search: [4_000] };
      expect(await shown(sale.outTradeNo)).toEqual(both);
      await replay(one);
      await replay(two);
      expect(await shown(sale.outTradeNo)).toEqual(both);
      expect(await balance(hq, sale.outTradeNo)).toEqual({ total: 10_000, refunded: 4_000, reserved: 0, local: 0 });
      expect(one.h.gw.orders.get(sale.outTradeNo)!.refunds.map((r) => r.amount)).toEqual([3_000, 1_000]);
    } finally {
      for (const c of all) await c.close();
      await hq.close();
    }
  });
});
