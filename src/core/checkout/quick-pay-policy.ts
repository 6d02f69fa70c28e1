// Quick pay's timing (wxpay-v2.md 4.4-4.5, reliability.md): query a waiting payment at most once a
// second, give up before WeChat's own 45 s auto-revoke, reverse no earlier than 15 s after micropay,
// repeat reverse while recall=Y (or an error) up to a bound, then only query.
export interface QuickPayPolicy {
  /** orderquery interval while USERPAYING / UNKNOWN: at most one a second per order. */
  readonly queryMs: number;
  /** From the micropay send: no answer by then and the till reverses. */
  readonly giveUpMs: number;
  /** reverse is never sent earlier than this after the micropay send (WeChat: 15 s). */
  readonly reverseFloorMs: number;
  /** Spacing between reverse calls while recall=Y. */
  readonly reverseSpacingMs: number;
  /** At most this many reverse calls; afterwards the till only queries (WeChat auto-revokes at 45 s). */
  readonly reverseBound: number;
  /** Query interval once the reverse bound is reached. */
  readonly afterBoundQueryMs: number;
}

export const DEFAULT_QUICK_PAY_POLICY: QuickPayPolicy = {
  queryMs: 1000,
  giveUpMs: 40_000,
  reverseFloorMs: 15_000,
  reverseSpacingMs: 1000,
  reverseBound: 10,
  afterBoundQueryMs: 5000,
};
