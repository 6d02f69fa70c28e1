// When a refund stops being asked about: the polling budget and the bound after which a refund that
// WeChat definitely does not have ends (issue 10). The rules, in words (also docs/reliability.md):
//
// 1. Polling budget. refundquery (and a resend of the same out_refund_no while WeChat does not know the
//    refund) follows the refund's age: every 5 s in its first minute, every minute until 10 min, every
//    10 min until 1 h, then hourly (WeChat: ~20 min to a balance, up to 3 working days to a bank card).
//    A query that gets no usable answer waits the same step, never less: at most one call in flight
//    (one watcher per refund) and at most ~50 refundquery (+ as many resends) per open refund per day.
// 2. The end of a refund WeChat does not have. "Not there" = refundquery answers REFUNDNOTEXIST (the
//    resend that follows it is then refused, or provably never leaves the machine). When the run of
//    not-there answers is at least NOT_THERE_MIN_ANSWERS long AND spans at least NOT_THERE_MIN_SPAN_MS,
//    the refund ends NOT_ACCEPTED. Any other answer (found, accepted, no usable answer) is not counted;
//    found or accepted resets the run. A send that was accepted (PROCESSING) never ends this way.
// 3. Its amount is released (NOT_ACCEPTED does not reserve): after an hour of WeChat not knowing the
//    out_refund_no while every resend of it is refused, no send can still surface (a resend of an
//    accepted out_refund_no is answered with the existing refund, never refused), so keeping the amount
//    would only block a correct new refund. The watcher stops, so the refund can never go through
//    silently days later (e.g. NOTENOUGH after the merchant tops up). A manager alert says what is
//    known and what to do (check on the merchant platform; for NOTENOUGH, top up and refund again).

/** Definite not-there answers needed before a refund ends NOT_ACCEPTED. */
export const NOT_THERE_MIN_ANSWERS = 5;
/** ... and the time they must span. */
export const NOT_THERE_MIN_SPAN_MS = 60 * 60_000;

/** Whether a run of not-there answers (first at since, count long) ends the refund at now. */
export function notThereLongEnough(since: number | null, count: number, now: number): boolean {
  return since !== null && count >= NOT_THERE_MIN_ANSWERS && now - since >= NOT_THERE_MIN_SPAN_MS;
}

/** The refundquery schedule: [age below which, interval] pairs, then HOURLY. */
const SCHEDULE: readonly (readonly [number, number])[] = [
  [60_000, 5_000],
  [10 * 60_000, 60_000],
  [60 * 60_000, 10 * 60_000],
];
const HOURLY = 60 * 60_000;

/**
 * How long to wait before asking about a refund again, by its age (ms since it was created). firstMs
 * replaces the first step's 5 s (tests and the sandbox may use a shorter refundPollMs).
 */
export function refundPollDelay(ageMs: number, firstMs = SCHEDULE[0]![1]): number {
  for (const [below, every] of SCHEDULE) if (ageMs < below) return below === SCHEDULE[0]![0] ? firstMs : every;
  return HOURLY;
}
