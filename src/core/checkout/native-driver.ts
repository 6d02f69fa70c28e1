// Drives one NATIVE attempt from CREATED to a final state: unifiedorder, orderquery polling, close
// on cancel/expiry, and the PAID transition that writes the receipt. One loop per attempt, so never
// more than one gateway call in flight for it. Every state change: commit, then emit.
import { parseBeijing } from '../../common/beijing-time';
import { fail, ok } from '../../common/result';
import { insertAlert } from '../store/repos/alert-repo';
import { type AttemptRow, getAttempt, moveAttempt, setCodeUrl, setLastReason } from '../store/repos/attempt-repo';
import { insertReceipt } from '../store/repos/receipt-repo';
import type { OrderQueryResult, UnifiedOrderRequest } from '../wxpay/types';
import { type AttemptState, assertNever, isFinalAttemptState } from './attempt-states';
import type { EngineContext } from './engine-context';
import { buildPaymentView } from './payment-view';
import { pollDelay } from './poll-policy';
import { type QueryAnswer, readQueryAnswer } from './query-answer';
import type { SendVerdict } from './send-first';
import { backoff, done, now, type Step, wait, WatchLoop } from './watch-loop';

const DEFAULT_NOTIFY_URL = 'https://pos.invalid/wxpay/notify';

/** The request is rebuilt from the persisted row alone, so every resend is byte-for-byte the same order. */
export function unifiedOrderRequest(ctx: EngineContext, row: AttemptRow): UnifiedOrderRequest {
  return {
    outTradeNo: row.outTradeNo,
    totalFee: row.totalFen,
    body: row.body,
    productId: row.saleId,
    spbillCreateIp: ctx.deps.spbillCreateIp ?? '127.0.0.1',
    notifyUrl: ctx.deps.notifyUrl ?? DEFAULT_NOTIFY_URL,
    timeStart: row.createdAt,
    ...(row.expiresAt !== null ? { timeExpire: row.expiresAt } : {}),
  };
}

export type UnifiedOrderRejectCode = 'GATEWAY_ERROR' | 'CONFIG_ERROR' | 'CERT_ERROR';
/** ok: the row, now NOTPAY with a code_url. */
export type UnifiedOrderVerdict = SendVerdict<AttemptRow, UnifiedOrderRejectCode>;

/** unifiedorder failures that mean an order with this number exists after all: query, never "failed". */
const ORDER_EXISTS_CODES = new Set(['ORDERPAID', 'ORDERCLOSED', 'OUT_TRADE_NO_USED', 'INVALID_REQUEST']);

export class AttemptDriver {
  /** The watcher of this attempt: start, nudge (cancel), done, firstResolved (recovery). */
  readonly loop: WatchLoop;
  private lastCloseSentAt: number | null = null;
  /**
   * When the last unifiedorder sent without proof that the order exists came back (this process
   * only). The gateway creates the order during one of those sends, so its 5-minute close floor
   * starts no later than this. Re-entry after a query found the order cannot create it: not counted.
   */
  private lastBlindSendAt: number | null = null;

  constructor(
    private readonly ctx: EngineContext,
    readonly attemptId: string,
  ) {
    this.loop = new WatchLoop(ctx, {
      name: 'attempt',
      step: () => this.step(),
      onBackoff: (reason) => setLastReasonSafe(ctx, attemptId, reason),
    });
  }

  private row(): AttemptRow | null {
    return getAttempt(this.ctx.db, this.attemptId);
  }

  emit(row: AttemptRow): void {
    this.ctx.emitPayment(buildPaymentView(this.ctx.db, row, this.ctx.clock.now(), this.ctx.deps.storeName()));
  }

  /** Commit a forward move, then emit it. */
  private move(row: AttemptRow, to: AttemptState, fields: Parameters<typeof moveAttempt>[4] = {}): boolean {
    const now = this.ctx.clock.now();
    const moved = this.ctx.db.transaction(() => {
      const won = moveAttempt(this.ctx.db, row, to, now, fields);
      if (won && (to === 'CLOSED' || to === 'FAILED' || to === 'CLOSING')) {
        const action = to === 'CLOSING' ? 'close.start' : to === 'CLOSED' ? 'close' : 'failed';
        this.ctx.audit('engine', action, row.outTradeNo, { attemptId: row.id, reason: fields.lastReason ?? null });
      }
      return won;
    })();
    const fresh = this.row();
    if (moved && fresh) this.emit(fresh);
    return moved;
  }

  /** Sends unifiedorder for the row and records what the answer proves. */
  async sendUnifiedOrder(row: AttemptRow, orderKnownToExist = false): Promise<UnifiedOrderVerdict> {
    try {
      return await this.sendUnifiedOrderOnce(row);
    } finally {
      if (!orderKnownToExist) this.lastBlindSendAt = this.ctx.clock.now();
    }
  }

  private async sendUnifiedOrderOnce(row: AttemptRow): Promise<UnifiedOrderVerdict> {
    const out = await this.ctx.gateway().unifiedOrder(unifiedOrderRequest(this.ctx, row));
    this.ctx.crash('unifiedorder.after-send');
    this.ctx.crash('unifiedorder.before-commit');
    switch (out.kind) {
      case 'ok': {
        const now = this.ctx.clock.now();
        if (row.state === 'NOTPAY') setCodeUrl(this.ctx.db, row.id, out.value.codeUrl, now);
        else this.move(row, 'NOTPAY', { codeUrl: out.value.codeUrl, lastReason: null });
        const fresh = this.row();
        return fresh && fresh.state === 'NOTPAY' ? ok(fresh) : fail({ kind: 'unknown' });
      }
      case 'unknown':
        if (row.state === 'CREATED') this.move(row, 'UNKNOWN', { lastReason: out.message });
        return fail({ kind: 'unknown' });
      case 'retry-same':
        return fail({ kind: 'retry' });
      case 'fail':
        if (ORDER_EXISTS_CODES.has(out.errCode)) return this.orderMayExist(row, `${out.errCode} ${out.errCodeDes}`);
        return fail({ kind: 'rejected', code: 'GATEWAY_ERROR', message: out.errCodeDes || out.errCode });
      case 'fix':
        // INVALID_REQUEST / OUT_TRADE_NO_USED are classified 'fix' but also say "this number is taken".
        if (ORDER_EXISTS_CODES.has(out.code)) return this.orderMayExist(row, `${out.code} ${out.message}`);
        return fail({ kind: 'rejected', code: /cert|tls|ssl/i.test(out.code) ? 'CERT_ERROR' : 'CONFIG_ERROR', message: out.message });
      default:
        return assertNever(out);
    }
  }

  /** An answer that says an order with this number may exist: never "failed"; the query decides. */
  private orderMayExist(row: AttemptRow, reason: string): UnifiedOrderVerdict {
    if (row.state === 'CREATED') this.move(row, 'UNKNOWN', { lastReason: reason.slice(0, 256) });
    return fail({ kind: 'unknown' });
  }

  /** The definite "no order was created" end of an attempt. */
  failUncreated(row: AttemptRow, reason: string): void {
    this.move(row, 'FAILED', { lastReason: reason });
  }

  private wantsClose(row: AttemptRow, now: number): boolean {
    return row.cancelRequestedAt !== null || (row.expiresAt !== null && now >= row.expiresAt);
  }

  /**
   * closeorder is refused until 5 minutes after the gateway created the order, which is no later than
   * the end of our last blind send. After a restart that time is gone (nothing new is stored), so
   * createdAt is used: a close that comes too early is refused and retried with backoff.
   */
  private floorPassed(row: AttemptRow, now: number): boolean {
    return now >= Math.max(row.createdAt, this.lastBlindSendAt ?? row.createdAt) + this.ctx.closeFloorMs;
  }

  private async query(row: AttemptRow): Promise<QueryAnswer<OrderQueryResult>> {
    const answer = readQueryAnswer(await this.ctx.gateway().orderQuery({ outTradeNo: row.outTradeNo }), 'ORDERNOTEXIST');
    if (answer.ok || answer.kind === 'notexist') this.loop.markResolved();
    return answer;
  }

  /** One decision for the attempt, read from its row. */
  private async step(): Promise<Step> {
    const row = this.row();
    if (!row || isFinalAttemptState(row.state)) return done;
    const at = this.ctx.clock.now();
    const poll = pollDelay(this.ctx.policy, row.createdAt, at);
    switch (row.state) {
      case 'CREATED':
      case 'UNKNOWN': {
        const q = await this.query(row);
        if (!q.ok && q.kind === 'trouble') return backoff(q.reason);
        if (!q.ok) {
          // The order was not created. Nobody can have seen a QR for it, so a cancelled or expired
          // attempt ends here; otherwise the same unifiedorder is sent again.
          if (this.wantsClose(row, this.ctx.clock.now())) {
            this.failUncreated(row, 'order not created');
            return now;
          }
          const v = await this.sendUnifiedOrder(row);
          if (v.ok) return now;
          switch (v.kind) {
            case 'rejected':
              this.failUncreated(row, v.message);
              return now;
            case 'held': // (unifiedorder never holds; kept open, as the name says)
              return backoff(`unifiedorder: ${v.message}`);
            // Back off (not go again at once): a failing gateway is not hammered.
            case 'retry':
              return backoff('unifiedorder: retry');
            case 'unknown':
              return backoff('unifiedorder: outcome unknown');
            default:
              return assertNever(v);
          }
        }
        if (this.settleFinal(row, q.value)) return now;
        // The order exists and is open.
        if (this.wantsClose(row, this.ctx.clock.now())) {
          if (this.floorPassed(row, this.ctx.clock.now())) {
            this.move(row, 'CLOSING');
            return now;
          }
          return wait(poll);
        }
        // Re-entry of the identical unifiedorder hands out the code_url we never received.
        const v = await this.sendUnifiedOrder(row, true);
        if (v.ok) return wait(poll);
        return backoff(`unifiedorder re-entry: ${v.kind === 'rejected' || v.kind === 'held' ? v.message : v.kind}`);
      }
      case 'NOTPAY': {
        if (this.wantsClose(row, at) && this.floorPassed(row, at)) {
          this.move(row, 'CLOSING');
          return now;
        }
        const q = await this.query(row);
        if (!q.ok) return backoff(q.kind === 'trouble' ? q.reason : 'ORDERNOTEXIST for an order that had a code_url');
        if (this.settleFinal(row, q.value)) return now;
        const fresh = this.row();
        if (fresh && this.wantsClose(fresh, this.ctx.clock.now()) && this.floorPassed(fresh, this.ctx.clock.now())) return now;
        return wait(poll);
      }
      case 'CLOSING': {
        // Query first: it confirms a close we sent (even before a crash) and catches a late payment.
        const q = await this.query(row);
        if (!q.ok) return backoff(q.kind === 'trouble' ? q.reason : 'ORDERNOTEXIST while closing');
        if (this.settleFinal(row, q.value)) return now;
        const t = this.ctx.clock.now();
        if (this.lastCloseSentAt !== null && t - this.lastCloseSentAt < poll) return wait(poll);
        this.ctx.crash('close.before-send');
        const c = await this.ctx.gateway().closeOrder({ outTradeNo: row.outTradeNo });
        this.lastCloseSentAt = this.ctx.clock.now();
        this.ctx.crash('close.after-send');
        switch (c.kind) {
          case 'ok':
            return now; // one more query confirms CLOSED
          case 'fail':
            // ORDERPAID: paid wins; ORDERCLOSED: already closed. Either way the next query tells.
            if (c.errCode === 'ORDERPAID' || c.errCode === 'ORDERCLOSED') return now;
            return backoff(`closeorder: ${c.errCode} ${c.errCodeDes}`);
          case 'unknown':
          case 'retry-same':
          case 'fix':
            return backoff(`closeorder: ${c.message}`);
          default:
            return assertNever(c);
        }
      }
      case 'USERPAYING':
      case 'REVERSING':
        throw new Error(`state ${row.state} belongs to quick pay, which NATIVE attempts never enter`);
      case 'PAID':
      case 'CLOSED':
      case 'REVOKED':
      case 'FAILED':
        return done;
      default:
        return assertNever(row.state);
    }
  }

  /** Applies a final trade_state; true when the attempt is now final. */
  private settleFinal(row: AttemptRow, q: OrderQueryResult): boolean {
    switch (q.tradeState) {
      case 'SUCCESS':
      case 'REFUND':
        this.settlePaid(row, q);
        return true;
      case 'CLOSED':
      case 'REVOKED':
      case 'PAYERROR':
        this.move(row, 'CLOSED', { lastReason: q.tradeStateDesc || q.tradeState });
        return true;
      case 'NOTPAY':
      case 'USERPAYING':
      case 'ACCEPT':
        return false;
      default:
        return assertNever(q.tradeState);
    }
  }

  /** SUCCESS: check it is our order and our amount, then PAID + receipt in one transaction. */
  private settlePaid(row: AttemptRow, q: OrderQueryResult): void {
    const ctx = this.ctx;
    const matches = q.outTradeNo === row.outTradeNo && q.totalFee === row.totalFen && !!q.transactionId;
    ctx.crash('paid.before-commit');
    const now = ctx.clock.now();
    const alertId = ctx.deps.ids.id('alert');
    const receiptId = ctx.deps.ids.id('rcpt');
    const result = ctx.db.transaction(() => {
      const fresh = getAttempt(ctx.db, row.id);
      if (!fresh || isFinalAttemptState(fresh.state)) return null;
      if (!matches) {
        const reason = `gateway SUCCESS does not match: out_trade_no ${q.outTradeNo}, total_fee ${String(q.totalFee)}`;
        if (!moveAttempt(ctx.db, fresh, 'FAILED', now, { lastReason: reason })) return null;
        ctx.audit('engine', 'paid.mismatch', row.outTradeNo, { attemptId: row.id, totalFen: row.totalFen, reported: q.totalFee });
        const alert = insertAlert(ctx.db, {
          id: alertId,
          kind: 'AMOUNT_MISMATCH',
          saleId: row.saleId,
          amountFen: row.totalFen,
          message: `Payment ${row.outTradeNo}: the gateway's answer did not match the sale; no receipt was written. Check the merchant platform.`,
          createdAt: now,
        });
        return { alert };
      }
      const paidAt = parseBeijing(q.timeEnd) ?? now;
      // Late = the till never showed this payment as paid: it had already been cancelled (by the
      // cashier, or by a restart) or had expired on the till's own clock when the till learnt of it.
      // WeChat's time_end is not compared: it has whole seconds, may be skewed against our clock, and
      // a customer who paid moments before the cancel still looked unpaid to a cashier who then took
      // cash. A needless alert is dismissed in a moment; a missed one costs the customer.
      const late = fresh.cancelRequestedAt !== null || (fresh.expiresAt !== null && now >= fresh.expiresAt);
      if (!moveAttempt(ctx.db, fresh, 'PAID', now, { transactionId: q.transactionId, lastReason: null })) return null;
      insertReceipt(ctx.db, {
        id: receiptId,
        saleId: row.saleId,
        attemptId: row.id,
        outTradeNo: row.outTradeNo,
        transactionId: q.transactionId ?? '',
        totalFen: row.totalFen,
        paidAt,
        paidAfterCancel: late,
      });
      ctx.audit('engine', 'paid', row.outTradeNo, {
        attemptId: row.id,
        saleId: row.saleId,
        totalFen: row.totalFen,
        transactionId: q.transactionId,
        paidAfterCancel: late,
      });
      if (!late) return { alert: null };
      const alert = insertAlert(ctx.db, {
        id: alertId,
        kind: 'PAID_AFTER_CANCEL',
        saleId: row.saleId,
        amountFen: row.totalFen,
        message: `Payment ${row.outTradeNo} arrived after the sale was cancelled or expired. Refund the customer or keep the sale.`,
        createdAt: now,
      });
      return { alert };
    })();
    if (result === null) return;
    ctx.crash('paid.after-commit');
    const fresh = this.row();
    if (fresh) this.emit(fresh);
    if (result.alert) ctx.emitAlert(result.alert);
  }
}


function setLastReasonSafe(ctx: EngineContext, id: string, reason: string): void {
  try {
    setLastReason(ctx.db, id, reason.slice(0, 256), ctx.clock.now());
  } catch (e) {
    ctx.log('could not record last_reason', e);
  }
}
