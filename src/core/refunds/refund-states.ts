// Refund states, persisted in refunds.state; forward only, like attempts.
//   PENDING      row + out_refund_no committed; the gateway has not (knowingly) accepted it yet
//   PROCESSING   accepted by the gateway (acceptance is not success): poll refundquery
//   SUCCESS      final: money returned; receipts.refunded_fen includes it
//   REFUNDCLOSE  final: the gateway closed it (failed); amount is refundable again
//   CHANGE       final: abnormal (card frozen...), funds back to the merchant: manual handling, alert
//   FAILED       final: definitely not accepted (business error, certificate...): never created
import type { RefundStatus } from '../../common/api';
import { assertNever } from '../checkout/attempt-states';

export const REFUND_STATES = ['PENDING', 'PROCESSING', 'SUCCESS', 'REFUNDCLOSE', 'CHANGE', 'FAILED'] as const;
export type RefundRowState = (typeof REFUND_STATES)[number];

const PREDECESSORS: Readonly<Record<RefundRowState, readonly RefundRowState[]>> = {
  PENDING: [],
  PROCESSING: ['PENDING'],
  SUCCESS: ['PENDING', 'PROCESSING'],
  REFUNDCLOSE: ['PENDING', 'PROCESSING'],
  CHANGE: ['PENDING', 'PROCESSING'],
  FAILED: ['PENDING'],
};

export function refundPredecessors(to: RefundRowState): readonly RefundRowState[] {
  return PREDECESSORS[to];
}

export function isFinalRefundState(s: RefundRowState): boolean {
  return s === 'SUCCESS' || s === 'REFUNDCLOSE' || s === 'CHANGE' || s === 'FAILED';
}

export function isRefundRowState(s: string): s is RefundRowState {
  return (REFUND_STATES as readonly string[]).includes(s);
}

/** States whose amount is taken from what is still refundable (everything but definite failures). */
export const RESERVING_REFUND_STATES: readonly RefundRowState[] = ['PENDING', 'PROCESSING', 'SUCCESS', 'CHANGE'];

export function refundStatusOf(s: RefundRowState): RefundStatus {
  switch (s) {
    case 'PENDING':
      return 'pending';
    case 'PROCESSING':
      return 'processing';
    case 'SUCCESS':
      return 'refunded';
    case 'REFUNDCLOSE':
      return 'closed';
    case 'CHANGE':
      return 'change';
    case 'FAILED':
      return 'failed';
    default:
      return assertNever(s);
  }
}
