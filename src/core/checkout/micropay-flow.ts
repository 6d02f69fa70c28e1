// The steps of one MICROPAY (quick pay) attempt, run by its AttemptDriver's one watcher loop
// (issue 12 point 2; wxpay-v2.md 4.4-4.5, 5.2). Never a second micropay with a new number, and the
// micropay is never resent at all: an unknown outcome is resolved by orderquery. Giving up, a
// cancel or a refusal that left an order reverses it (no earlier than 15 s after the micropay,
// repeated while recall=Y, bounded), and the attempt ends only on a query's answer: REVOKED /
// CLOSED, SUCCESS (a flagged receipt to refund), or "no such order" after reverse said so too.
import { fail, ok } from '../../common/result';
import { countReverseSend, markPaySent, type AttemptRow } from '../store/repos/attempt-repo';
import type { MicroPayRequest, OrderQueryResult } from '../wxpay/types';
import { assertNever } from './attempt-states';
import type { EngineContext } from './engine-context';
import type { AttemptDriver, Settled } from './native-driver';
import type { SendVerdict } from './send-first';
import { backoff, done, now, type Step, wait } from './watch-loop';

export type MicropayRejectCode = 'GATEWAY_ERROR' | 'CONFIG_ERROR' | 'CERT_ERROR';
/** ok: the row after the answer was written (PAID, USERPAYING...). */
export type MicropayVerdict = SendVerdict<AttemptRow, MicropayRejectCode>;

/** Plain words for the reason a quick pay was given up (shown on the payment screen). */
export const GAVE_UP_REASON = '顾客未在时限内完成支付，已撤销 / The customer did not finish paying in time; the order is being reversed';

/** micropay failures that say an order with this number may exist: query, never "failed". */
const ORDER_MAY_EXIST = new Set(['OUT_TRADE_NO_USED', 'INVALID_REQUEST', 'ORDERPAID', 'ORDERCLOSED', 'ORDERREVERSED']);

export class MicropayFlow {
  /** reverse answered "no such order" in this process: a query saying the same ends the attempt FAILED. */
  private reverseSaysNone = false;
  /** When the last reverse was sent (this process): recall=Y is repeated with spacing. */
  private lastReverseAt: number | null = null;

  constructor(
    private readonly ctx: EngineContext,
    private readonly d: AttemptDriver,
  ) {}

  request(row: AttemptRow): MicroPayRequest {
    return {
      outTradeNo: row.outTradeNo,
      totalFee: row.totalFen,
      body: row.body,
      authCode: row.authCode ?? '',
      spbillCreateIp: this.ctx.deps.spbillCreateIp ?? '127.0.0.1',
    };
  }

  /** The first (and only) micropay of the attempt; the row moves by what its answer proves. */
  async send(row: AttemptRow): Promise<MicropayVerdict> {
    const ctx = this.ctx;
    markPaySent(ctx.db, row.id, ctx.clock.now());
    const out = await ctx.gateway().microPay(this.request(row));
    ctx.crash('micropay.after-send');
    switch (out.kind) {
      case 'ok': {
        const v = out.value;
        // The client checked the echo of out_trade_no and total_fee; a mismatch is never a receipt.
        const q: OrderQueryResult = {
          tradeState: 'SUCCESS',
          tradeStateDesc: '',
          outTradeNo: v.outTradeNo,
          transactionId: v.transactionId,
          totalFee: v.totalFee,
          timeEnd: v.timeEnd,
          raw: {},
        };
        if (v.outTradeNo !== row.outTradeNo || v.totalFee !== row.totalFen || !v.transactionId) {
          this.d.move(row, 'UNKNOWN', { lastReason: 'micropay answer does not match the sale: asking by query' });
          return fail({ kind: 'unknown' });
        }
        const settled = this.d.settlePaid(row, q, []);
        const fresh = this.d.row();
        return settled === 'final' && fresh ? ok(fresh) : fail({ kind: 'unknown' });
      }
      case 'unknown':
        // USERPAYING: the customer is asked for the password. SYSTEMERROR / BANKERROR / transport: unknown.
        if (out.code === 'USERPAYING') {
          this.d.move(row, 'USERPAYING', { lastReason: out.message || null });
          ctx.crash('userpaying.after-commit');
          const fresh = this.d.row();
          return fresh ? ok(fresh) : fail({ kind: 'unknown' });
        }
        this.d.move(row, 'UNKNOWN', { lastReason: `${out.code} ${out.message}`.slice(0, 256) });
        return fail({ kind: 'unknown' });
      case 'retry-same':
        // Provably never left the machine: nothing to resolve, but the same micropay is not sent
        // again by the till on its own (the code may have expired meanwhile): the watcher asks.
        this.d.move(row, 'UNKNOWN', { lastReason: `${out.code} ${out.message}`.slice(0, 256) });
        return fail({ kind: 'unknown' });
      case 'fail':
        if (ORDER_MAY_EXIST.has(out.errCode)) {
          this.d.move(row, 'UNKNOWN', { lastReason: `${out.errCode} ${out.errCodeDes}`.slice(0, 256) });
          return fail({ kind: 'unknown' });
        }
        return this.refused(row, 'GATEWAY_ERROR', out.errCodeDes || out.errCode);
      case 'fix':
        if (ORDER_MAY_EXIST.has(out.code)) {
          this.d.move(row, 'UNKNOWN', { lastReason: `${out.code} ${out.message}`.slice(0, 256) });
          return fail({ kind: 'unknown' });
        }
        return this.refused(row, /cert|tls|ssl/i.test(out.code) ? 'CERT_ERROR' : 'CONFIG_ERROR', out.message, out.notSent === true);
      default:
        return assertNever(out);
    }
  }

  /**
   * WeChat refused this payment definitely. An order may still exist (NOTENOUGH leaves one in
   * PAYERROR): one query tells. None: FAILED at once. One, or no answer: reversed in the background.
   */
  private async refused(row: AttemptRow, code: MicropayRejectCode, message: string, notSent = false): Promise<MicropayVerdict> {
    if (notSent) {
      this.d.move(row, 'FAILED', { lastReason: message });
      return fail({ kind: 'rejected', code, message });
    }
    const q = await this.d.query(row);
    if (!q.ok && q.kind === 'notexist') this.d.move(row, 'FAILED', { lastReason: message });
    else if (q.ok && (q.value.tradeState === 'SUCCESS' || q.value.tradeState === 'REFUND')) {
      // Paid after all (a refusal that contradicts the order's state): the receipt wins.
      const settled = await this.settle(row, q.value);
      const fresh = this.d.row();
      if (settled === 'final' && fresh?.state === 'PAID') return ok(fresh);
      return fail({ kind: 'unknown' });
    } else this.d.move(row, 'REVERSING', { lastReason: message });
    return fail({ kind: 'rejected', code, message });
  }

  private sentAt(row: AttemptRow): number {
    return row.paySentAt ?? row.createdAt;
  }

  /** A query's trade_state, applied. 'open': still being paid (or not yet decided). */
  private async settle(row: AttemptRow, q: OrderQueryResult): Promise<Settled> {
    switch (q.tradeState) {
      case 'SUCCESS':
        return this.d.settlePaid(row, q, []);
      case 'REFUND': {
        const refunds = await this.d.outsideRefunds(row);
        if (!refunds.ok) return { trouble: `refundquery: ${refunds.kind === 'trouble' ? refunds.reason : 'no refunds'}` };
        return this.d.settlePaid(row, q, refunds.value);
      }
      case 'REVOKED':
      case 'CLOSED':
        // Final at WeChat: a reversed or closed quick-pay order can never be paid.
        this.d.move(row, q.tradeState, { lastReason: q.tradeStateDesc || q.tradeState });
        return 'final';
      case 'PAYERROR':
        if (row.state !== 'REVERSING') this.d.move(row, 'REVERSING', { lastReason: q.tradeStateDesc || 'PAYERROR' });
        return 'confirm-close';
      case 'USERPAYING':
        if (row.state === 'CREATED' || row.state === 'UNKNOWN') {
          this.d.move(row, 'USERPAYING', { lastReason: q.tradeStateDesc || null });
          this.ctx.crash('userpaying.after-commit');
        }
        return 'open';
      case 'NOTPAY':
      case 'ACCEPT':
        return 'open';
      default:
        return assertNever(q.tradeState);
    }
  }

  /** One decision for a MICROPAY attempt, read from its row. */
  async step(row: AttemptRow): Promise<Step> {
    const ctx = this.ctx;
    const p = ctx.quickPay;
    const t = ctx.clock.now();
    switch (row.state) {
      case 'CREATED':
        // Never sent (the send time is written before the send): no order can exist.
        if (row.paySentAt === null) {
          this.d.move(row, 'FAILED', { lastReason: 'micropay not sent (till restarted) / 未发出' });
          this.d.loop.markResolved();
          return now;
        }
        this.d.move(row, 'UNKNOWN', { lastReason: 'micropay answer not received' });
        return now;
      case 'UNKNOWN':
      case 'USERPAYING': {
        if (row.cancelRequestedAt !== null || t >= this.sentAt(row) + p.giveUpMs) {
          this.d.move(row, 'REVERSING', { lastReason: row.cancelRequestedAt !== null ? 'cancelled / 已取消' : GAVE_UP_REASON });
          return now;
        }
        const q = await this.d.query(row);
        if (!q.ok) {
          // Not created (yet): a micropay may still be on its way; asked again until the give-up time.
          if (q.kind === 'notexist') return wait(p.queryMs);
          return backoff(q.reason);
        }
        const settled = await this.settle(row, q.value);
        if (typeof settled === 'object') return backoff(settled.trouble);
        return settled === 'open' ? wait(p.queryMs) : now;
      }
      case 'REVERSING':
        return this.reversing(row, t);
      case 'NOTPAY':
      case 'CLOSING':
        throw new Error(`state ${row.state} belongs to Native, which MICROPAY attempts never enter`);
      case 'PAID':
      case 'CLOSED':
      case 'REVOKED':
      case 'FAILED':
        return done;
      default:
        return assertNever(row.state);
    }
  }

  /** Query first (it confirms a reverse, even one sent before a crash, and catches a payment); then reverse. */
  private async reversing(row: AttemptRow, t: number): Promise<Step> {
    const ctx = this.ctx;
    const p = ctx.quickPay;
    const q = await this.d.query(row);
    if (q.ok) {
      const settled = await this.settle(row, q.value);
      if (settled === 'final') return now;
      if (typeof settled === 'object') return backoff(settled.trouble);
    } else if (q.kind === 'trouble') return backoff(q.reason);
    else if (this.reverseSaysNone && t >= this.sentAt(row) + p.reverseFloorMs) {
      // Both reverse and query say WeChat has no such order, 15 s and more after the only micropay.
      this.d.move(row, 'FAILED', { lastReason: row.lastReason ?? 'no order at WeChat Pay' });
      return now;
    }
    const floor = this.sentAt(row) + p.reverseFloorMs;
    if (t < floor) return wait(Math.min(floor - t, p.queryMs));
    if (row.reverseSends >= p.reverseBound) return wait(p.afterBoundQueryMs);
    if (this.lastReverseAt !== null && t - this.lastReverseAt < p.reverseSpacingMs) return wait(p.reverseSpacingMs);
    countReverseSend(ctx.db, row.id, t);
    ctx.crash('reverse.before-send');
    const r = await ctx.gateway().reverse({ outTradeNo: row.outTradeNo });
    this.lastReverseAt = ctx.clock.now();
    ctx.crash('reverse.after-send');
    switch (r.kind) {
      case 'ok':
        // recall=Y: call again; either way the next query confirms (or not) the reversal.
        return r.value.recall ? wait(p.reverseSpacingMs) : now;
      case 'retry-same': // SYSTEMERROR, or recall=Y on an error such as 正在支付中 (USERPAYING)
        return wait(p.reverseSpacingMs);
      case 'fail':
        if (r.errCode === 'ORDERNOTEXIST') {
          this.reverseSaysNone = true;
          return now;
        }
        // REVERSE_EXPIRE (> 7 days), TRADE_ERROR (refunded): the query decides; a payment becomes a receipt.
        return backoff(`reverse: ${r.errCode} ${r.errCodeDes}`);
      case 'unknown':
      case 'fix':
        return backoff(`reverse: ${r.message}`);
      default:
        return assertNever(r);
    }
  }
}
