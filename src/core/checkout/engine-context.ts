// The shared, already-defaulted view of EngineDeps that the checkout and refund drivers use.
import type Database from 'better-sqlite3';
import type { Alert, PaymentView, RefundView } from '../../common/api';
import type { Clock } from '../../common/clock';
import type { WxPayClient } from '../wxpay/types';
import type { CrashPoint, EngineDeps } from './engine-types';
import { DEFAULT_POLL_POLICY, type PollPolicy } from './poll-policy';
import { DEFAULT_QUICK_PAY_POLICY, type QuickPayPolicy } from './quick-pay-policy';

export interface EngineContext {
  readonly deps: EngineDeps;
  readonly db: Database.Database;
  readonly clock: Clock;
  readonly policy: PollPolicy;
  readonly random: () => number;
  readonly closeFloorMs: number;
  readonly expireMs: number;
  readonly refundSpacingMs: number;
  readonly stopSignal: AbortSignal;
  readonly quickPay: QuickPayPolicy; // issue 12
  gateway(): WxPayClient;
  crash(point: CrashPoint): void;
  log(message: string, detail?: unknown): void;
  audit(actor: string, action: string, subject: string, detail: Record<string, unknown>): void;
  emitPayment(view: PaymentView): void;
  emitRefund(view: RefundView): void;
  emitAlert(alert: Alert): void;
  /** Starts the watcher of a refund row written outside requestRefund (a refund made on the merchant platform). */
  watchRefund(refundRowId: string): void;
}

export const MIN_EXPIRE_MS = 5 * 60_000;

export function createContext(deps: EngineDeps, stopSignal: AbortSignal): EngineContext {
  const log = deps.log ?? ((): void => undefined);
  // Events go out after the commit; a failing listener must never undo or stall a state change.
  const emit = <E extends 'payment' | 'refund' | 'alert'>(name: E, payload: Parameters<EngineDeps['events']>[1]): void => {
    try {
      deps.events(name, payload as never);
    } catch (e) {
      log(`event listener for ${name} threw`, e);
    }
  };
  return {
    deps,
    db: deps.store.db,
    clock: deps.clock,
    policy: { ...DEFAULT_POLL_POLICY, ...deps.pollPolicy },
    random: deps.random ?? Math.random,
    closeFloorMs: deps.closeFloorMs ?? 5 * 60_000,
    expireMs: Math.max(deps.expireMs ?? 10 * 60_000, MIN_EXPIRE_MS),
    refundSpacingMs: deps.refundSpacingMs ?? 60_000,
    stopSignal,
    quickPay: { ...DEFAULT_QUICK_PAY_POLICY, ...deps.quickPay },
    gateway: () => deps.gateway(),
    crash: (p) => deps.crashAt?.(p),
    log,
    audit: (actor, action, subject, detail) =>
      deps.store.audit.append({ actor, action, subject, detail: JSON.stringify(detail) }),
    emitPayment: (v) => emit('payment', v),
    emitRefund: (v) => emit('refund', v),
    emitAlert: (a) => emit('alert', a),
    watchRefund: () => undefined, // replaced by the engine once its refund watchers exist
  };
}
