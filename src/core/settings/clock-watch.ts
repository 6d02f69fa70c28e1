// Issue 10 point 6: the till's clock compared with the gateway's, at start and every hour. A clock more
// than a minute off makes every time_expire wrong (INVALID_REQUEST loops, orders that expire at once),
// so while it is off, charge is refused and the shell shows a blocking banner with the offset. A gateway
// that cannot be reached or sends no Date leaves the last known verdict standing (unknown at first:
// never a block, preflight explains a missing connection).
import type { ClockStatus } from '../../common/api';
import type { Clock } from '../../common/clock';
import { CLOCK_SKEW_LIMIT_MS } from './preflight';

export const CLOCK_CHECK_INTERVAL_MS = 3600_000;

/** The gateway's time (from its HTTP Date header) as seen now, or null when it could not be read. */
export type GatewayTime = () => Promise<number | null>;

export interface ClockWatch {
  /** Checks now, then every interval until stop(). */
  start(): void;
  /** One comparison; resolves with the verdict (tests, and after a settings change). */
  check(): Promise<ClockStatus | null>;
  /** The last verdict; null before the first readable answer. */
  status(): ClockStatus | null;
  /** True while the last readable answer was more than the limit off. */
  blocked(): boolean;
  stop(): Promise<void>;
}

export interface ClockWatchDeps {
  readonly clock: Clock;
  readonly gatewayTime: GatewayTime;
  readonly intervalMs?: number;
  readonly limitMs?: number;
  /** Told when the verdict changes (logging). */
  readonly onChange?: (s: ClockStatus) => void;
}

export function createClockWatch(deps: ClockWatchDeps): ClockWatch {
  const { clock } = deps;
  const interval = deps.intervalMs ?? CLOCK_CHECK_INTERVAL_MS;
  const limit = deps.limitMs ?? CLOCK_SKEW_LIMIT_MS;
  let last: ClockStatus | null = null;
  const stopper = new AbortController();
  let loop: Promise<void> | null = null;

  const check = async (): Promise<ClockStatus | null> => {
    const t0 = clock.now();
    let gatewayMs: number | null;
    try {
      gatewayMs = await deps.gatewayTime();
    } catch {
      gatewayMs = null;
    }
    if (gatewayMs === null) return last;
    // The Date header is stamped between send and receive: compare it with the midpoint.
    const offsetMs = Math.round((t0 + clock.now()) / 2 - gatewayMs);
    const next: ClockStatus = { offsetMs, wrong: Math.abs(offsetMs) > limit, checkedAt: clock.now() };
    const changed = last === null || last.wrong !== next.wrong;
    last = next;
    if (changed) deps.onChange?.(next);
    return next;
  };

  return {
    start() {
      if (loop) return;
      loop = (async () => {
        while (!stopper.signal.aborted) {
          await check();
          try {
            await clock.sleep(interval, stopper.signal);
          } catch {
            return;
          }
        }
      })();
    },
    check,
    status: () => last,
    blocked: () => last?.wrong === true,
    async stop() {
      stopper.abort();
      await loop;
    },
  };
}

/** Plain words for the refusal (the renderer shows its own zh/en text for the code). */
export function clockWrongText(s: ClockStatus): string {
  const secs = Math.round(Math.abs(s.offsetMs) / 1000);
  return `This computer's clock is ${secs} s ${s.offsetMs > 0 ? 'ahead of' : 'behind'} WeChat Pay's: set the time automatically, then try again. No payment was started.`;
}
