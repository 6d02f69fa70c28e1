// When to ask the gateway again. Fast polling while a customer is likely to pay (a payment is seen
// within about a second), slower afterwards; errors back off with full jitter (reliability.md §1.1,
// AWS "exponential backoff and jitter") so a recovering gateway is not stampeded.

export interface PollPolicy {
  readonly fastMs: number; // orderquery interval during the fast window
  readonly fastWindowMs: number; // from attempt creation
  readonly slowMs: number; // interval afterwards
  readonly errorBaseMs: number;
  readonly errorCapMs: number;
  readonly errorFloorMs: number; // never hammer: at least this long after an error
  readonly refundPollMs: number; // refundquery interval while PROCESSING
  readonly inlineRetries: number; // retry-same answers retried before handing over to the watcher
}

export const DEFAULT_POLL_POLICY: PollPolicy = {
  fastMs: 1000,
  fastWindowMs: 60_000,
  slowMs: 5000,
  errorBaseMs: 1000,
  errorCapMs: 10_000,
  errorFloorMs: 200,
  refundPollMs: 5000,
  inlineRetries: 2,
};

export function pollDelay(p: PollPolicy, createdAt: number, now: number): number {
  return now - createdAt < p.fastWindowMs ? p.fastMs : p.slowMs;
}

/** Full jitter: uniform in [0, min(cap, base * 2^n)], raised to the floor. */
export function errorDelay(p: Pick<PollPolicy, 'errorBaseMs' | 'errorCapMs' | 'errorFloorMs'>, consecutiveErrors: number, random: () => number): number {
  const ceiling = Math.min(p.errorCapMs, p.errorBaseMs * 2 ** Math.min(consecutiveErrors, 16));
  return Math.max(p.errorFloorMs, Math.floor(random() * ceiling));
}
