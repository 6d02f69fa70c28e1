// The payment on screen, from its store (lib/payment-store): live from core's events, read once on mount.
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

/** `seed` (the charge's answer) is shown until core says more; it only counts when the attempt changes. */
export function usePayment(attemptId: string, seed: PaymentView | null = null): PaymentHandle {
  // one store per attempt: a later seed for the same attempt is news the store gets from core anyway
  const store = useMemo(() => createPaymentStore(port, attemptId, seed), [attemptId]);
  useEffect(() => store.start(), [store]);
  const payment = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return { payment, cancel: store.cancel };
}
