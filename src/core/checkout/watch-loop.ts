// The one watcher loop of every payment attempt and refund (and quick pay next): ask the step what to
// do, then wait. The step answers with a value — wait N ms, go again now, back off, or done — never
// an exception; a step that throws anyway is a bug or a broken database, logged and backed off like
// trouble. One loop per attempt or refund, so never more than one gateway call in flight for it.
import type { Clock } from '../../common/clock';
import { assertNever } from './attempt-states';
import { errorDelay, type PollPolicy } from './poll-policy';
import { Waker } from './waker';

export type Step =
  | { readonly kind: 'wait'; readonly ms: number } // settled for now: ask again after ms
  | { readonly kind: 'now' } // progress made: decide again at once
  | { readonly kind: 'backoff'; readonly reason: string } // the gateway gave no usable answer
  | { readonly kind: 'done' }; // final (or gone): the watcher ends

export const now: Step = { kind: 'now' };
export const done: Step = { kind: 'done' };
export const wait = (ms: number): Step => ({ kind: 'wait', ms });
export const backoff = (reason: string): Step => ({ kind: 'backoff', reason });

/** More 'now' answers in a row than this and the loop still yields (errorFloorMs) to the event loop. */
export const MAX_NOW_STREAK = 5;

export interface WatchLoopDeps {
  readonly clock: Clock;
  readonly stopSignal: AbortSignal;
  readonly policy: Pick<PollPolicy, 'errorBaseMs' | 'errorCapMs' | 'errorFloorMs'>;
  readonly random: () => number;
  log(message: string, detail?: unknown): void;
}

export interface WatchLoopSpec {
  /** 'attempt', 'refund', ...: names the watcher in logs. */
  readonly name: string;
  step(): Promise<Step>;
  /** Called with the reason of each back-off (e.g. recorded as the row's last_reason). */
  onBackoff?(reason: string): void;
}

export class WatchLoop {
  private readonly waker: Waker;
  private errors = 0;
  private streak = 0;
  private resolved = false;
  private resolveFirst!: () => void;
  private readonly onStop = (): void => this.resolveFirst();
  /** Settles after the first definite gateway answer (recovery waits for it) or at stop. */
  readonly firstResolved = new Promise<void>((r) => (this.resolveFirst = r));
  done: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: WatchLoopDeps,
    private readonly spec: WatchLoopSpec,
  ) {
    this.waker = new Waker(deps.clock, deps.stopSignal);
    deps.stopSignal.addEventListener('abort', this.onStop, { once: true });
  }

  /** Cuts the current (or next) sleep short: a cashier's cancel is acted on at once. */
  nudge(): void {
    this.waker.nudge();
  }

  /** The step got a definite answer from the gateway. */
  markResolved(): void {
    if (!this.resolved) {
      this.resolved = true;
      this.resolveFirst();
    }
  }

  /** firstWaitMs: a QR that has just been shown cannot have been paid yet, so its first query waits. */
  start(firstWaitMs = 0): void {
    this.done = this.run(firstWaitMs).catch((e: unknown) => this.deps.log(`${this.spec.name} watcher stopped by an error`, e));
  }

  private async run(firstWaitMs: number): Promise<void> {
    const { deps } = this;
    if (firstWaitMs > 0) await this.waker.sleep(firstWaitMs);
    while (!deps.stopSignal.aborted) {
      let delay: number | 'now' | null;
      try {
        delay = this.delayFor(await this.spec.step());
      } catch (e) {
        deps.log(`${this.spec.name} step failed`, e);
        delay = this.errorDelay();
      }
      if (delay === null) break;
      // A step that keeps asking to go again without settling must still yield to the event loop.
      this.streak = delay === 'now' ? this.streak + 1 : 0;
      if (this.streak > MAX_NOW_STREAK) delay = deps.policy.errorFloorMs;
      if (delay !== 'now') await this.waker.sleep(delay);
    }
    this.markResolved();
    deps.stopSignal.removeEventListener('abort', this.onStop);
  }

  /** ms to sleep, 'now', or null when the watcher is done. */
  private delayFor(step: Step): number | 'now' | null {
    switch (step.kind) {
      case 'done':
        return null;
      case 'backoff':
        this.spec.onBackoff?.(step.reason);
        return this.errorDelay();
      case 'wait':
        this.errors = 0;
        return step.ms;
      case 'now':
        this.errors = 0;
        return 'now';
      default:
        return assertNever(step);
    }
  }

  /** Full jitter that grows with each consecutive failure: a recovering gateway is not stampeded. */
  private errorDelay(): number {
    return errorDelay(this.deps.policy, this.errors++, this.deps.random);
  }
}
