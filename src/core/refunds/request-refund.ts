// A refund request: PIN first, then every limit checked against the database inside the same
// transaction that commits the refund row and its audit entry (so two racing requests cannot both
// pass), then the first send.
import type { RefundView } from '../../common/api';
import { isFen } from '../../common/money';
import { beijingDayStart, DAY_MS } from '../../common/beijing-time';
import { err, ok, type Result } from '../../common/result';
import type { EngineContext } from '../checkout/engine-context';
import { classifySend, sendFirst } from '../checkout/send-first';
import { getReceiptBySale, refundableFen } from '../store/repos/receipt-repo';
import { getRefund, getRefundView, insertRefund, refundedInWindow, refundTotals } from '../store/repos/refund-repo';
import { RefundDriver } from './refund-driver';
import { noteRefundCreated, refundTooSoon } from './refund-spacing';
import { foreignOriginOf } from '../store/repos/foreign-receipt-repo'; // issue 16.4 (i16-xrefund)

export const MAX_REFUNDS_PER_ORDER = 50;

export interface RefundInput {
  readonly saleId: string;
  readonly amountFen: number;
  readonly reason: string;
  readonly approver: string;
  readonly managerPin: string;
  /** issue 11: who asked and who approved second, written on the row in its own transaction. */
  readonly staffId?: string;
  readonly secondStaffId?: string | null;
}

export async function requestRefund(
  ctx: EngineContext,
  input: RefundInput,
  startDriver: (d: RefundDriver) => void,
): Promise<Result<RefundView>> {
  // A tampered audit trail stops refunds before anything else is checked or counted (issue 11 point 4).
  const chain = ctx.deps.chainGuard?.();
  if (chain && !chain.ok) return chain;
  const pin = ctx.deps.verifyManagerPin(input.approver, input.managerPin);
  if (!pin.ok) return pin;
  if (!isFen(input.amountFen) || input.amountFen <= 0) return err('INVALID_AMOUNT', 'refund amount must be a positive number of fen');
  const receipt = getReceiptBySale(ctx.db, input.saleId);
  if (!receipt) return err('NOT_FOUND', 'no paid receipt for this sale');
  // A sandbox receipt refunded while LIVE would go to the real gateway, and the reverse to the simulator.
  if (receipt.mode !== ctx.deps.mode()) return err('MODE_MISMATCH', `this receipt was taken in ${receipt.mode} mode`);
  const limits = ctx.deps.limits();
  if (input.amountFen > limits.refundCapFen) return err('REFUND_CAP_EXCEEDED', 'amount is above the per-refund cap');

  const now = ctx.clock.now();
  const id = ctx.deps.ids.id('refund');
  const outRefundNo = ctx.deps.ids.outRefundNo();
  // --- issue 16: HQ reserves the amount across tills; refused there = refused; offline = own limits only
  const hq = ctx.deps.refundAuthority ? await ctx.deps.refundAuthority.reserve({ outTradeNo: receipt.outTradeNo, outRefundNo, amountFen: input.amountFen }) : undefined;
  if (hq?.kind === 'refused') return err('REFUND_EXCEEDS_REFUNDABLE', hq.message);
  // --- issue 16.4: another till's sale is refunded only against HQ's balance, never on this till's own limits
  const origin = foreignOriginOf(ctx.db, receipt.id);
  if (origin && hq?.kind !== 'reserved') {
    const why = hq?.kind === 'offline' ? ` (${hq.reason})` : '';
    return err('FOREIGN_REFUND_NEEDS_HQ', `这笔销售来自收银台「${origin.tillName}」：总部无法连接时只能退本机的销售 / this sale was made at till "${origin.tillName}": while head office is unreachable only this till's own sales can be refunded${why}`);
  }
  ctx.crash('refund.before-commit');
  // Every limit is read and the row written in one transaction; a refusal returns before any write.
  const committed = ctx.db.transaction((): Result<null> => {
    const t = refundTotals(ctx.db, receipt.id);
    if (t.count >= MAX_REFUNDS_PER_ORDER) return err('REFUND_LIMIT_REACHED', 'this order already has 50 refunds');
    const refundable = refundableFen(receipt.totalFen, t.reservedFen);
    if (input.amountFen > refundable) return err('REFUND_EXCEEDS_REFUNDABLE', `at most ${refundable} fen can still be refunded`);
    if (refundTooSoon(ctx.db, ctx.clock, receipt.id, t.lastCreatedAt, ctx.refundSpacingMs))
      return err('REFUND_TOO_FREQUENT', 'refunds of one order must be a minute apart');
    const dayStart = beijingDayStart(now);
    const today = refundedInWindow(ctx.db, dayStart, dayStart + DAY_MS, receipt.mode);
    if (today + input.amountFen > limits.dailyRefundCapFen)
      return err('REFUND_CAP_EXCEEDED', 'amount is above what is left of the daily refund cap');
    insertRefund(ctx.db, {
      id,
      receiptId: receipt.id,
      outRefundNo,
      amountFen: input.amountFen,
      reason: input.reason,
      approver: input.approver,
      createdAt: now,
      staffId: input.staffId ?? null,
      secondStaffId: input.secondStaffId ?? null,
    });
    ctx.audit(input.approver, 'refund', outRefundNo, {
      refundId: id,
      saleId: input.saleId,
      outTradeNo: receipt.outTradeNo,
      amountFen: input.amountFen,
      approver: input.approver,
      reason: input.reason,
    });
    return ok(null);
  })();
  if (!committed.ok) {
    if (hq?.kind === 'reserved') await ctx.deps.refundAuthority?.release(outRefundNo); // --- issue 16
    return committed;
  }
  noteRefundCreated(ctx.db, ctx.clock, receipt.id, now);
  ctx.crash('refund.after-commit');
  const driver = new RefundDriver(ctx, id);
  const created = getRefundView(ctx.db, id);
  if (created) ctx.emitRefund(created);

  // A few quick retries of the identical request; whatever is still open is the watcher's job. Only
  // the first send can end the refund as FAILED: once a send may have been received, a rejection of a
  // retry leaves the refund open (SENT, amount held) for the watcher to resolve by refundquery.
  const first = await sendFirst(
    async (i) => {
      const row = getRefund(ctx.db, id);
      return row ? driver.send(row, true) : null; // the driver knows whether an earlier try may have left
    },
    classifySend,
    ctx.policy,
    (e) => ctx.log('refund send failed', e),
  );
  if (!first.ok) return err(first.code, first.message);
  const unsent = driver.failIfNeverSent(); // nothing left the machine: not SENT, ends FAILED at once
  if (unsent) return err(unsent.code, unsent.message);
  startDriver(driver);
  const view = getRefundView(ctx.db, id);
  return view ? ok(view) : err('INTERNAL', 'refund row vanished');
}
