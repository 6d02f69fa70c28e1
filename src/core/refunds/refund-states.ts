// Refund states, persisted in refunds.state; forward only, like attempts.
//   PENDING      row + out_refund_no committed; not sent yet, or sent by a process that crashed
//                before recording the answer (so the watcher treats it as maybe sent)
//   SENT         sent at least once and the gateway may have received it (timeout, reset, retry-same,
//                or a rejection of a resend): never FAILED from here, since an earlier send may have
//                gone through. Holds its amount; the watcher asks refundquery (and resends the same
//                out_refund_no when the gateway does not know it) with backoff until it is found.
//   PROCESSING   accepted by the gateway (acceptance is not success): poll refundquery
//   SUCCESS      final: money returned; receipts.refunded_fen includes it
//   REFUNDCLOSE  final: the gateway closed it (failed); amount is refundable again
//   CHANGE       final: abnormal (card frozen...), funds back to the merchant: manual handling, alert
//   FAILED       final: the first and only send was definitely rejected (business error,
//                certificate...), or no send ever left the machine (notSent), so no refund exists;
//                only from PENDING, by the request itself
//   NOT_ACCEPTED final: WeChat definitely does not have it after a bounded time (refund-end-rule.ts):
//                refundquery kept answering REFUNDNOTEXIST and every resend was refused. Amount
//                released, manager alerted ("not accepted by WeChat - check on the merchant platform").
import type { RefundStatus } from '../../common/api';
import { assertNever } from '../checkout/attempt-states';

export const REFUND_STATES = ['PENDING', 'SENT', 'PROCESSING', 'SUCCESS', 'REFUNDCLOSE', 'CHANGE', 'FAILED', 'NOT_ACCEPTED'] as const;
export type RefundRowState = (typeof REFUND_STATES)[number];

const PREDECESSORS: Readonly<Record<RefundRowState, readonly RefundRowState[]>> = {
  PENDING: [],
  SENT: ['PENDING'],
  PROCESSING: ['PENDING', 'SENT'],
  SUCCESS: ['PENDING', 'SENT', 'PROCESSING'],
  REFUNDCLOSE: ['PENDING', 'SENT', 'PROCESSING'],
  CHANGE: ['PENDING', 'SENT', 'PROCESSING'],
  FAILED: ['PENDING'],
  NOT_ACCEPTED: ['PENDING', 'SENT'],
};

export function refundPredecessors(to: RefundRowState): readonly RefundRowState[] {
  return PREDECESSORS[to];
}

export function isFinalRefundState(s: RefundRowState): boolean {
  return s === 'SUCCESS' || s === 'REFUNDCLOSE' || s === 'CHANGE' || s === 'FAILED' || s === 'NOT_ACCEPTED';
}

export function isRefundRowState(s: string): s is RefundRowState {
  return (REFUND_STATES as readonly string[]).includes(s);
}

/** States whose amount is taken from what is still refundable (everything but definite failures). */
export const RESERVING_REFUND_STATES: readonly RefundRowState[] = ['PENDING', 'SENT', 'PROCESSING', 'SUCCESS', 'CHANGE'];

/** handled: a CHANGE refund a manager marked handled (refund-repo markChangeHandled). */
export function refundStatusOf(s: RefundRowState, handled = false): RefundStatus {
  switch (s) {
    case 'PENDING':
      return 'pending';
    case 'SENT': // may have been received: shown as under way, never as failed
    case 'PROCESSING':
      return 'processing';
    case 'SUCCESS':
      return 'refunded';
    case 'REFUNDCLOSE':
      return 'closed';
    case 'CHANGE':
      return handled ? 'change_handled' : 'change';
    case 'FAILED':
      return 'failed';
    case 'NOT_ACCEPTED':
      return 'not_accepted';
    default:
      return assertNever(s);
  }
}
