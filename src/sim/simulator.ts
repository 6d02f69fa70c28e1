// The simulator without sockets: one object holding the books, the phone, the faults and the
// journal, with a request handler that the HTTP(S) listeners and in-process callers share.
import { realClock, type Clock } from '../common/clock';
import { BillTampers, type BillTamper } from './bill-tampers';
import { handleControl, type ControlTarget } from './control-api';
import { FaultTable, type SimFaults } from './faults';
import { Gateway } from './gateway';
import { IdMint } from './ids';
import { Journal } from './journal';
import { Ledger } from './ledger';
import { createPhone, type SimPhone } from './phone';
import { createPrng } from './prng';
import { routeOf } from './routes';
import { SANDBOX_MERCHANT, SECOND_MERCHANT } from './sandbox-merchant';
import { DEFAULT_CONFIG, RefundScript, type FinalRefundStatus, type SimConfig, type SimContext } from './sim-context';
import type { JournalEntry, SimMerchant, SimOptions, SimRequest, SimResult } from './sim-types';
import { orderView, refundView, type SimOrderView, type SimRefundView } from './views';

export interface SimulatorCore {
  readonly clock: Clock;
  readonly phone: SimPhone;
  readonly faults: SimFaults;
  /**
   * Serves one request exactly as the listeners do (WeChat paths, and /sim/* unless the peer is
   * TLS). For in-process use: peer defaults to { kind: 'plain' } (no mTLS check).
   */
  handle(req: SimRequest): Promise<SimResult>;
  orders(mchId?: string): SimOrderView[];
  order(mchId: string, outTradeNo: string): SimOrderView | null;
  refunds(mchId?: string): SimRefundView[];
  journal(limit?: number): JournalEntry[];
  merchants(): SimMerchant[];
  addMerchant(m: SimMerchant): void;
  /** The sandbox sign key getsignkey hands out for this merchant (null for an unknown mch_id). */
  sandboxKey(mchId: string): string | null;
  /** The next accepted refund (or the one with this out_refund_no) ends in this status. */
  scriptRefund(outcome: FinalRefundStatus, outRefundNo?: string): void;
  /** Plants a discrepancy in every later downloadbill answer (until reset or clearBillTampers). */
  tamperBill(t: BillTamper): void;
  clearBillTampers(): void;
  /** Forgets all orders, refunds, codes, faults, scripts and the journal (merchants stay). */
  reset(): void;
}

function resolveConfig(opts: SimOptions): SimConfig {
  const pick = (v: number | undefined, d: number): number => (v !== undefined && Number.isFinite(v) && v >= 0 ? v : d);
  return {
    refundDelayMs: pick(opts.refundDelayMs, DEFAULT_CONFIG.refundDelayMs),
    closeFloorMs: pick(opts.closeFloorMs, DEFAULT_CONFIG.closeFloorMs),
    closeEarly: opts.closeEarly ?? DEFAULT_CONFIG.closeEarly,
    refundSpacingMs: pick(opts.refundSpacingMs, DEFAULT_CONFIG.refundSpacingMs),
    codeUrlTtlMs: pick(opts.codeUrlTtlMs, DEFAULT_CONFIG.codeUrlTtlMs),
    micropayRevokeMs: pick(opts.micropayRevokeMs, DEFAULT_CONFIG.micropayRevokeMs),
    authCodeTtlMs: pick(opts.authCodeTtlMs, DEFAULT_CONFIG.authCodeTtlMs),
    reverseWhilePaying: opts.reverseWhilePaying ?? DEFAULT_CONFIG.reverseWhilePaying,
  };
}

export function createSimulator(opts: SimOptions = {}): SimulatorCore {
  const clock = opts.clock ?? realClock;
  const seed = opts.seed ?? 1;
  const cfg = resolveConfig(opts);
  const ids = new IdMint(createPrng(seed), opts.idCounterStart ?? 0);
  const faults = new FaultTable(createPrng(seed ^ 0x5eed));
  const journal = new Journal(opts.journalSize ?? 1000);
  const ledger = new Ledger(cfg);
  ledger.mintTransactionId = (at) => ids.transactionId(at);
  const refundScript = new RefundScript();
  const merchants = new Map<string, SimMerchant>();
  const sandboxKeys = new Map<string, string>();
  const addMerchant = (m: SimMerchant): void => {
    merchants.set(m.mchId, m);
    if (!sandboxKeys.has(m.mchId)) sandboxKeys.set(m.mchId, ids.hex32());
  };
  for (const m of opts.merchants ?? [SANDBOX_MERCHANT, SECOND_MERCHANT]) addMerchant(m);
  const phoneOpenid = ids.openid();
  const billTampers = new BillTampers();
  const ctx: SimContext = { cfg, ledger, ids, refundScript, phoneOpenid, billTampers };
  const gateway = new Gateway({
    ctx,
    now: () => clock.now(),
    merchant: (id) => merchants.get(id),
    sandboxKey: (id) => sandboxKeys.get(id) ?? '',
    faults,
    journal,
    mintNonce: () => ids.nonce(),
  });
  const phone = createPhone({ ledger, ids, clock, openid: phoneOpenid, codeUrlTtlMs: cfg.codeUrlTtlMs, merchant: (id) => merchants.get(id) });

  const core: SimulatorCore = {
    clock,
    phone,
    faults,
    async handle(req) {
      const q = req.path.indexOf('?');
      const path = q < 0 ? req.path : req.path.slice(0, q);
      if (path === '/sim' || path.startsWith('/sim/')) {
        if (req.peer?.kind === 'tls') return notFound();
        return handleControl(control, req.method, req.path, req.body);
      }
      const route = routeOf(path);
      if (!route) return notFound();
      return gateway.handle(route, req);
    },
    orders: (mchId) => ledger.allOrders(clock.now(), mchId).map(orderView),
    order(mchId, outTradeNo) {
      const o = ledger.order(mchId, outTradeNo, clock.now());
      return o ? orderView(o) : null;
    },
    refunds: (mchId) =>
      ledger
        .allOrders(clock.now(), mchId)
        .flatMap((o) => o.refunds.map(refundView))
        .sort((a, b) => a.createdAt - b.createdAt),
    journal: (limit) => journal.list(limit),
    merchants: () => [...merchants.values()],
    addMerchant,
    sandboxKey: (mchId) => (merchants.has(mchId) ? (sandboxKeys.get(mchId) ?? null) : null),
    scriptRefund: (outcome, outRefundNo) => refundScript.script(outcome, outRefundNo),
    tamperBill: (t) => billTampers.add(t),
    clearBillTampers: () => billTampers.clear(),
    reset() {
      billTampers.clear();
      ledger.clear();
      faults.clear();
      refundScript.clear();
      journal.clear();
    },
  };
  const control: ControlTarget = core;
  return core;
}

function notFound(): SimResult {
  return { kind: 'reply', status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from('404 Not Found\n'), delayMs: 0 };
}
