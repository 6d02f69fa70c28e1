// The payment store (issue 9.6): core's events are the source of what the payment screen shows. A fake
// bridge counts the calls the store makes, so "no round trip per event" and "no poll" are measured,
// not assumed. Replay the property test: RENDERER_PAYMENT_SEED=<seed> npx vitest run test/unit/renderer/payment-store.test.ts
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PaymentStatus, PaymentView, PosEventName, PosEvents, RecoveryProgress } from '../../../src/common/api';
import type { Result } from '../../../src/common/result';
import { createPaymentStore, type PaymentPort } from '../../../src/renderer/src/lib/payment-store';
import { statusRank } from '../../../src/renderer/src/lib/payment-status';

const seed = Number(process.env.RENDERER_PAYMENT_SEED ?? 20260906);

const view = (status: PaymentStatus, attemptId = 'a1', extra: Partial<PaymentView> = {}): PaymentView => ({
  attemptId,
  saleId: 's1',
  outTradeNo: 'o1',
  totalFen: 880,
  status,
  codeUrl: status === 'waiting' || status === 'paying' ? 'weixin://wxpay/bizpayurl?pr=x' : null,
  expiresAt: 600_000,
  reason: null,
  receipt: null,
  connection: { ok: true },
  watching: false,
  kind: 'NATIVE', // issue 12
  ...extra,
});

/** A bridge whose answers the test releases by hand (so replies can land after events), counting calls. */
function fakeBridge() {
  const calls = { getPayment: 0, cancelPayment: 0 };
  const held: ((v: PaymentView) => void)[] = [];
  const cancels: ((v: PaymentView) => void)[] = [];
  const listeners = new Map<PosEventName, Set<(p: never) => void>>();
  const port: PaymentPort = {
    getPayment: () => {
      calls.getPayment += 1;
      return new Promise<Result<PaymentView>>((resolve) => held.push((v) => resolve({ ok: true, value: v })));
    },
    cancelPayment: () => {
      calls.cancelPayment += 1;
      return new Promise<Result<PaymentView>>((resolve) => cancels.push((v) => resolve({ ok: true, value: v })));
    },
    on: (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (p: never) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (p: never) => void);
    },
  };
  const emit = <E extends PosEventName>(event: E, payload: PosEvents[E]): void => {
    for (const l of listeners.get(event) ?? []) (l as (p: PosEvents[E]) => void)(payload);
  };
  /** Answers the oldest outstanding call of that kind with `v` and lets the reply be handled. */
  const release = async (queue: ((v: PaymentView) => void)[], name: string, v: PaymentView): Promise<void> => {
    const r = queue.shift();
    if (!r) throw new Error(`no ${name} outstanding`);
    r(v);
    await Promise.resolve();
    await Promise.resolve();
  };
  const answer = (v: PaymentView): Promise<void> => release(held, 'getPayment', v);
  const answerCancel = (v: PaymentView): Promise<void> => release(cancels, 'cancelPayment', v);
  const subscribers = (event: PosEventName): number => listeners.get(event)?.size ?? 0;
  return { port, calls, emit, answer, answerCancel, subscribers };
}

const recovery = (finished: boolean): RecoveryProgress => ({ total: 1, done: finished ? 1 : 0, finished, items: [] });

/** A store for attempt a1 showing the charge's answer (waiting), started on a fresh fake bridge. */
function started(seedView: PaymentView | null = view('waiting')) {
  const b = fakeBridge();
  const store = createPaymentStore(b.port, 'a1', seedView);
  const stop = store.start();
  return { b, store, stop };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('payment store: events are the source', () => {
  it('a payment event updates the view without a getPayment call, and nothing polls beside the events', async () => {
    vi.useFakeTimers();
    const { b, store } = started();
    expect(b.calls.getPayment).toBe(1); // the one read on mount
    await b.answer(view('waiting'));
    const seen: (PaymentStatus | undefined)[] = [];
    store.subscribe(() => seen.push(store.getSnapshot()?.status));

    b.emit('payment', view('paying', 'a1'));
    expect(store.getSnapshot()?.status).toBe('paying');
    const receipt = { saleId: 's1', transactionId: '4200000000000000000001' } as PaymentView['receipt'];
    b.emit('payment', view('paid', 'a1', { receipt }));
    expect(store.getSnapshot()).toMatchObject({ status: 'paid', receipt, codeUrl: null });
    expect(seen).toEqual(['paying', 'paid']);

    vi.advanceTimersByTime(60_000); // a minute on the payment screen: no poll
    expect(b.calls).toEqual({ getPayment: 1, cancelPayment: 0 });
  });

  it('ignores events for another attempt', async () => {
    const { b, store } = started();
    await b.answer(view('waiting'));
    let notified = 0;
    store.subscribe(() => (notified += 1));
    b.emit('payment', view('paid', 'a2'));
    b.emit('payment', view('cancelled', 'a0'));
    expect(store.getSnapshot()).toEqual(view('waiting'));
    expect(notified).toBe(0);
    expect(b.calls.getPayment).toBe(1);
  });

  it('a getPayment answer sent before an event never overwrites it (forward-only)', async () => {
    const { b, store } = started();
    b.emit('payment', view('paid', 'a1'));
    await b.answer(view('waiting')); // the read on mount, answered late
    expect(store.getSnapshot()?.status).toBe('paid');

    const c = createPaymentStore(b.port, 'a1', view('waiting'));
    c.start();
    b.emit('payment', view('cancelled', 'a1'));
    b.emit('payment', view('waiting', 'a1')); // stale
    b.emit('payment', view('creating', 'a1')); // stale
    expect(c.getSnapshot()?.status).toBe('cancelled');
    b.emit('payment', view('paid', 'a1')); // paid after cancel still shows
    expect(c.getSnapshot()?.status).toBe('paid');
  });

  it('fills in a missed event from the one read on mount', async () => {
    const { b, store } = started();
    await b.answer(view('paid'));
    expect(store.getSnapshot()?.status).toBe('paid');
  });

  it('reads once more after a finished recovery, not on progress', async () => {
    const { b, store } = started();
    await b.answer(view('waiting'));
    b.emit('recovery', recovery(false));
    expect(b.calls.getPayment).toBe(1);
    b.emit('recovery', recovery(true));
    expect(b.calls.getPayment).toBe(2);
    await b.answer(view('expired'));
    expect(store.getSnapshot()?.status).toBe('expired');
  });

  it('stop unsubscribes: later events change nothing', async () => {
    const { b, store, stop } = started();
    expect(b.subscribers('payment')).toBe(1);
    stop();
    expect(b.subscribers('payment')).toBe(0);
    expect(b.subscribers('recovery')).toBe(0);
    b.emit('payment', view('paid'));
    expect(store.getSnapshot()?.status).toBe('waiting');
  });

  it('cancel: one call however often Esc is pressed, and its answer merges forward-only', async () => {
    const { b, store } = started();
    await b.answer(view('waiting'));
    const first = store.cancel();
    const second = store.cancel();
    expect(b.calls.cancelPayment).toBe(1);
    b.emit('payment', view('paid')); // the customer paid before the cancel landed
    await b.answerCancel(view('cancelled'));
    expect(await first).toEqual({ ok: true, value: view('cancelled') });
    expect(await second).toEqual(await first);
    expect(store.getSnapshot()?.status).toBe('paid');
    expect(b.calls.getPayment).toBe(1);
  });

  it('without a seed shows nothing until the read answers', async () => {
    const { b, store } = started(null);
    expect(store.getSnapshot()).toBeNull();
    await b.answer(view('waiting'));
    expect(store.getSnapshot()?.status).toBe('waiting');
  });

  it('whatever order news arrives in, the shown status never goes back (property)', async () => {
    console.log('payment-store seed', seed, `(replay: RENDERER_PAYMENT_SEED=${seed})`);
    const statuses: PaymentStatus[] = ['creating', 'unknown', 'waiting', 'paying', 'cancelled', 'expired', 'failed', 'paid'];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ status: fc.constantFrom(...statuses), via: fc.constantFrom('event', 'read', 'other') }), { maxLength: 12 }),
        async (news) => {
          const { b, store } = started();
          let rank = statusRank('waiting');
          for (const n of news) {
            if (n.via === 'event') b.emit('payment', view(n.status));
            else if (n.via === 'other') b.emit('payment', view(n.status, 'a9'));
            else {
              b.emit('recovery', recovery(true));
              await b.answer(view(n.status));
            }
            const shown = store.getSnapshot();
            expect(shown?.attemptId).toBe('a1');
            const r = statusRank(shown?.status ?? 'creating');
            expect(r).toBeGreaterThanOrEqual(rank);
            rank = r;
          }
          // paid, once told, is what stays
          if (news.some((n) => n.status === 'paid' && n.via !== 'other')) expect(store.getSnapshot()?.status).toBe('paid');
        },
      ),
      { seed, numRuns: 300 },
    );
  });
});
