// A manager marks a CHANGE refund handled: WeChat sent it to a closed or frozen bank card and the money
// came back to the merchant; the manager has handled it on the merchant platform (abnormal refund to the
// customer's WeChat balance) or returned the money by other means. PIN first; then, in one transaction,
// the mark, its audit entry and the end of the refund's CHANGE alert.
//
// The hold, consistently with WeChat's view: WeChat keeps counting a CHANGE refund against the order
// (refunding the same money again through the API is refused as exceeding the paid amount), so the
// amount stays out of what the till lets a manager refund; receipts.refunded_fen stays the sum of
// SUCCESS refunds (the money did not move through this till's refund). Nothing else is held any more:
// the refund's watcher ended at CHANGE, and the alert is closed.
import type { ManagerApproval, RefundView } from '../../common/api';
import { err, ok, type Result } from '../../common/result';
import type { EngineContext } from '../checkout/engine-context';
import { dismissAlertsAbout } from '../store/repos/alert-repo';
import { getReceipt } from '../store/repos/receipt-repo';
import { getRefund, getRefundView, markChangeHandled } from '../store/repos/refund-repo';

export async function markRefundHandled(
  ctx: EngineContext,
  input: { readonly refundId: string } & ManagerApproval,
): Promise<Result<RefundView>> {
  const pin = ctx.deps.verifyManagerPin(input.approver, input.managerPin);
  if (!pin.ok) return pin;
  const r = getRefund(ctx.db, input.refundId);
  if (!r || r.state !== 'CHANGE' || r.handledAt !== null)
    return err('NOT_FOUND', 'no refund waiting to be handled (only a CHANGE refund not yet marked handled can be)');
  ctx.crash('refund.change-handled.before-commit');
  const now = ctx.clock.now();
  const marked = ctx.db.transaction((): boolean => {
    if (!markChangeHandled(ctx.db, r.id, input.approver, now)) return false;
    ctx.audit(input.approver, 'refund.change.handled', r.outRefundNo, {
      refundId: r.id,
      outTradeNo: getReceipt(ctx.db, r.receiptId)?.outTradeNo ?? null,
      amountFen: r.amountFen,
      approver: input.approver,
    });
    dismissAlertsAbout(ctx.db, 'REFUND_CHANGE', r.outRefundNo, now);
    return true;
  })();
  if (!marked) return err('NOT_FOUND', 'this refund was already marked handled');
  const view = getRefundView(ctx.db, r.id);
  if (!view) return err('INTERNAL', 'refund row vanished');
  ctx.emitRefund(view);
  return ok(view);
}
