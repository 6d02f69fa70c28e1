// A sleep that a cashier's action can cut short (cancel wakes the attempt's watcher at once) and
// that stop() aborts. A nudge that arrives while the watcher is busy is remembered for its next sleep.
import type { Clock } from '../../common/clock';

export class Waker {
  private ac = new AbortController();
  private nudged = false;

  constructor(
    private readonly clock: Clock,
    private readonly stopSignal: AbortSignal,
  ) {}

  async sleep(ms: number): Promise<void> {
    if (this.nudged || this.stopSignal.aborted) {
      this.nudged = false;
      return;
    }
    try {
      await this.clock.sleep(ms, AbortSignal.any([this.ac.signal, this.stopSignal]));
    } catch {
      // woken early (nudge or stop): the loop re-reads the row and decides
    }
    this.nudged = false;
  }

  nudge(): void {
    this.nudged = true;
    this.ac.abort();
    this.ac = new AbortController();
  }
}
