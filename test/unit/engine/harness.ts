// Shared set-up for engine tests: a real store file (tmpfs when available), the fake gateway, a fast
// virtual clock, the engine with recorded events, and the invariant checks of reliability.md §6.
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alert, PaymentView, RecoveryProgress, RefundView } from '../../../src/common/api';
import { ok, err } from '../../../src/common/result';
import { createEngine } from '../../../src/core/checkout/engine';
import type { Engine, EngineDeps } from '../../../src/core/checkout/engine-types';
import { createSequentialIdSource } from '../../../src/core/ids';
import { openStore, type Store } from '../../../src/core/store';
import type { WxPayClient } from '../../../src/core/wxpay/types';
import { createSimulator, FAULT_KINDS as SIM_FAULT_KINDS, type FaultKind as SimFaultKind, type SimulatorCore } from '../../../src/sim';
import { FakeGateway, type FakeGatewayOptions, FAULT_KINDS as FAULT_KINDS_FAKE } from './fake-gateway';
import { FastClock } from './fast-clock';
import { simClient, simFacts } from './sim-bridge';

/** What a test needs of a gateway: the client, the customer's phone, faults and the books. */
export interface TestGateway {
  readonly client: WxPayClient;
  pay(codeUrl: string): void;
  payAfter(codeUrl: string, ms: number): void;
  fail(codeUrl: string): void;
  scan(codeUrl: string): void;
  setFaultRate(rate: number): void;
  /** The next requests meet these faults, one each (kinds from the backend's own list). */
  script(picks: readonly number[]): void;
  facts(): GatewayOrderFacts[];
  /** issue 12: the simulator behind the sim backend (its phone mints payment codes); absent for the fake. */
  readonly sim?: SimulatorCore;
}

export const SIM_MODEL_FAULTS: readonly SimFaultKind[] = SIM_FAULT_KINDS.filter((k) => k !== 'USERPAYING');

function simGateway(clock: FastClock, seed: number): TestGateway {
  const sim = createSimulator({ clock, seed, refundDelayMs: 5000, delayClock: clock });
  const client = simClient(sim, clock);
  const spec = (kind: SimFaultKind) => (kind === 'delay' ? { delayMs: 10_000 } : {});
  return {
    client,
    pay: (c) => void sim.phone.scanAndPay(c),
    payAfter: (c, ms) => void sim.phone.scanAndPayAfter(c, ms),
    fail: (c) => void sim.phone.scanAndFail(c, 'NOTENOUGH'),
    scan: (c) => void sim.phone.scan(c),
    setFaultRate(rate) {
      for (const r of sim.faults.list()) if (r.probability !== undefined) sim.faults.remove(r.id);
      if (rate > 0)
        for (const kind of SIM_MODEL_FAULTS)
          sim.faults.add({ endpoint: '*', kind, probability: rate / SIM_MODEL_FAULTS.length, ...spec(kind) });
    },
    script(picks) {
      for (const p of picks) {
        const kind = SIM_MODEL_FAULTS[p % SIM_MODEL_FAULTS.length]!;
        sim.faults.add({ endpoint: '*', kind, count: 1, ...spec(kind) });
      }
    },
    facts: () => simFacts(sim),
    sim,
  };
}

function fakeGateway(gw: FakeGateway): TestGateway {
  return {
    client: gw.client,
    pay: (c) => void gw.pay(c),
    payAfter: (c, ms) => void gw.payAfter(c, ms),
    fail: () => undefined, // a failed payment leaves a Native order NOTPAY
    scan: () => undefined,
    setFaultRate: (rate) => void (gw.faultRate = rate),
    script: (picks) => gw.script(...picks.map((p) => FAULT_KINDS_FAKE[p % FAULT_KINDS_FAKE.length]!)),
    facts: () => gatewayFacts(gw),
  };
}

export function tempDir(prefix: string): string {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  return mkdtempSync(join(base, `${prefix}-`));
}

export interface Recorded {
  payments: PaymentView[];
  refunds: RefundView[];
  alerts: Alert[];
  recovery: RecoveryProgress[];
}

export const MANAGER = { approver: 'mgr', pin: '2468' };

export interface Harness {
  dir: string;
  store: Store;
  clock: FastClock;
  gw: FakeGateway;
  /** The gateway the engine talks to: the fake (default) or the simulator with the real client. */
  tg: TestGateway;
  engine: Engine;
  events: Recorded;
  deps: EngineDeps;
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

export async function makeHarness(
  opts: {
    seed?: number;
    gateway?: FakeGatewayOptions;
    engine?: Partial<EngineDeps>;
    client?: (gw: FakeGateway) => WxPayClient;
    random?: () => number;
    dir?: string;
    backend?: 'fake' | 'sim';
  } = {},
): Promise<Harness> {
  const dir = opts.dir ?? tempDir('engine');
  const clock = new FastClock();
  const random = opts.random ?? Math.random;
  const gw = new FakeGateway(clock, { random, ...opts.gateway });
  const tg = opts.backend === 'sim' ? simGateway(clock, opts.seed ?? 1) : fakeGateway(gw);
  const events: Recorded = { payments: [], refunds: [], alerts: [], recovery: [] };
  let generation = 0;
  const build = (store: Store): { engine: Engine; deps: EngineDeps } => {
    generation++;
    const deps: EngineDeps = {
      store,
      gateway: () => (opts.client ? opts.client(gw) : tg.client),
      clock,
      ids: createSequentialIdSource(`g${generation}`),
      events: (name, payload) => {
        if (name === 'payment') events.payments.push(payload as PaymentView);
        else if (name === 'refund') events.refunds.push(payload as RefundView);
        else if (name === 'alert') events.alerts.push(payload as Alert);
        else events.recovery.push(payload as RecoveryProgress);
      },
      tillId: () => 'till-1',
      storeName: () => 'Test Shop',
      mode: () => 'LIVE',
      verifyManagerPin: (approver, pin) =>
        approver === MANAGER.approver && pin === MANAGER.pin ? ok(null) : err('PIN_WRONG', 'wrong PIN'),
      limits: () => ({ refundCapFen: 1_000_000, dailyRefundCapFen: 5_000_000 }),
      random,
      ...opts.engine,
    };
    return { engine: createEngine(deps), deps };
  };
  const store = openStore(join(dir, 'pos.db'), { clock });
  // stop() waits for calls in flight; a slow gateway answer needs (virtual) time to pass meanwhile.
  const stopEngine = async (): Promise<void> => {
    let done = false;
    const p = h.engine.stop().finally(() => (done = true));
    await clock.advance(0);
    while (!done) await clock.advance(500);
    await p;
  };
  const h: Harness = {
    dir,
    store,
    clock,
    gw,
    tg,
    events,
    ...build(store),
    async restart() {
      await stopEngine();
      h.store.close();
      h.store = openStore(join(dir, 'pos.db'), { clock });
      const b = build(h.store);
      h.engine = b.engine;
      h.deps = b.deps;
      const started = h.engine.start();
      while (!h.engine.ready()) await clock.advance(1000);
      await started;
    },
    async dispose() {
      await stopEngine();
      h.store.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  const started = h.engine.start();
  await clock.advance(0);
  await started;
  return h;
}

export interface GatewayOrderFacts {
  readonly outTradeNo: string;
  readonly paid: boolean;
  readonly transactionId: string | null;
  readonly totalFee: number;
  /** Sum of refunds the gateway has accepted and not closed. */
  readonly refundedFen: number;
  readonly refundCount: number;
  /** The order can no longer be paid (CLOSED / REVOKED / PAYERROR); undefined: the gateway does not say. */
  readonly closed?: boolean;
  /** out_refund_no of every refund the gateway accepted and did not close; undefined: not known. */
  readonly liveRefundNos?: readonly string[];
}

export function gatewayFacts(gw: FakeGateway): GatewayOrderFacts[] {
  return [...gw.orders.values()].map((o) => ({
    outTradeNo: o.req.outTradeNo,
    paid: o.state === 'SUCCESS' || o.state === 'REFUND',
    transactionId: o.transactionId,
    totalFee: o.req.totalFee,
    refundedFen: o.refunds.filter((r) => r.outcome !== 'REFUNDCLOSE').reduce((s, r) => s + r.amount, 0),
    refundCount: o.refunds.length,
  }));
}

/**
 * The invariants (reliability.md §6 I1-I7). settled = the engine has had time to see everything
 * (then every gateway-paid order must have its receipt and every attempt past its bound be final).
 */
export function checkInvariants(
  store: Store,
  facts: readonly GatewayOrderFacts[],
  o: { settled: boolean; now: number; boundMs: number },
): string[] {
  const db = store.db;
  const problems: string[] = [];
  const receipts = db
    .prepare('SELECT r.*, a.state AS astate FROM receipts r JOIN payment_attempts a ON a.id = r.attempt_id')
    .all() as {
    id: string;
    sale_id: string;
    out_trade_no: string;
    transaction_id: string;
    total_fen: number;
    refunded_fen: number;
    paid_after_cancel: number;
    astate: string;
  }[];
  const byNo = new Map(facts.map((f) => [f.outTradeNo, f]));
  const receiptsByNo = new Map<string, number>();
  for (const r of receipts) receiptsByNo.set(r.out_trade_no, (receiptsByNo.get(r.out_trade_no) ?? 0) + 1);
  // I3: no receipt without a gateway-paid order (matching transaction and amount)
  for (const r of receipts) {
    const f = byNo.get(r.out_trade_no);
    if (!f || !f.paid) problems.push(`phantom receipt ${r.out_trade_no}`);
    else if (f.transactionId !== r.transaction_id || f.totalFee !== r.total_fen) problems.push(`receipt ${r.out_trade_no} differs from gateway`);
    if (r.astate !== 'PAID') problems.push(`receipt ${r.out_trade_no} on attempt in state ${r.astate}`);
  }
  // I1: every gateway-paid order has exactly one receipt (once settled); never two
  for (const f of facts) {
    const n = receiptsByNo.get(f.outTradeNo) ?? 0;
    if (n > 1) problems.push(`duplicate receipts for ${f.outTradeNo}`);
    if (o.settled && f.paid && n !== 1) problems.push(`lost receipt for ${f.outTradeNo}`);
  }
  // I2: at most one unflagged paid attempt per sale
  const perSale = db
    .prepare('SELECT sale_id, count(*) AS n FROM receipts WHERE paid_after_cancel = 0 GROUP BY sale_id HAVING n > 1')
    .all() as { sale_id: string }[];
  for (const s of perSale) problems.push(`sale ${s.sale_id} paid twice without a flag`);
  // I4: refunds <= paid and <= 50, locally and at the gateway; refunded_fen = sum of SUCCESS refunds
  const refundRows = db
    .prepare(
      `SELECT r.id, r.total_fen, r.refunded_fen, r.out_trade_no,
         coalesce((SELECT sum(amount_fen) FROM refunds f WHERE f.receipt_id = r.id AND f.state = 'SUCCESS'), 0) AS ok_sum,
         coalesce((SELECT sum(amount_fen) FROM refunds f WHERE f.receipt_id = r.id AND f.state IN ('PENDING','SENT','PROCESSING','SUCCESS','CHANGE')), 0) AS reserved,
         (SELECT count(*) FROM refunds f WHERE f.receipt_id = r.id AND f.state <> 'FAILED') AS n
       FROM receipts r`,
    )
    .all() as { total_fen: number; refunded_fen: number; out_trade_no: string; ok_sum: number; reserved: number; n: number }[];
  for (const r of refundRows) {
    if (r.refunded_fen !== r.ok_sum) problems.push(`${r.out_trade_no}: refunded_fen ${r.refunded_fen} != successful refunds ${r.ok_sum}`);
    if (r.reserved > r.total_fen) problems.push(`${r.out_trade_no}: refunds ${r.reserved} exceed paid ${r.total_fen}`);
    if (r.n > 50) problems.push(`${r.out_trade_no}: ${r.n} refunds`);
  }
  for (const f of facts) {
    if (f.refundedFen > f.totalFee) problems.push(`gateway refunded more than paid for ${f.outTradeNo}`);
    if (f.refundCount > 50) problems.push(`gateway has ${f.refundCount} refunds for ${f.outTradeNo}`);
  }
  // I8 (issue 10): a refund the till ended FAILED or NOT_ACCEPTED (its amount released) is one the
  // gateway does not hold; once settled, every refund the gateway holds for a receipt is a till row
  // (refunds made on the merchant platform included), so refundable amounts follow the gateway.
  const tillRefunds = db
    .prepare('SELECT f.out_refund_no, f.state, r.out_trade_no FROM refunds f JOIN receipts r ON r.id = f.receipt_id')
    .all() as { out_refund_no: string; state: string; out_trade_no: string }[];
  const tillRefundNos = new Set(tillRefunds.map((f) => f.out_refund_no));
  for (const f of tillRefunds) {
    const live = byNo.get(f.out_trade_no)?.liveRefundNos;
    if ((f.state === 'FAILED' || f.state === 'NOT_ACCEPTED') && live?.includes(f.out_refund_no))
      problems.push(`refund ${f.out_refund_no} ended ${f.state} (amount released) but the gateway holds it`);
  }
  if (o.settled)
    for (const r of receipts)
      for (const no of byNo.get(r.out_trade_no)?.liveRefundNos ?? [])
        if (!tillRefundNos.has(no)) problems.push(`gateway refund ${no} of ${r.out_trade_no} is not recorded by the till`);
  // I9 (issue 10): an attempt is CLOSED only once the gateway's order can no longer be paid (a CLOSED
  // answer is confirmed by closeorder + query first), so a late payment is never lost.
  const closedAttempts = db.prepare(`SELECT out_trade_no FROM payment_attempts WHERE state = 'CLOSED'`).all() as { out_trade_no: string }[];
  for (const a of closedAttempts) {
    const f = byNo.get(a.out_trade_no);
    if (f && f.closed === false && !f.paid) problems.push(`attempt ${a.out_trade_no} CLOSED while the gateway's order can still be paid`);
  }
  // I5: every attempt final within its bound
  if (o.settled) {
    const late = db
      .prepare(
        `SELECT out_trade_no, state, expires_at, final_at FROM payment_attempts
          WHERE expires_at + ? <= ? AND (final_at IS NULL OR final_at > expires_at + ?)`,
      )
      .all(o.boundMs, o.now, o.boundMs) as { out_trade_no: string; state: string }[];
    for (const a of late) problems.push(`attempt ${a.out_trade_no} not final in time (state ${a.state})`);
    const openRefunds = db.prepare(`SELECT out_refund_no, state FROM refunds WHERE final_at IS NULL AND created_at + ? <= ?`).all(o.boundMs, o.now) as {
      out_refund_no: string;
      state: string;
    }[];
    for (const r of openRefunds) problems.push(`refund ${r.out_refund_no} still ${r.state}`);
  }
  // I6, I7
  const ic = db.pragma('integrity_check', { simple: true });
  if (ic !== 'ok') problems.push(`integrity_check: ${String(ic)}`);
  const audit = store.audit.verify({ full: true });
  if (!audit.ok) problems.push(`audit chain broken at ${audit.brokenAt}`);
  return problems;
}

export { seededRandom } from '../../../src/common/random';
