// The simulated gateway's books: orders and refunds per merchant, indexed by every id a caller may
// use. Timed transitions (scheduled payments, expiry, quick-pay auto-revoke, refund completion) are
// applied lazily by settle() against the injected clock, so a test can jump hours in one step.
import type { OrderRecord, RefundRecord } from './sim-types';

export interface LedgerTimes {
  readonly refundDelayMs: number;
  readonly micropayRevokeMs: number;
}

export interface AuthCodePlan {
  readonly then: 'pay' | 'auto' | 'password' | 'payerror' | 'notenough' | 'abandon';
  readonly afterMs: number;
  readonly mintedAt: number;
  readonly openid: string;
}

const key = (mchId: string, no: string): string => `${mchId}\n${no}`;

export class Ledger {
  private readonly orders = new Map<string, OrderRecord>();
  private readonly byTransaction = new Map<string, OrderRecord>();
  private readonly byCodeUrl = new Map<string, OrderRecord>();
  private readonly refunds = new Map<string, RefundRecord>();
  private readonly byRefundId = new Map<string, RefundRecord>();
  /** Codes the phone minted (with what the customer will do) and codes already presented. */
  readonly mintedCodes = new Map<string, AuthCodePlan>();
  readonly usedCodes = new Set<string>();

  constructor(private readonly times: LedgerTimes) {}

  order(mchId: string, outTradeNo: string, now: number): OrderRecord | undefined {
    const o = this.orders.get(key(mchId, outTradeNo));
    if (o) this.settle(o, now);
    return o;
  }

  orderByTransaction(mchId: string, transactionId: string, now: number): OrderRecord | undefined {
    const o = this.byTransaction.get(transactionId);
    if (!o || o.mchId !== mchId) return undefined;
    this.settle(o, now);
    return o;
  }

  orderByCodeUrl(url: string, now: number): OrderRecord | undefined {
    const o = this.byCodeUrl.get(url);
    if (o) this.settle(o, now);
    return o;
  }

  hasCodeUrl(url: string): boolean {
    return this.byCodeUrl.has(url);
  }

  addOrder(o: OrderRecord): void {
    this.orders.set(key(o.mchId, o.outTradeNo), o);
    if (o.transactionId) this.byTransaction.set(o.transactionId, o);
  }

  addCodeUrl(o: OrderRecord, url: string, issuedAt: number): void {
    o.codeUrls.push({ url, issuedAt });
    this.byCodeUrl.set(url, o);
  }

  refund(mchId: string, outRefundNo: string, now: number): RefundRecord | undefined {
    const r = this.refunds.get(key(mchId, outRefundNo));
    if (r) this.settleRefund(r, now);
    return r;
  }

  refundById(mchId: string, refundId: string, now: number): RefundRecord | undefined {
    const r = this.byRefundId.get(refundId);
    if (!r || r.mchId !== mchId) return undefined;
    this.settleRefund(r, now);
    return r;
  }

  addRefund(o: OrderRecord, r: RefundRecord): void {
    o.refunds.push(r);
    this.refunds.set(key(r.mchId, r.outRefundNo), r);
    this.byRefundId.set(r.refundId, r);
  }

  /** Every order (settled), optionally of one merchant, oldest first. */
  allOrders(now: number, mchId?: string): OrderRecord[] {
    const out: OrderRecord[] = [];
    for (const o of this.orders.values()) {
      if (mchId !== undefined && o.mchId !== mchId) continue;
      this.settle(o, now);
      out.push(o);
    }
    return out;
  }

  clear(): void {
    this.orders.clear();
    this.byTransaction.clear();
    this.byCodeUrl.clear();
    this.refunds.clear();
    this.byRefundId.clear();
    this.mintedCodes.clear();
    this.usedCodes.clear();
  }

  /** Marks an order paid at `at` (assigning its transaction_id). */
  markPaid(o: OrderRecord, at: number, openid: string, transactionId: string): void {
    o.state = 'SUCCESS';
    o.paidAt = at;
    o.openid = openid;
    o.pending = null;
    if (!o.transactionId) {
      o.transactionId = transactionId;
      this.byTransaction.set(transactionId, o);
    }
  }

  /** Transaction ids are minted by the caller (it owns the id source); settle asks through this hook. */
  mintTransactionId: (now: number) => string = () => {
    throw new Error('ledger: no transaction id source');
  };

  /** Applies every timed transition due at `now`, earliest first. */
  settle(o: OrderRecord, now: number): void {
    for (;;) {
      const due = this.nextTransition(o);
      if (!due || due.at > now) break;
      switch (due.what) {
        case 'expire':
          o.state = 'CLOSED';
          o.endedAt = due.at;
          o.pending = null;
          break;
        case 'revoke':
          o.state = 'REVOKED';
          o.endedAt = due.at;
          o.pending = null;
          break;
        case 'pending': {
          const p = o.pending;
          if (!p) break;
          if (p.to === 'SUCCESS') this.markPaid(o, p.at, p.openid, this.mintTransactionId(p.at));
          else {
            o.state = 'PAYERROR';
            o.failReason = p.reason ?? '支付失败';
            o.endedAt = p.at;
            o.pending = null;
          }
          break;
        }
        default: {
          const never: never = due.what;
          throw new Error(`unknown transition ${String(never)}`);
        }
      }
    }
    for (const r of o.refunds) this.settleRefund(r, now);
  }

  private nextTransition(o: OrderRecord): { at: number; what: 'expire' | 'revoke' | 'pending' } | null {
    if (o.state !== 'NOTPAY' && o.state !== 'USERPAYING') return null;
    // Ties: expiry/revoke win over a payment due at the same instant (the order is gone by then).
    let best: { at: number; what: 'expire' | 'revoke' | 'pending' } | null = null;
    if (o.timeExpire !== null) best = { at: o.timeExpire, what: 'expire' };
    if (o.tradeType === 'MICROPAY') {
      const at = o.createdAt + this.times.micropayRevokeMs;
      if (!best || at < best.at) best = { at, what: 'revoke' };
    }
    if (o.pending && (!best || o.pending.at < best.at)) best = { at: o.pending.at, what: 'pending' };
    return best;
  }

  private settleRefund(r: RefundRecord, now: number): void {
    if (r.status === 'PROCESSING' && now >= r.createdAt + this.times.refundDelayMs) {
      r.status = r.finalStatus;
      r.settledAt = r.createdAt + this.times.refundDelayMs;
    }
  }
}
