// Drives one refund from PENDING to a final state: refund (same out_refund_no on every retry),
// refundquery to resolve unknown outcomes and to follow PROCESSING until SUCCESS, REFUNDCLOSE or
// CHANGE. Once a send may have reached the gateway (SENT), no later answer can make the refund FAILED:
// an earlier send may still surface, and freeing its amount would let the customer be refunded twice.
// Every state change: commit, then emit. How often it asks, and when a refund WeChat does not have
// ends (NOT_ACCEPTED): refund-end-rule.ts.
import type { ErrorCode } from '../../common/errors';
import { fail, ok } from '../../common/result';
import { assertNever } from '../checkout/attempt-states';
import type { EngineContext } from '../checkout/engine-context';
import { type QueryAnswer, readQueryAnswer } from '../checkout/query-answer';
import type { SendVerdict } from '../checkout/send-first';
import { backoff, done, now, type Step, wait, WatchLoop } from '../checkout/watch-loop';
import { insertAlert } from '../store/repos/alert-repo';
import { addRefunded, getReceipt } from '../store/repos/receipt-repo';
import { getRefund, getRefundView, moveRefund, noteNotThere, type RefundRow, setRefundLastReason } from '../store/repos/refund-repo';
import type { Outcome, RefundResult, RefundState } from '../wxpay/types';
import { notThereLongEnough, refundPollDelay } from './refund-end-rule';
import { alertText, BALANCE_LOW_TEXT, NOT_SENT_TEXT } from './refund-texts';
import { isFinalRefundState, type RefundRowState } from './refund-states';

/** Plain error codes for definite refund failures (the gateway's own words travel in the message). */
export function refundErrorCode(out: Outcome<RefundResult>): { code: ErrorCode; message: string } | null {
  switch (out.kind) {
    case 'fail':
      // The merchant's refundable balance is too low: plain words, the gateway's own after them.
      if (out.errCode === 'NOTENOUGH') return { code: 'REFUND_BALANCE_LOW', message: `${BALANCE_LOW_TEXT} (${out.errCodeDes || out.errCode})` };
      if (out.errCode === 'FREQUENCY_LIMITED' || out.errCode === 'INVALID_REQ_TOO_MUCH' || /频率|1分钟|too frequent/i.test(out.errCodeDes))
        return { code: 'REFUND_TOO_FREQUENT', message: out.errCodeDes || out.errCode };
      return { code: 'GATEWAY_ERROR', message: out.errCodeDes || out.errCode };
    case 'fix':
      return { code: /cert|tls|ssl|证书/i.test(`${out.code} ${out.message}`) ? 'CERT_ERROR' : 'CONFIG_ERROR', message: out.message };
    case 'ok':
    case 'unknown':
    case 'retry-same':
      return null;
    default:
      return assertNever(out);
  }
}

/** The request provably never left the machine (transport sent:false). */
function neverLeft(out: Outcome<RefundResult>): boolean {
  return (out.kind === 'retry-same' || out.kind === 'fix') && out.notSent === true;
}

/**
 * ok: accepted (PROCESSING). rejected: the only send was refused, FAILED, the amount is free again.
 * held: refused, but an earlier send may have gone through: kept open (SENT) and asked about again.
 */
export type RefundSendVerdict = SendVerdict<null, ErrorCode>;

export class RefundDriver {
  /** The watcher of this refund: start, done, firstResolved (recovery). */
  readonly loop: WatchLoop;
  /** Whether any send of this driver may have left the machine (only sends provably not sent keep it false). */
  private mayHaveLeft = false;

  constructor(
    private readonly ctx: EngineContext,
    readonly refundRowId: string,
  ) {
    this.loop = new WatchLoop(ctx, { name: 'refund', step: () => this.step() });
  }

  row(): RefundRow | null {
    return getRefund(this.ctx.db, this.refundRowId);
  }

  private emit(): void {
    const v = getRefundView(this.ctx.db, this.refundRowId);
    if (v) this.ctx.emitRefund(v);
  }

  /**
   * Sends (or re-sends, identical) the refund request and records what the answer proves.
   * onlySend: the caller knows no earlier send of this out_refund_no exists (the request, on a row it
   * has just committed); only then, and while none of this driver's sends may have left the machine,
   * may a rejection end the refund as FAILED. A send that provably never left changes no state.
   */
  async send(r: RefundRow, onlySend: boolean): Promise<RefundSendVerdict> {
    const receipt = getReceipt(this.ctx.db, r.receiptId);
    if (!receipt) throw new Error(`refund ${r.id} has no receipt`);
    let out: Outcome<RefundResult>;
    try {
      out = await this.ctx.gateway().refund({
        outTradeNo: receipt.outTradeNo,
        outRefundNo: r.outRefundNo,
        totalFee: receipt.totalFen,
        refundFee: r.amountFen,
        refundDesc: r.reason,
      });
    } catch (e) {
      this.mayHaveLeft = true;
      this.markSent(r, 'refund send failed'); // it may have left the machine
      throw e;
    }
    this.ctx.crash('refund.after-send');
    const first = onlySend && !this.mayHaveLeft && r.state === 'PENDING';
    if (neverLeft(out) && !(first && out.kind === 'fix')) {
      // Not SENT: nothing reached WeChat. Only the reason is recorded; the same request may go again.
      const why = out.kind === 'fix' || out.kind === 'retry-same' ? out.message : '';
      setRefundLastReason(this.ctx.db, r.id, `${NOT_SENT_TEXT} (${why})`.slice(0, 256), this.ctx.clock.now());
      return fail({ kind: 'retry' });
    }
    if (!neverLeft(out)) this.mayHaveLeft = true;
    const rejected = refundErrorCode(out);
    if (rejected) {
      if (first) {
        this.finish(r, 'FAILED', { lastReason: rejected.message }, 'refund.failed');
        return fail({ kind: 'rejected', ...rejected });
      }
      this.markSent(r, rejected.message);
      return fail({ kind: 'held', ...rejected });
    }
    switch (out.kind) {
      case 'ok':
        this.commitMove(r, 'PROCESSING', { refundId: out.value.refundId, lastReason: null });
        return ok(null);
      case 'unknown':
        this.markSent(r, out.message);
        return fail({ kind: 'unknown' });
      case 'retry-same':
        // "Not processed" by the table, yet a gateway may process and still answer SYSTEMERROR.
        this.markSent(r, out.message);
        return fail({ kind: 'retry' });
      default:
        // fail and fix were mapped above
        throw new Error(`unexpected refund outcome ${out.kind}`);
    }
  }

  /**
   * After the request's sends: if none of them left the machine, no refund exists at WeChat, so the
   * refund ends FAILED at once (amount free again) and the manager is told nothing was sent.
   */
  failIfNeverSent(): { code: ErrorCode; message: string } | null {
    const r = this.row();
    if (!r || r.state !== 'PENDING' || this.mayHaveLeft) return null;
    const message = r.lastReason ?? NOT_SENT_TEXT;
    this.finish(r, 'FAILED', { lastReason: message }, 'refund.failed');
    return this.row()?.state === 'FAILED' ? { code: 'GATEWAY_UNREACHABLE', message } : null;
  }

  /** After a send that may have been received: SENT (from PENDING), with the reason. */
  private markSent(r: RefundRow, reason: string): void {
    const lastReason = reason.slice(0, 256);
    if (r.state === 'PENDING' && this.commitMove(r, 'SENT', { lastReason })) return;
    setRefundLastReason(this.ctx.db, r.id, lastReason, this.ctx.clock.now());
  }

  private commitMove(r: RefundRow, to: RefundRowState, fields: { refundId?: string | null; lastReason?: string | null }): boolean {
    // Every refund state change is in the audit chain (issue 11 point 4), in the same transaction.
    const ctx = this.ctx;
    const moved = ctx.db.transaction(() => {
      if (!moveRefund(ctx.db, r.id, to, ctx.clock.now(), fields)) return false;
      ctx.audit(r.approver, 'state.refund', r.outRefundNo, { refundId: r.id, from: r.state, to });
      return true;
    })();
    if (moved) this.emit();
    return moved;
  }

  /** A final state, its audit entry (and money / alert side effects) in one transaction. */
  private finish(
    r: RefundRow,
    to: 'SUCCESS' | 'REFUNDCLOSE' | 'CHANGE' | 'FAILED' | 'NOT_ACCEPTED',
    fields: { refundId?: string | null; lastReason?: string | null },
    action: string,
  ): void {
    const ctx = this.ctx;
    if (to === 'SUCCESS') ctx.crash('refund.success.before-commit');
    const now = ctx.clock.now();
    const alertId = ctx.deps.ids.id('alert');
    const alert = ctx.db.transaction(() => {
      if (!moveRefund(ctx.db, r.id, to, now, fields)) return undefined;
      const receipt = getReceipt(ctx.db, r.receiptId);
      if (to === 'SUCCESS') addRefunded(ctx.db, r.receiptId, r.amountFen);
      ctx.audit(r.approver, action, r.outRefundNo, {
        refundId: r.id,
        outTradeNo: receipt?.outTradeNo ?? null,
        amountFen: r.amountFen,
        approver: r.approver,
        reason: fields.lastReason ?? null,
      });
      const kind = to === 'CHANGE' ? 'REFUND_CHANGE' : to === 'REFUNDCLOSE' ? 'REFUND_CLOSED' : to === 'NOT_ACCEPTED' ? 'REFUND_NOT_ACCEPTED' : null;
      if (kind === null) return null;
      return insertAlert(ctx.db, {
        id: alertId,
        kind,
        saleId: receipt?.saleId ?? null,
        amountFen: r.amountFen,
        message: alertText(kind, r.outRefundNo, r.amountFen, fields.lastReason ?? null),
        createdAt: now,
      });
    })();
    if (alert === undefined) return;
    this.emit();
    if (alert) ctx.emitAlert(alert);
  }

  private async query(r: RefundRow): Promise<QueryAnswer<RefundState>> {
    const answer = readQueryAnswer(await this.ctx.gateway().refundQuery({ outRefundNo: r.outRefundNo }), 'REFUNDNOTEXIST');
    if (!answer.ok && answer.kind === 'trouble') return answer;
    this.loop.markResolved();
    if (!answer.ok) return answer;
    const status = answer.value.refunds.find((i) => i.outRefundNo === r.outRefundNo)?.status;
    return status === undefined ? fail({ kind: 'notexist' }) : ok(status);
  }

  /** The next refundquery of this refund, by its age (refund-end-rule.ts): the polling budget. */
  private next(r: RefundRow): Step {
    return wait(refundPollDelay(this.ctx.clock.now() - r.createdAt, this.ctx.policy.refundPollMs));
  }

  /** One decision for the refund, read from its row. */
  private async step(): Promise<Step> {
    const r = this.row();
    if (!r || isFinalRefundState(r.state)) return done;
    switch (r.state) {
      case 'PENDING': // at recovery: a crashed process may have sent it before recording the answer
      case 'SENT': {
        // Unknown whether the gateway has it: ask. "No such refund" may be momentary, so the same
        // out_refund_no goes again (the gateway refunds it at most once); a rejection of that resend
        // is only recorded, and the row stays open with its amount held - until WeChat has not had it
        // for long enough (refund-end-rule.ts): then it ends NOT_ACCEPTED and the watcher stops.
        const s = await this.query(r);
        if (!s.ok && s.kind === 'trouble') return this.next(r);
        if (!s.ok) {
          const run = noteNotThere(this.ctx.db, r.id, this.ctx.clock.now());
          if (notThereLongEnough(run.since, run.count, this.ctx.clock.now())) {
            this.finish(r, 'NOT_ACCEPTED', { lastReason: r.lastReason }, 'refund.not-accepted');
            return now;
          }
          const v = await this.send(r, false);
          return v.ok ? now : this.next(r);
        }
        return this.apply(r, s.value);
      }
      case 'PROCESSING': {
        // Accepted: never ended by "not there" (acceptance is WeChat's word that it has it).
        const s = await this.query(r);
        if (!s.ok) return this.next(r);
        return this.apply(r, s.value);
      }
      case 'SUCCESS':
      case 'REFUNDCLOSE':
      case 'CHANGE':
      case 'FAILED':
      case 'NOT_ACCEPTED':
        return done;
      default:
        return assertNever(r.state);
    }
  }

  private apply(r: RefundRow, s: RefundState): Step {
    switch (s) {
      case 'PROCESSING':
        if (r.state === 'PENDING' || r.state === 'SENT') this.commitMove(r, 'PROCESSING', { lastReason: null });
        return this.next(r);
      case 'SUCCESS':
        this.finish(r, 'SUCCESS', { lastReason: null }, 'refund.success');
        return now;
      case 'REFUNDCLOSE':
        this.finish(r, 'REFUNDCLOSE', { lastReason: 'REFUNDCLOSE' }, 'refund.closed'); // alert: customer not refunded
        return now;
      case 'CHANGE':
        this.finish(r, 'CHANGE', { lastReason: 'CHANGE' }, 'refund.change');
        return now;
      default:
        return assertNever(s);
    }
  }
}
