import type { Clock } from '../../src/common/clock';

interface Waiter {
  readonly at: number;
  readonly resolve: () => void;
  readonly timer: NodeJS.Timeout;
}

/**
 * Real time that a test can jump forward: now() = Date.now() + offset. A sleeper wakes when real time
 * reaches its deadline or when a jump carries the clock past it, so an e2e run can pass a 10-minute
 * expiry in one step while everything else runs at natural speed. Shared by the engine and the simulator.
 */
export class JumpClock implements Clock {
  private offset = 0;
  private waiters = new Set<Waiter>();

  now(): number {
    return Date.now() + this.offset;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const done = (): void => {
        clearTimeout(waiter.timer);
        this.waiters.delete(waiter);
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const waiter: Waiter = { at: this.now() + Math.max(0, ms), resolve: done, timer: setTimeout(done, Math.max(0, ms)) };
      const onAbort = (): void => {
        clearTimeout(waiter.timer);
        this.waiters.delete(waiter);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(waiter);
    });
  }

  /** Moves the clock forward by ms and wakes every sleeper whose deadline has passed. */
  jump(ms: number): void {
    this.offset += ms;
    const now = this.now();
    for (const w of [...this.waiters]) if (w.at <= now) w.resolve();
  }
}
