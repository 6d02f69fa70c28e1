// createEngine: the checkout and refund engines behind one object.
// start() runs recovery: every non-final attempt and refund is resumed and asked about once
// (query, then reconcile) before ready() turns true and charge() takes a new sale.
import { setMaxListeners } from 'node:events';
import type { PendingItem, RecoveryProgress } from '../../common/api';
import { isPaymentCode } from '../../common/api';
import { err, ok } from '../../common/result';
import { markRefundHandled } from '../refunds/mark-refund-handled';
import { requestRefund } from '../refunds/request-refund';
import { CREDENTIALS_REJECTED } from '../settings/credential-health';
import { RefundDriver } from '../refunds/refund-driver';
import { dismissAlert, listOpenAlerts } from '../store/repos/alert-repo';
import { getAttempt, listOpenAttempts, markCancelRequested } from '../store/repos/attempt-repo';
import { getRefund, listOpenRefunds } from '../store/repos/refund-repo';
import { charge } from './charge';
import { quickPay } from './quick-pay';
import { createContext } from './engine-context';
import type { Engine, EngineDeps } from './engine-types';
import { AttemptDriver } from './native-driver';
import { buildPaymentView } from './payment-view';
import { NOT_A_PAYMENT_CODE_TEXT } from './quick-pay-texts';

export function createEngine(deps: EngineDeps): Engine {
  const stopper = new AbortController();
  // Every live watcher listens for stop (and its sleeps derive from it): many sales at once are normal.
  setMaxListeners(0, stopper.signal);
  const ctx = createContext(deps, stopper.signal);
  const attempts = new Map<string, AttemptDriver>();
  const refunds = new Map<string, RefundDriver>();
  let isReady = false;
  let started: Promise<void> | null = null;
  let recovery: { total: number; done: number; finished: boolean; items: PendingItem[] } = {
    total: 0,
    done: 0,
    finished: false,
    items: [],
  };

  const progress = (): RecoveryProgress => ({ ...recovery, items: [...recovery.items] });
  const emitRecovery = (): void => {
    try {
      deps.events('recovery', progress());
    } catch (e) {
      ctx.log('recovery listener threw', e);
    }
  };

  const runAttempt = (d: AttemptDriver, firstWaitMs = 0): void => {
    attempts.set(d.attemptId, d);
    d.loop.start(firstWaitMs);
    void d.loop.done.then(() => attempts.delete(d.attemptId));
  };
  const runRefund = (d: RefundDriver): void => {
    refunds.set(d.refundRowId, d);
    d.loop.start();
    void d.loop.done.then(() => refunds.delete(d.refundRowId));
  };

  ctx.watchRefund = (id) => {
    if (!refunds.has(id)) runRefund(new RefundDriver(ctx, id));
  };

  async function recover(): Promise<void> {
    const openAttempts = listOpenAttempts(ctx.db);
    const openRefunds = listOpenRefunds(ctx.db);
    const now = ctx.clock.now();
    // A QR from before the restart is no longer on screen: treat it as cancelled (a payment that
    // still lands becomes a flagged receipt with an alert), so it does not block the next sale.
    for (const a of openAttempts) {
      if (a.cancelRequestedAt === null) {
        ctx.db.transaction(() => {
          if (markCancelRequested(ctx.db, a.id, now))
            ctx.audit('recovery', 'cancel', a.outTradeNo, { attemptId: a.id, reason: 'till restarted' });
        })();
      }
    }
    recovery = {
      total: openAttempts.length + openRefunds.length,
      done: 0,
      finished: false,
      items: [
        ...openAttempts.map((a) => ({ kind: 'payment' as const, id: a.id, outNo: a.outTradeNo, amountFen: a.totalFen, state: a.state })),
        ...openRefunds.map((r) => ({ kind: 'refund' as const, id: r.id, outNo: r.outRefundNo, amountFen: r.amountFen, state: r.state })),
      ],
    };
    emitRecovery();
    ctx.crash('recovery.started');
    // An item counts as done at its first definite answer, or when the gateway rejects the till's
    // credentials (shown as CREDENTIALS_REJECTED; its watcher keeps asking and resumes with new ones).
    const counted = new Set<string>();
    const settle = (id: string, state: () => string | null) => (): void => {
      const first = !counted.has(id);
      counted.add(id);
      recovery = {
        ...recovery,
        done: recovery.done + (first ? 1 : 0),
        items: recovery.items.map((i) => (i.id === id ? { ...i, state: state() ?? i.state } : i)),
      };
      emitRecovery();
    };
    const rejected = deps.credentialsRejected?.() ?? new Promise<void>(() => undefined);
    const firstOf = (id: string, resolved: Promise<void>, state: () => string | null): Promise<void> => {
      const answered = resolved.then(settle(id, state));
      const unresolved = rejected.then(() => (counted.has(id) ? undefined : settle(id, () => CREDENTIALS_REJECTED)()));
      return Promise.race([answered, unresolved]);
    };
    const waits: Promise<void>[] = [];
    for (const a of openAttempts) {
      const d = new AttemptDriver(ctx, a.id);
      runAttempt(d);
      waits.push(firstOf(a.id, d.loop.firstResolved, () => getAttempt(ctx.db, a.id)?.state ?? null));
    }
    for (const r of openRefunds) {
      const d = new RefundDriver(ctx, r.id);
      runRefund(d);
      waits.push(firstOf(r.id, d.loop.firstResolved, () => getRefund(ctx.db, r.id)?.state ?? null));
    }
    await Promise.all(waits);
    if (stopper.signal.aborted) return;
    recovery = { ...recovery, finished: true };
    isReady = true;
    emitRecovery();
  }

  return {
    start() {
      started ??= recover();
      return started;
    },
    ready: () => isReady,
    async stop() {
      stopper.abort(new Error('engine stopped'));
      await Promise.all([...attempts.values()].map((d) => d.loop.done));
      await Promise.all([...refunds.values()].map((d) => d.loop.done));
      if (started) await started.catch(() => undefined);
    },
    async charge(input) {
      if (!isReady) return err('NOT_READY', 'the till is still resolving earlier payments');
      return charge(ctx, input, runAttempt);
    },
    async getPayment({ attemptId }) {
      const row = getAttempt(ctx.db, attemptId);
      if (!row) return err('NOT_FOUND', 'no such payment');
      return ok(buildPaymentView(ctx.db, row, ctx.clock.now(), deps.storeName(), attempts.get(attemptId)?.connection()));
    },
    async cancelPayment({ attemptId }) {
      const row = getAttempt(ctx.db, attemptId);
      if (!row) return err('NOT_FOUND', 'no such payment');
      const now = ctx.clock.now();
      const changed = ctx.db.transaction(() => {
        const c = markCancelRequested(ctx.db, attemptId, now);
        if (c) ctx.audit('cashier', 'cancel', row.outTradeNo, { attemptId, saleId: row.saleId });
        return c;
      })();
      const fresh = getAttempt(ctx.db, attemptId) ?? row;
      const view = buildPaymentView(ctx.db, fresh, ctx.clock.now(), deps.storeName(), attempts.get(attemptId)?.connection());
      if (changed) {
        ctx.crash('cancel.after-commit');
        ctx.emitPayment(view);
        attempts.get(attemptId)?.loop.nudge();
      }
      return ok(view);
    },
    async getRecovery() {
      return ok(progress());
    },
    async requestRefund(input) {
      if (!isReady) return err('NOT_READY', 'the till is still resolving earlier payments');
      return requestRefund(ctx, input, runRefund);
    },
    async getAlerts() {
      return ok(listOpenAlerts(ctx.db));
    },
    async dismissAlert({ alertId }) {
      return dismissAlert(ctx.db, alertId, ctx.clock.now()) ? ok(null) : err('NOT_FOUND', 'no such open alert');
    },
    async markRefundHandled(input) {
      return markRefundHandled(ctx, input);
    },
    // --- issue 12 quick pay ---
    async quickPay(input) {
      if (!isPaymentCode(input.authCode.trim())) return err('NOT_A_PAYMENT_CODE', NOT_A_PAYMENT_CODE_TEXT);
      if (!isReady) return err('NOT_READY', 'the till is still resolving earlier payments');
      return quickPay(ctx, input, runAttempt);
    },
    authCodeOf(attemptId) {
      return getAttempt(ctx.db, attemptId)?.authCode ?? null;
    },
  };
}
