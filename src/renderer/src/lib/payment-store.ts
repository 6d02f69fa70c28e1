// The one owner of the payment on screen. Core's 'payment' events are the source: each one for this
// attempt is merged forward-only (lib/payment-status) and shown as it is, without asking core again.
// getPayment is read once when the store starts (an event may have gone out between the charge's answer
// and the screen listening) and once more after a finished recovery; there is no poll beside the events.
import type { PaymentView, PosApi } from '../../../common/api';
import type { Result } from '../../../common/result';
import { mergePayment } from './payment-status';

/** What the store needs from the bridge; calls answer with values (bridge.ts `call`), never throw. */
export type PaymentPort = Pick<PosApi, 'getPayment' | 'cancelPayment' | 'on'>;

export interface PaymentStore {
  /** The view to show; null only until the first answer when the store had no seed. */
  getSnapshot(): PaymentView | null;
  subscribe(listener: () => void): () => void;
  /** Listens to the events and reads the payment once; returns stop. */
  start(): () => void;
  /** Asks core to cancel; its answer goes through the same merge. A second call while one is out gets the same answer. */
  cancel(): Promise<Result<PaymentView>>;
}

export function createPaymentStore(port: PaymentPort, attemptId: string, seed: PaymentView | null): PaymentStore {
  let view: PaymentView | null = seed && seed.attemptId === attemptId ? seed : null;
  const listeners = new Set<() => void>();
  let cancelling: Promise<Result<PaymentView>> | null = null;

  const learn = (next: PaymentView): void => {
    if (next.attemptId !== attemptId) return; // another attempt's news (an earlier sale, a recovered one)
    const merged = mergePayment(view, next);
    if (merged === view) return;
    view = merged;
    for (const l of [...listeners]) l();
  };

  const read = (): void => {
    void port.getPayment({ attemptId }).then((r) => {
      if (r.ok) learn(r.value);
    });
  };

  return {
    getSnapshot: () => view,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      const offPayment = port.on('payment', learn);
      const offRecovery = port.on('recovery', (p) => {
        if (p.finished) read();
      });
      read();
      return () => {
        offPayment();
        offRecovery();
      };
    },
    cancel() {
      cancelling ??= port.cancelPayment({ attemptId }).then((r) => {
        cancelling = null;
        if (r.ok) learn(r.value);
        return r;
      });
      return cancelling;
    },
  };
}
