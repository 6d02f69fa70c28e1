// A virtual clock for engine tests whose advance() lets promise jobs run with setImmediate turns
// instead of setTimeout(0): thousands of 1-second polls cost milliseconds. Same contract as
// src/common/clock.ts VirtualClock (which the engine and gateway only see as a Clock).
import type { Clock } from '../../../src/common/clock';

interface Sleeper {
  at: number;
  seq: number;
  resolve: () => void;
}

export const settle = async (turns = 3): Promise<void> => {
  for (let i = 0; i < turns; i++) await new Promise<void>((r) => setImmediate(r));
};

export class FastClock implements Clock {
  private t: number;
  private seq = 0;
  private sleepers: Sleeper[] = [];

  constructor(startMs = Date.UTC(2026, 0, 15, 2, 0, 0)) {
    this.t = startMs;
  }

  now(): number {
    return this.t;
  }

  get pending(): number {
    return this.sleepers.length;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const s: Sleeper = {
        at: this.t + Math.max(0, ms),
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.sleepers = this.sleepers.filter((x) => x !== s);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sleepers.push(s);
    });
  }

  /** Moves time forward, waking sleepers in order and letting their jobs run before the next. */
  async advance(ms: number): Promise<void> {
    const target = this.t + ms;
    await settle(1);
    for (;;) {
      let due: Sleeper | undefined;
      for (const s of this.sleepers) if (s.at <= target && (!due || s.at < due.at || (s.at === due.at && s.seq < due.seq))) due = s;
      if (!due) break;
      const d = due;
      this.sleepers = this.sleepers.filter((s) => s !== d);
      this.t = Math.max(this.t, d.at);
      d.resolve();
      await settle(2);
    }
    this.t = target;
    await settle(2);
  }
}
