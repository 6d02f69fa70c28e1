// The payment on screen, from its store (lib/payment-store): live from core's events, read once when
// the attempt appears. App holds it, so it stays live while the cashier looks at another screen.
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { PaymentView } from '../../../common/api';
import type { Result } from '../../../common/result';
import { call, pos } from '../bridge';
import { createPaymentStore, type PaymentPort } from '../lib/payment-store';

const port: PaymentPort = {
  getPayment: (input) => call(() => pos.getPayment(input)),
  cancelPayment: (input) => call(() => pos.cancelPayment(input)),
  on: (event, listener) => pos.on(event, listener),
};

export interface PaymentHandle {
  readonly payment: PaymentView | null;
  readonly cancel: () => Promise<Result<PaymentView>>;
}

const idle = { subscribe: () => () => undefined, getSnapshot: () => null };

/**
 * The live payment for `attemptId` (null: no payment on screen, and the answer is null too). `seed`
 * (the charge's answer) is shown until core says more; it only counts when the attempt changes.
 */
export function usePayment(attemptId: string | null, seed: PaymentView | null = null): PaymentHandle | null {
  // one store per attempt: a later seed for the same attempt is news the store gets from core anyway
  const store = useMemo(() => (attemptId ? createPaymentStore(port, attemptId, seed) : null), [attemptId]);
  useEffect(() => store?.start(), [store]);
  const payment = useSyncExternalStore((store ?? idle).subscribe, (store ?? idle).getSnapshot);
  return store ? { payment, cancel: store.cancel } : null;
}
