// Runs reconciliation by itself when due (issue 13 point 4): from 10:00 Beijing the next day, every bill
// date of the last week without a stored result is reconciled; "Bill Creating" or a failure is retried
// after retryMs. Sleeps on the injected clock, so tests drive it with a virtual one.
import { DAY_MS, parseBeijingDate, formatBeijingDate } from '../../common/beijing-time';
import type { Clock } from '../../common/clock';
import type { ReconcileSummary } from '../../common/day';
import type { Result } from '../../common/result';
import { BILL_READY_AFTER_MS, latestBillDate } from './reconcile-day';

export interface ReconcileSchedulerDeps {
  readonly clock: Clock;
  readonly run: (billDate: string) => Promise<Result<ReconcileSummary>>;
  readonly done: (billDate: string) => boolean;
  /** Bill dates to catch up on (default 7). */
  readonly lookBackDays?: number;
  /** After "Bill Creating" or a failure (default 30 min). */
  readonly retryMs?: number;
  readonly log?: (message: string, detail?: unknown) => void;
}

export interface ReconcileScheduler {
  start(): void;
  stop(): Promise<void>;
  /** One pass now (what the loop does when it wakes); resolves with the dates still not done. */
  pass(): Promise<readonly string[]>;
}

export function createReconcileScheduler(deps: ReconcileSchedulerDeps): ReconcileScheduler {
  const lookBack = deps.lookBackDays ?? 7;
  const retryMs = deps.retryMs ?? 30 * 60_000;
  let abort: AbortController | null = null;
  let loop: Promise<void> | null = null;

  const dueDates = (): string[] => {
    const latest = parseBeijingDate(latestBillDate(deps.clock.now()))!;
    const dates: string[] = [];
    for (let i = lookBack - 1; i >= 0; i--) dates.push(formatBeijingDate(latest - i * DAY_MS));
    return dates;
  };

  const pass = async (): Promise<string[]> => {
    const pending: string[] = [];
    for (const d of dueDates()) {
      if (deps.done(d)) continue;
      const r = await deps.run(d);
      if (!r.ok || r.value.outcome === 'not-yet' || r.value.outcome === 'failed') {
        pending.push(d);
        deps.log?.('reconciliation not done yet, retrying later', { billDate: d, why: r.ok ? r.value.message : r.code });
      }
    }
    return pending;
  };

  /** ms until the next bill becomes ready (10:00 Beijing), at least a minute. */
  const untilNextBill = (): number => {
    const now = deps.clock.now();
    const next = parseBeijingDate(latestBillDate(now))! + DAY_MS + BILL_READY_AFTER_MS;
    return Math.max(60_000, next - now);
  };

  return {
    start() {
      if (loop) return;
      const ac = new AbortController();
      abort = ac;
      loop = (async () => {
        while (!ac.signal.aborted) {
          let pending: string[] = [];
          try {
            pending = await pass();
          } catch (e) {
            deps.log?.('reconciliation pass failed', { error: e });
            pending = ['?'];
          }
          try {
            await deps.clock.sleep(pending.length ? retryMs : untilNextBill(), ac.signal);
          } catch {
            return; // stopped
          }
        }
      })();
    },
    async stop() {
      abort?.abort();
      await loop;
      loop = null;
    },
    pass,
  };
}
