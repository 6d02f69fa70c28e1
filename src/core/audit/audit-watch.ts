// Re-verifies the whole audit chain off the hot path (issue 11 point 4): once after every start (after
// recovery, in slices that yield to the event loop) and then every day while the till stays open.
// A break goes to the chain guard (refunds, mode and staff changes stop) and to the till as an alert.
import type { Clock } from '../../common/clock';
import type { AuditVerifyResult } from '../store/audit';
import type { ChainGuard } from './chain-guard';

export const AUDIT_RECHECK_MS = 86_400_000;

export interface AuditWatch {
  /** Runs one full check now (after start-up recovery), then daily until stop(). */
  start(after: Promise<unknown>): void;
  stop(): Promise<void>;
  /** Resolves with the result of the next (or current) full check; for tests and diagnostics. */
  checkNow(): Promise<AuditVerifyResult>;
}

export function createAuditWatch(deps: {
  readonly clock: Clock;
  readonly verifyFull: () => Promise<AuditVerifyResult>;
  readonly guard: ChainGuard;
  readonly onBroken: (r: Extract<AuditVerifyResult, { ok: false }>) => void;
  readonly onError: (e: unknown) => void;
  readonly intervalMs?: number;
}): AuditWatch {
  const stop = new AbortController();
  let running: Promise<unknown> = Promise.resolve();
  let last: Promise<AuditVerifyResult> | null = null;

  const checkNow = (): Promise<AuditVerifyResult> => {
    const was = deps.guard.state().ok;
    last = deps.verifyFull().then((r) => {
      deps.guard.report(r);
      // One alert per break, not one a day.
      if (!r.ok && was) deps.onBroken(r);
      return r;
    });
    return last;
  };

  const loop = async (after: Promise<unknown>): Promise<void> => {
    await after;
    while (!stop.signal.aborted) {
      await checkNow().catch(deps.onError);
      await deps.clock.sleep(deps.intervalMs ?? AUDIT_RECHECK_MS, stop.signal).catch(() => undefined);
    }
  };

  return {
    start(after) {
      running = loop(after);
    },
    async stop() {
      stop.abort();
      await running;
      await last?.catch(() => undefined);
    },
    checkNow,
  };
}
