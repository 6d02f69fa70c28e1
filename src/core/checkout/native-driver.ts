// Drives one NATIVE attempt from CREATED to a final state: unifiedorder, orderquery polling, close
// on cancel/expiry, and the PAID transition that writes the receipt. One loop per attempt, so never
// more than one gateway call in flight for it. Every state change: commit, then emit.
import type { PaymentConnection, PaymentTrouble } from '../../common/api';
import { parseBeijing } from '../../common/beijing-time';
import { fail, ok } from '../../common/result';
import { type AlertKind, hasAlert, insertAlert } from '../store/repos/alert-repo';
import { type AttemptRow, getAttempt, moveAttempt, setCodeUrl, setLastReason } from '../store/repos/attempt-repo';
import { insertOutsideRefund, OUTSIDE_REFUND_REASON } from '../store/repos/outside-refund-repo';
import { addRefunded, insertReceipt } from '../store/repos/receipt-repo';
import { payCashPart } from '../store/repos/split-tender-repo'; // issue 13.1 split tender
import type { OrderQueryResult, RefundItem, UnifiedOrderRequest } from '../wxpay/types';
import { type AttemptState, assertNever, isFinalAttemptState } from './attempt-states';
import type { EngineContext } from './engine-context';
import { MicropayFlow } from './micropay-flow';
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

/** What a settle of a query answer did: final, still open, moved to (or stays in) CLOSING to confirm, or trouble. */
export type Settled = 'final' | 'open' | 'confirm-close' | { readonly trouble: string };

/** Refunds by out_trade_no come 10 to a page; an order has at most 50. */
const MAX_REFUND_PAGES = 5;

export class AttemptDriver {
  /** The watcher of this attempt: start, nudge (cancel), done, firstResolved (recovery). */
  readonly loop: WatchLoop;
  /** A MICROPAY attempt's steps (issue 12); NATIVE attempts never use it. */
  readonly micropay: MicropayFlow;
  private lastCloseSentAt: number | null = null;
  /**
   * When the last unifiedorder sent without proof that the order exists came back (this process
   * only). The gateway creates the order during one of those sends, so its 5-minute close floor
   * starts no later than this. Re-entry after a query found the order cannot create it: not counted.
   */
  private lastBlindSendAt: number | null = null;
  /** closeorder answered ok / ORDERCLOSED in this process: a CLOSED seen by a later query is confirmed. */
  private closeAcked = false;
  /** The last query's trouble (in memory: a restart starts counting again), shown on the payment screen. */
  private trouble: { kind: PaymentTrouble; failures: number; since: number } | null = null;

  constructor(
    private readonly ctx: EngineContext,
    readonly attemptId: string,
  ) {
    this.loop = new WatchLoop(ctx, {
      name: 'attempt',
      step: () => this.step(),
      onBackoff: (reason) => setLastReasonSafe(ctx, attemptId, reason),
    });
    this.micropay = new MicropayFlow(ctx, this);
  }

  /** (Also used by the quick-pay flow, micropay-flow.ts.) */
  row(): AttemptRow | null {
    return getAttempt(this.ctx.db, this.attemptId);
  }

  emit(row: AttemptRow): void {
    this.ctx.emitPayment(buildPaymentView(this.ctx.db, row, this.ctx.clock.now(), this.ctx.deps.storeName(), this.connection()));
  }

  /** What the screen is told about reaching WeChat Pay for this attempt. */
  connection(): PaymentConnection {
    return this.trouble ? { ok: false, trouble: this.trouble.kind, failures: this.trouble.failures, since: this.trouble.since } : { ok: true };
  }

  /** One more failed query (or unwritable answer): counted, shown at once. */
  private noteTrouble(kind: PaymentTrouble): void {
    const t = this.trouble;
    this.trouble = t && t.kind === kind ? { ...t, failures: t.failures + 1 } : { kind, failures: 1, since: this.ctx.clock.now() };
    const row = this.row();
    if (row) this.emit(row);
  }

  /** A usable answer that fits the order ends query trouble (an unwritten payment stays until written). */
  private clearTrouble(): void {
    if (!this.trouble || this.trouble.kind === 'NOT_RECORDED') return;
    this.trouble = null;
    const row = this.row();
    if (row) this.emit(row);
  }

  /** An alert raised once per sale and kind, outside any money transaction; never throws. */
  private alertOnce(row: AttemptRow, kind: AlertKind, amountFen: number, message: string): void {
    const ctx = this.ctx;
    try {
      const alert = ctx.db.transaction(() =>
        hasAlert(ctx.db, row.saleId, kind)
          ? null
          : insertAlert(ctx.db, { id: ctx.deps.ids.id('alert'), kind, saleId: row.saleId, amountFen, message, createdAt: ctx.clock.now() }),
      )();
      if (alert) ctx.emitAlert(alert);
    } catch (e) {
      ctx.log(`could not write the ${kind} alert`, e);
    }
  }

  /** Commit a forward move, then emit it. */
  move(row: AttemptRow, to: AttemptState, fields: Parameters<typeof moveAttempt>[4] = {}): boolean {
    const now = this.ctx.clock.now();
    const moved = this.ctx.db.transaction(() => {
      const won = moveAttempt(this.ctx.db, row, to, now, fields);
      if (won && (to === 'CLOSED' || to === 'FAILED' || to === 'CLOSING' || to === 'REVERSING' || to === 'REVOKED')) {
        const action =
          to === 'CLOSING' ? 'close.start' : to === 'CLOSED' ? 'close' : to === 'REVERSING' ? 'reverse.start' : to === 'REVOKED' ? 'revoked' : 'failed';
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

  /**
   * orderquery, read as a value. An answer that contradicts the order (another out_trade_no or
   * total_fee, a payment without transaction_id; appid / mch_id are checked by the client) is never
   * acted on: it is trouble (re-asked with backoff), alerted once, and shown on screen.
   */
  async query(row: AttemptRow): Promise<QueryAnswer<OrderQueryResult>> {
    const answer = readQueryAnswer(await this.ctx.gateway().orderQuery({ outTradeNo: row.outTradeNo }), 'ORDERNOTEXIST');
    if (!answer.ok) {
      if (answer.kind === 'notexist') {
        this.loop.markResolved();
        this.clearTrouble();
      } else this.noteTrouble('UNREACHABLE');
      return answer;
    }
    const q = answer.value;
    const paid = q.tradeState === 'SUCCESS' || q.tradeState === 'REFUND';
    const contradiction =
      q.outTradeNo !== row.outTradeNo
        ? `out_trade_no ${q.outTradeNo}`
        : q.totalFee !== null && q.totalFee !== row.totalFen
          ? `total_fee ${String(q.totalFee)}`
          : paid && (!q.transactionId || q.totalFee === null)
            ? 'a payment without transaction_id or total_fee'
            : null;
    // A contradiction is still a definite answer for recovery: the attempt is shown and alerted, not hidden.
    this.loop.markResolved();
    if (contradiction === null) {
      this.clearTrouble();
      return answer;
    }
    this.ctx.audit('engine', 'query.contradicts', row.outTradeNo, { attemptId: row.id, totalFen: row.totalFen, reported: contradiction });
    this.alertOnce(
      row,
      'AMOUNT_MISMATCH',
      row.totalFen,
      `Payment ${row.outTradeNo}: WeChat Pay's answer does not match the sale (${contradiction}); no receipt was written and the till keeps asking. Check the merchant platform; do not charge again.`,
    );
    this.noteTrouble('CONTRADICTS');
    return fail({ kind: 'trouble', reason: `answer contradicts the order: ${contradiction}` });
  }

  /** One decision for the attempt, read from its row. */
  private async step(): Promise<Step> {
    const row = this.row();
    if (!row || isFinalAttemptState(row.state)) return done;
    if (row.kind === 'MICROPAY') return this.micropay.step(row); // issue 12
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
        const settled = await this.settleFinal(row, q.value);
        if (settled !== 'open') return typeof settled === 'object' ? backoff(settled.trouble) : now;
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
        const settled = await this.settleFinal(row, q.value);
        if (settled !== 'open') return typeof settled === 'object' ? backoff(settled.trouble) : now;
        const fresh = this.row();
        if (fresh && this.wantsClose(fresh, this.ctx.clock.now()) && this.floorPassed(fresh, this.ctx.clock.now())) return now;
        return wait(poll);
      }
      case 'CLOSING': {
        // Query first: it confirms a close we sent (even before a crash) and catches a late payment.
        const q = await this.query(row);
        if (!q.ok) return backoff(q.kind === 'trouble' ? q.reason : 'ORDERNOTEXIST while closing');
        const settled = await this.settleFinal(row, q.value);
        if (settled === 'final') return now;
        if (typeof settled === 'object') return backoff(settled.trouble);
        // Still NOTPAY, or CLOSED not yet confirmed by our own closeorder: (re)send it.
        const t = this.ctx.clock.now();
        if (this.lastCloseSentAt !== null && t - this.lastCloseSentAt < poll) return wait(poll);
        this.ctx.crash('close.before-send');
        const c = await this.ctx.gateway().closeOrder({ outTradeNo: row.outTradeNo });
        this.lastCloseSentAt = this.ctx.clock.now();
        this.ctx.crash('close.after-send');
        switch (c.kind) {
          case 'ok':
            this.closeAcked = true;
            return now; // one more query confirms CLOSED
          case 'fail':
            // ORDERPAID: paid wins; ORDERCLOSED: already closed. Either way the next query tells.
            if (c.errCode === 'ORDERCLOSED') this.closeAcked = true;
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

  /**
   * Applies a query's trade_state. CLOSED / REVOKED / PAYERROR are final only once our own closeorder
   * was answered and a later query still says so (until then the order could be paid after all and the
   * payment would be lost): before that the attempt moves to CLOSING, which sends closeorder.
   */
  private async settleFinal(row: AttemptRow, q: OrderQueryResult): Promise<Settled> {
    switch (q.tradeState) {
      case 'SUCCESS':
        return this.settlePaid(row, q, []);
      case 'REFUND': {
        // Paid, and refunded (in part) outside the till before it ever saw the payment.
        const refunds = await this.outsideRefunds(row);
        if (!refunds.ok) return { trouble: `refundquery: ${refunds.kind === 'trouble' ? refunds.reason : 'no refunds'}` };
        this.ctx.crash('paid.outside-refunds.before-commit');
        return this.settlePaid(row, q, refunds.value);
      }
      case 'CLOSED':
      case 'REVOKED':
      case 'PAYERROR': {
        const reason = q.tradeStateDesc || q.tradeState;
        if (row.state === 'CLOSING' && this.closeAcked) {
          this.move(row, 'CLOSED', { lastReason: reason });
          return 'final';
        }
        if (row.state !== 'CLOSING') {
          this.ctx.crash('closing.before-commit');
          this.move(row, 'CLOSING', { lastReason: reason });
        }
        return 'confirm-close';
      }
      case 'NOTPAY':
      case 'USERPAYING':
      case 'ACCEPT':
        // Still open after an acknowledged closeorder (an early close answered SUCCESS without
        // closing): that acknowledgement confirms nothing; only a close answered after this does.
        this.closeAcked = false;
        return 'open';
      default:
        return assertNever(q.tradeState);
    }
  }

  /** Every refund WeChat Pay holds for this order (refundquery by out_trade_no, page by page). */
  async outsideRefunds(row: AttemptRow): Promise<QueryAnswer<RefundItem[]>> {
    const items: RefundItem[] = [];
    for (let page = 0; page < MAX_REFUND_PAGES; page++) {
      const out = await this.ctx.gateway().refundQuery({ outTradeNo: row.outTradeNo, ...(page > 0 ? { offset: items.length } : {}) });
      const a = readQueryAnswer(out, 'REFUNDNOTEXIST');
      if (!a.ok) return a.kind === 'notexist' ? ok(items) : a;
      if (a.value.outTradeNo !== row.outTradeNo || a.value.totalFee !== row.totalFen)
        return fail({ kind: 'trouble', reason: `refundquery answer contradicts the order (${a.value.outTradeNo}, ${String(a.value.totalFee)})` });
      items.push(...a.value.refunds);
      const total = a.value.totalRefundCount;
      if (a.value.refunds.length === 0 || total === null || items.length >= total) break;
    }
    return ok(items);
  }

  /**
   * SUCCESS / REFUND (already checked against the order by query): PAID + receipt + refunds made on
   * the merchant platform in one transaction. A failure inside it is loud: an alert (once, written
   * after the rollback), the screen told, and the watcher backs off and tries again.
   */
  settlePaid(row: AttemptRow, q: OrderQueryResult, outside: readonly RefundItem[]): Settled {
    const ctx = this.ctx;
    ctx.crash('paid.before-commit');
    const now = ctx.clock.now();
    const alertId = ctx.deps.ids.id('alert');
    const receiptId = ctx.deps.ids.id('rcpt');
    const recorded = outside.filter((r) => r.status === 'SUCCESS' || r.status === 'PROCESSING' || r.status === 'CHANGE');
    const refundIds = recorded.map(() => ctx.deps.ids.id('rf'));
    let result: { alert: ReturnType<typeof insertAlert> | null; watch: string[] } | null;
    try {
      result = ctx.db.transaction(() => {
        const fresh = getAttempt(ctx.db, row.id);
        if (!fresh || isFinalAttemptState(fresh.state)) return null;
        const paidAt = parseBeijing(q.timeEnd) ?? now;
        // Late = the till never showed this payment as paid: it had already been cancelled (by the
        // cashier, or by a restart) or had expired on the till's own clock when the till learnt of it.
        // WeChat's time_end is not compared: it has whole seconds, may be skewed against our clock, and
        // a customer who paid moments before the cancel still looked unpaid to a cashier who then took
        // cash. A needless alert is dismissed in a moment; a missed one costs the customer.
        // A quick pay found paid while being reversed (given up, refused, cancelled) is late too (issue 12).
        const late = fresh.cancelRequestedAt !== null || fresh.state === 'REVERSING' || (fresh.expiresAt !== null && now >= fresh.expiresAt);
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
        // issue 13.1: a split's cash part joins the drawer with the receipt, never before, never apart
        payCashPart(ctx.db, row.id, paidAt);
        ctx.audit('engine', 'paid', row.outTradeNo, {
          attemptId: row.id,
          saleId: row.saleId,
          totalFen: row.totalFen,
          transactionId: q.transactionId,
          paidAfterCancel: late,
        });
        const watch: string[] = [];
        let returnedFen = 0;
        recorded.forEach((r, i) => {
          const state = r.status === 'SUCCESS' ? 'SUCCESS' : r.status === 'CHANGE' ? 'CHANGE' : 'PROCESSING';
          const id = refundIds[i]!;
          if (!insertOutsideRefund(ctx.db, { id, receiptId, outRefundNo: r.outRefundNo, refundId: r.refundId, amountFen: r.refundFee, state, at: now }))
            return;
          if (state === 'SUCCESS') addRefunded(ctx.db, receiptId, r.refundFee);
          if (state === 'PROCESSING') watch.push(id);
          if (state !== 'CHANGE') returnedFen += r.refundFee;
          ctx.audit('engine', 'refund.outside', r.outRefundNo, {
            reason: OUTSIDE_REFUND_REASON,
            saleId: row.saleId,
            outTradeNo: row.outTradeNo,
            refundId: r.refundId,
            amountFen: r.refundFee,
            status: r.status,
          });
        });
        // Money already returned on the merchant platform is not asked to be refunded again.
        const owedFen = row.totalFen - returnedFen;
        if (!late || owedFen <= 0) return { alert: null, watch };
        const alert = insertAlert(ctx.db, {
          id: alertId,
          kind: 'PAID_AFTER_CANCEL',
          saleId: row.saleId,
          amountFen: owedFen,
          message: `Payment ${row.outTradeNo} arrived after the sale was cancelled or expired. Refund the customer or keep the sale.`,
          createdAt: now,
        });
        return { alert, watch };
      })();
    } catch (e) {
      return this.paidNotRecorded(row, q, e);
    }
    if (result === null) return 'final';
    ctx.crash('paid.after-commit');
    this.trouble = null;
    const fresh = this.row();
    if (fresh) this.emit(fresh);
    if (result.alert) ctx.emitAlert(result.alert);
    for (const id of result.watch) ctx.watchRefund(id);
    return 'final';
  }

  /** The PAID transaction failed (and rolled back): say so on screen and in one alert; the watcher retries. */
  private paidNotRecorded(row: AttemptRow, q: OrderQueryResult, e: unknown): Settled {
    const why = e instanceof Error ? e.message : String(e);
    this.ctx.log('the PAID transaction failed', e);
    this.alertOnce(
      row,
      'PAID_NOT_RECORDED',
      row.totalFen,
      `Payment ${row.outTradeNo} (transaction ${q.transactionId ?? '?'}) is PAID at WeChat Pay but the till could not record it (${why.slice(0, 120)}). Do not charge again; the till keeps trying. Call the manager.`,
    );
    this.noteTrouble('NOT_RECORDED');
    return { trouble: `paid, but the receipt could not be written: ${why}` };
  }
}

function setLastReasonSafe(ctx: EngineContext, id: string, reason: string): void {
  try {
    setLastReason(ctx.db, id, reason.slice(0, 256), ctx.clock.now());
  } catch (e) {
    ctx.log('could not record last_reason', e);
  }
}
