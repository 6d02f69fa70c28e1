// One clock for the whole house, injected everywhere, so tests run 5-minute and 2-hour rules in
// milliseconds (architecture.md). The simulator and the engine share one VirtualClock in tests.

export interface Clock {
  /** Wall-clock epoch milliseconds. */
  now(): number;
  /** Resolves after ms of this clock's time; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Milliseconds since an arbitrary origin that only ever move forward with real time: setting the
   * wall clock does not move them. Durations that guard money or access (refund spacing, PIN lockouts)
   * are measured on it. Absent: now() is used (see monotonicNow).
   */
  monotonic?(): number;
}

/** The clock's monotonic time, or its wall time when it has none. */
export function monotonicNow(clock: Clock): number {
  return clock.monotonic ? clock.monotonic() : clock.now();
}

export const realClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const t = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      const onAbort = (): void => {
        clearTimeout(t);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

interface Sleeper {
  readonly at: number;
  readonly seq: number;
  readonly resolve: () => void;
}

export interface VirtualClockOptions {
  /**
   * Lets the jobs a wake-up schedules run before time moves on. The default (a few microtask turns and
   * one timer turn) works everywhere; Node-only suites that wake thousands of sleepers pass a cheaper
   * setImmediate-based one.
   */
  readonly flush?: () => Promise<void>;
}

/**
 * A clock that only moves when told to. advance() wakes every sleeper whose time has come, in order,
 * letting the promise jobs each wake-up schedules run before the next one.
 */
export class VirtualClock implements Clock {
  private t: number;
  /** Time advanced so far: set() moves the wall clock, never this. */
  private mono = 0;
  private seq = 0;
  private sleepers: Sleeper[] = [];
  private readonly flush: () => Promise<void>;

  constructor(startMs = Date.UTC(2026, 0, 15, 2, 0, 0), opts: VirtualClockOptions = {}) {
    this.t = startMs;
    this.flush = opts.flush ?? flushJobs;
  }

  now(): number {
    return this.t;
  }

  monotonic(): number {
    return this.mono;
  }

  /** Number of sleepers waiting; lets a test wait for "the engine is idle". */
  get pending(): number {
    return this.sleepers.length;
  }

  /** Time of the earliest sleeper, or null. */
  nextWakeAt(): number | null {
    return this.sleepers.length ? Math.min(...this.sleepers.map((s) => s.at)) : null;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const sleeper: Sleeper = {
        at: this.t + Math.max(0, ms),
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sleepers.push(sleeper);
    });
  }

  /** Moves time forward by ms, waking sleepers in time order. */
  async advance(ms: number): Promise<void> {
    const target = this.t + ms;
    const t0 = this.t;
    const m0 = this.mono;
    await this.flush(); // jobs already queued run at the old time
    for (;;) {
      let due: Sleeper | undefined;
      for (const s of this.sleepers) if (s.at <= target && (!due || s.at < due.at || (s.at === due.at && s.seq < due.seq))) due = s;
      if (!due) break;
      const d = due;
      this.sleepers = this.sleepers.filter((s) => s !== d);
      this.mono = Math.max(this.mono, m0 + Math.min(ms, d.at - t0));
      this.t = Math.max(this.t, d.at);
      d.resolve();
      await this.flush();
    }
    this.mono = m0 + Math.max(0, ms);
    this.t = target;
    await this.flush();
  }

  /** Sets the wall clock (a jump forwards or backwards), without waking anyone. */
  set(ms: number): void {
    this.t = ms;
  }
}

/** Lets queued promise jobs (and one macrotask turn) run. */
export async function flushJobs(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  await new Promise<void>((r) => setTimeout(r, 0));
}
