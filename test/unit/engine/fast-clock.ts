// The engine suites' virtual clock: src/common/clock.ts VirtualClock, flushing with setImmediate turns
// instead of a timer turn, so thousands of 1-second polls cost milliseconds.
import { VirtualClock } from '../../../src/common/clock';

export const settle = async (turns = 3): Promise<void> => {
  for (let i = 0; i < turns; i++) await new Promise<void>((r) => setImmediate(r));
};

export class FastClock extends VirtualClock {
  constructor(startMs?: number) {
    super(startMs, { flush: () => settle(2) });
  }
}
