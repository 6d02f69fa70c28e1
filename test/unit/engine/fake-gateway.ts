// An in-memory WeChat Pay V2 gateway for engine tests: the order and refund rules the engine relies
// on (re-entry with identical parameters, 5-minute close floor, ORDERPAID on close, refund
// idempotency by out_refund_no, 50 refunds, 1-minute spacing, PROCESSING then SUCCESS) plus seeded
// fault injection. It answers as a WxPayClient (the interface the real client implements).
import type { Clock } from '../../../src/common/clock';
import type {
  CloseOrderResult,
  OrderQueryResult,
  OrderRef,
  Outcome,
  RefundQueryRequest,
  RefundQueryResult,
  RefundRequest,
  RefundResult,
  RefundState,
  TradeState,
  UnifiedOrderRequest,
  UnifiedOrderResult,
  WxPayClient,
} from '../../../src/core/wxpay/types';

/** What can go wrong on one call. "lost-response": processed, answer lost; the others: not processed. */
export const FAULT_KINDS = ['refused', 'lost-request', 'lost-response', 'systemerror', 'slow'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface GwOrder {
  readonly req: UnifiedOrderRequest;
  state: TradeState;
  readonly createdAt: number;
  transactionId: string | null;
  paidAt: number | null;
  codeUrls: string[];
  refunds: GwRefund[];
}
export interface GwRefund {
  readonly outRefundNo: string;
  readonly amount: number;
  readonly createdAt: number;
  readonly refundId: string;
  readonly outcome: RefundState; // what PROCESSING turns into
}

const same = (a: UnifiedOrderRequest, b: UnifiedOrderRequest): boolean =>
  a.outTradeNo === b.outTradeNo &&
  a.totalFee === b.totalFee &&
  a.body === b.body &&
  a.productId === b.productId &&
  a.timeStart === b.timeStart &&
  a.timeExpire === b.timeExpire &&
  a.notifyUrl === b.notifyUrl &&
  a.spbillCreateIp === b.spbillCreateIp;

export interface FakeGatewayOptions {
  closeFloorMs?: number;
  refundDelayMs?: number;
  refundSpacingMs?: number;
  random?: () => number;
  /** Probability that a call meets a fault, and which kinds. */
  faultRate?: number;
  faultKinds?: readonly FaultKind[];
  slowMs?: number;
}

export class FakeGateway {
  readonly orders = new Map<string, GwOrder>();
  private readonly byCode = new Map<string, string>();
  private n = 0;
  private scripted: FaultKind[] = [];
  faultRate: number;
  faultKinds: readonly FaultKind[];
  calls = { unifiedOrder: 0, orderQuery: 0, closeOrder: 0, refund: 0, refundQuery: 0 };
  refundOutcome: () => RefundState = () => 'SUCCESS';

  constructor(
    private readonly clock: Clock,
    private readonly opts: FakeGatewayOptions = {},
  ) {
    this.faultRate = opts.faultRate ?? 0;
    this.faultKinds = opts.faultKinds ?? FAULT_KINDS;
  }

  private get random(): () => number {
    return this.opts.random ?? Math.random;
  }

  /** The next calls meet these faults, in order (before any random ones). */
  script(...faults: FaultKind[]): void {
    this.scripted.push(...faults);
  }

  private nextFault(): FaultKind | null {
    const s = this.scripted.shift();
    if (s) return s;
    if (this.faultRate > 0 && this.random() < this.faultRate) {
      return this.faultKinds[Math.floor(this.random() * this.faultKinds.length)] ?? null;
    }
    return null;
  }

  /** Runs op under a possible fault. */
  private async call<T>(op: () => Outcome<T>): Promise<Outcome<T>> {
    const f = this.nextFault();
    switch (f) {
      case null:
        return op();
      case 'refused':
        return { kind: 'retry-same', code: 'ECONNREFUSED', message: 'connection refused' };
      case 'lost-request':
        return { kind: 'unknown', code: 'ETIMEDOUT', message: 'read timeout' };
      case 'lost-response':
        op();
        return { kind: 'unknown', code: 'ECONNRESET', message: 'socket reset after send' };
      case 'systemerror':
        return { kind: 'retry-same', code: 'SYSTEMERROR', message: '系统超时' };
      case 'slow': {
        await this.clock.sleep(this.opts.slowMs ?? 3000);
        return op();
      }
    }
  }

  private refundOf(o: GwOrder, r: GwRefund): RefundState {
    if (this.clock.now() < r.createdAt + (this.opts.refundDelayMs ?? 5000)) return 'PROCESSING';
    return r.outcome;
  }

  // ---- the phone ----
  /** Pays now; false when the code cannot be paid (unknown, closed, paid, expired). */
  pay(codeUrl: string): boolean {
    const no = this.byCode.get(codeUrl);
    const o = no ? this.orders.get(no) : undefined;
    if (!o || o.state !== 'NOTPAY') return false;
    if (o.req.timeExpire !== undefined && this.clock.now() >= o.req.timeExpire) return false;
    this.markPaid(o);
    return true;
  }

  /** Scans now, confirms the payment ms later (a payment begun before expiry may end after it). */
  payAfter(codeUrl: string, ms: number): boolean {
    const no = this.byCode.get(codeUrl);
    const o = no ? this.orders.get(no) : undefined;
    if (!o || o.state !== 'NOTPAY') return false;
    if (o.req.timeExpire !== undefined && this.clock.now() >= o.req.timeExpire) return false;
    void this.clock.sleep(ms).then(() => {
      if (o.state === 'NOTPAY') this.markPaid(o);
    });
    return true;
  }

  private markPaid(o: GwOrder): void {
    o.state = 'SUCCESS';
    o.paidAt = this.clock.now();
    o.transactionId = `42000${String(++this.n).padStart(23, '0')}`;
  }

  paidOrders(): GwOrder[] {
    return [...this.orders.values()].filter((o) => o.state === 'SUCCESS' || o.state === 'REFUND');
  }

  // ---- the API ----
  readonly client: WxPayClient = {
    unifiedOrder: (req) => {
      this.calls.unifiedOrder++;
      return this.call<UnifiedOrderResult>(() => {
        const o = this.orders.get(req.outTradeNo);
        if (o) {
          if (!same(o.req, req)) return { kind: 'fail', errCode: 'INVALID_REQUEST', errCodeDes: '201 商户订单号重复' };
          if (o.state === 'SUCCESS' || o.state === 'REFUND') return { kind: 'fail', errCode: 'ORDERPAID', errCodeDes: '该订单已支付' };
          if (o.state === 'CLOSED') return { kind: 'fail', errCode: 'ORDERCLOSED', errCodeDes: '该订单已关闭' };
          return { kind: 'ok', value: { prepayId: `wx${req.outTradeNo}`, codeUrl: this.newCode(o) } };
        }
        const created: GwOrder = {
          req,
          state: 'NOTPAY',
          createdAt: this.clock.now(),
          transactionId: null,
          paidAt: null,
          codeUrls: [],
          refunds: [],
        };
        this.orders.set(req.outTradeNo, created);
        return { kind: 'ok', value: { prepayId: `wx${req.outTradeNo}`, codeUrl: this.newCode(created) } };
      });
    },
    orderQuery: (ref: OrderRef) => {
      this.calls.orderQuery++;
      return this.call<OrderQueryResult>(() => {
        const o = 'outTradeNo' in ref ? this.orders.get(ref.outTradeNo) : undefined;
        if (!o) return { kind: 'fail', errCode: 'ORDERNOTEXIST', errCodeDes: '此交易订单号不存在' };
        return {
          kind: 'ok',
          value: {
            tradeState: o.state,
            tradeStateDesc: o.state,
            outTradeNo: o.req.outTradeNo,
            transactionId: o.transactionId,
            totalFee: o.req.totalFee,
            timeEnd: o.paidAt === null ? null : beijing(o.paidAt),
            raw: {},
          },
        };
      });
    },
    closeOrder: (req) => {
      this.calls.closeOrder++;
      return this.call<CloseOrderResult>(() => {
        const o = this.orders.get(req.outTradeNo);
        if (!o) return { kind: 'fail', errCode: 'ORDERNOTEXIST', errCodeDes: '订单不存在' };
        if (o.state === 'SUCCESS' || o.state === 'REFUND') return { kind: 'fail', errCode: 'ORDERPAID', errCodeDes: '订单已支付' };
        if (o.state === 'CLOSED') return { kind: 'fail', errCode: 'ORDERCLOSED', errCodeDes: '订单已关闭' };
        if (this.clock.now() < o.createdAt + (this.opts.closeFloorMs ?? 300_000))
          return { kind: 'fail', errCode: 'TRADE_STATE_ERROR', errCodeDes: '订单创建5分钟内不能关单' };
        o.state = 'CLOSED';
        return { kind: 'ok', value: { closed: true } };
      });
    },
    refund: (req: RefundRequest) => {
      this.calls.refund++;
      return this.call<RefundResult>(() => {
        const o = this.orders.get(req.outTradeNo);
        if (!o || (o.state !== 'SUCCESS' && o.state !== 'REFUND'))
          return { kind: 'fail', errCode: 'ORDERNOTEXIST', errCodeDes: '订单不存在' };
        const existing = o.refunds.find((r) => r.outRefundNo === req.outRefundNo);
        if (existing) {
          if (existing.amount !== req.refundFee) return { kind: 'fail', errCode: 'PARAM_ERROR', errCodeDes: '退款金额与原请求不一致' };
          return { kind: 'ok', value: { refundId: existing.refundId, outRefundNo: req.outRefundNo, refundFee: req.refundFee } };
        }
        if (req.totalFee !== o.req.totalFee) return { kind: 'fail', errCode: 'PARAM_ERROR', errCodeDes: '订单金额不符' };
        if (o.refunds.length >= 50) return { kind: 'fail', errCode: 'ERROR', errCodeDes: '退款次数超过限制' };
        const refunded = o.refunds.filter((r) => r.outcome !== 'REFUNDCLOSE').reduce((s, r) => s + r.amount, 0);
        if (refunded + req.refundFee > o.req.totalFee)
          return { kind: 'fail', errCode: 'REFUND_FEE_INVALID', errCodeDes: '累计退款金额大于支付金额' };
        const last = o.refunds.at(-1);
        if (last && this.clock.now() - last.createdAt < (this.opts.refundSpacingMs ?? 60_000))
          return { kind: 'fail', errCode: 'FREQUENCY_LIMITED', errCodeDes: '同一笔订单1分钟内只能申请一次退款' };
        const r: GwRefund = {
          outRefundNo: req.outRefundNo,
          amount: req.refundFee,
          createdAt: this.clock.now(),
          refundId: `50${String(++this.n).padStart(26, '0')}`,
          outcome: this.refundOutcome(),
        };
        o.refunds.push(r);
        o.state = 'REFUND';
        return { kind: 'ok', value: { refundId: r.refundId, outRefundNo: r.outRefundNo, refundFee: r.amount } };
      });
    },
    refundQuery: (req: RefundQueryRequest) => {
      this.calls.refundQuery++;
      return this.call<RefundQueryResult>(() => {
        if ('outTradeNo' in req) {
          // By out_trade_no: every refund of the order, 10 to a page from offset (as WeChat pages them).
          const o = this.orders.get(req.outTradeNo);
          if (!o || o.refunds.length === 0) return { kind: 'fail', errCode: 'REFUNDNOTEXIST', errCodeDes: '退款订单查询失败' };
          const page = o.refunds.slice(req.offset ?? 0, (req.offset ?? 0) + 10);
          return {
            kind: 'ok',
            value: {
              outTradeNo: o.req.outTradeNo,
              transactionId: o.transactionId ?? '',
              totalFee: o.req.totalFee,
              totalRefundCount: o.refunds.length,
              refunds: page.map((r) => ({ outRefundNo: r.outRefundNo, refundId: r.refundId, refundFee: r.amount, status: this.refundOf(o, r), successTime: null })),
            },
          };
        }
        for (const o of this.orders.values()) {
          const r = 'outRefundNo' in req ? o.refunds.find((x) => x.outRefundNo === req.outRefundNo) : undefined;
          if (!r) continue;
          return {
            kind: 'ok',
            value: {
              outTradeNo: o.req.outTradeNo,
              transactionId: o.transactionId ?? '',
              totalFee: o.req.totalFee,
              totalRefundCount: o.refunds.length,
              refunds: [{ outRefundNo: r.outRefundNo, refundId: r.refundId, refundFee: r.amount, status: this.refundOf(o, r), successTime: null }],
            },
          };
        }
        return { kind: 'fail', errCode: 'REFUNDNOTEXIST', errCodeDes: '退款订单查询失败' };
      });
    },
    microPay: async () => ({ kind: 'fix', code: 'UNSUPPORTED', message: 'not in this fake' }),
    reverse: async () => ({ kind: 'fix', code: 'UNSUPPORTED', message: 'not in this fake' }),
    downloadBill: async () => ({ kind: 'fix', code: 'UNSUPPORTED', message: 'not in this fake' }),
    getSignKey: async () => ({ kind: 'fix', code: 'UNSUPPORTED', message: 'not in this fake' }),
    close: async () => undefined,
  };

  private newCode(o: GwOrder): string {
    const code = `weixin://wxpay/bizpayurl?pr=${o.req.outTradeNo}x${++this.n}`;
    o.codeUrls.push(code);
    this.byCode.set(code, o.req.outTradeNo);
    return code;
  }
}

function beijing(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}
