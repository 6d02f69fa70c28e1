// Payment attempt states, persisted in payment_attempts.state. They only move forward: every write
// is `UPDATE ... WHERE id = ? AND state IN (allowed predecessors)` and the transition table below is
// the single list of what may follow what.
//
// NATIVE (QR mode 2) life:
//   CREATED   sale + attempt + out_trade_no committed; unifiedorder not (yet) answered
//   UNKNOWN   unifiedorder was sent and its outcome is unknown (timeout, reset, 5xx): resolve by query
//   NOTPAY    the gateway holds the order; code_url shown until cancel or expiry
//   CLOSING   cancel or expiry: closeorder (after the 5-minute floor), then one query to confirm
//   PAID      final: gateway SUCCESS with matching out_trade_no and total_fee; a receipt exists
//   CLOSED    final: gateway CLOSED (or PAYERROR / REVOKED)
//   FAILED    final: no order exists at the gateway (definite unifiedorder failure) or the gateway's
//             SUCCESS did not match what we sent (no receipt, alert)
//
// MICROPAY (quick pay) will add transitions, not states or a rewrite:
//   CREATED -> USERPAYING (customer enters a password) -> PAID | REVERSING
//   CREATED | UNKNOWN | USERPAYING -> REVERSING (reverse, repeated while recall=Y) -> REVOKED
// USERPAYING, REVERSING and REVOKED are already in the state set (and every switch handles them) so
// that adding MICROPAY means adding rows to MICROPAY_TRANSITIONS and a micropay driver.

export const ATTEMPT_STATES = [
  'CREATED',
  'UNKNOWN',
  'NOTPAY',
  'USERPAYING',
  'CLOSING',
  'REVERSING',
  'PAID',
  'CLOSED',
  'REVOKED',
  'FAILED',
] as const;

export type AttemptState = (typeof ATTEMPT_STATES)[number];
export type AttemptKind = 'NATIVE' | 'MICROPAY';

export const FINAL_ATTEMPT_STATES: readonly AttemptState[] = ['PAID', 'CLOSED', 'REVOKED', 'FAILED'];

export function isFinalAttemptState(s: AttemptState): boolean {
  return FINAL_ATTEMPT_STATES.includes(s);
}

export function isAttemptState(s: string): s is AttemptState {
  return (ATTEMPT_STATES as readonly string[]).includes(s);
}

type Table = Readonly<Record<AttemptState, readonly AttemptState[]>>;

/** to -> allowed predecessors, for NATIVE attempts. */
const NATIVE_TRANSITIONS: Table = {
  CREATED: [],
  UNKNOWN: ['CREATED'],
  NOTPAY: ['CREATED', 'UNKNOWN'],
  USERPAYING: [],
  CLOSING: ['CREATED', 'UNKNOWN', 'NOTPAY'],
  REVERSING: [],
  PAID: ['CREATED', 'UNKNOWN', 'NOTPAY', 'CLOSING'],
  CLOSED: ['CREATED', 'UNKNOWN', 'NOTPAY', 'CLOSING'],
  REVOKED: [],
  FAILED: ['CREATED', 'UNKNOWN', 'NOTPAY', 'CLOSING'],
};

/**
 * to -> allowed predecessors, for MICROPAY (quick pay) attempts (issue 12):
 *   CREATED     sale + attempt + auth code committed; micropay being sent
 *   UNKNOWN     micropay outcome unknown (SYSTEMERROR, BANKERROR, transport): orderquery, never a new number
 *   USERPAYING  the customer is entering the password: orderquery at most once a second
 *   REVERSING   cancelled, given up or refused: reverse (>= 15 s after micropay, repeated while recall=Y,
 *               bounded) until a query confirms REVOKED / CLOSED; SUCCESS is a flagged receipt
 *   PAID | REVOKED | CLOSED final, confirmed by WeChat; FAILED final: WeChat holds no order at all
 */
const MICROPAY_TRANSITIONS: Table = {
  CREATED: [],
  UNKNOWN: ['CREATED'],
  NOTPAY: [],
  USERPAYING: ['CREATED', 'UNKNOWN'],
  CLOSING: [],
  REVERSING: ['CREATED', 'UNKNOWN', 'USERPAYING'],
  PAID: ['CREATED', 'UNKNOWN', 'USERPAYING', 'REVERSING'],
  CLOSED: ['CREATED', 'UNKNOWN', 'USERPAYING', 'REVERSING'],
  REVOKED: ['CREATED', 'UNKNOWN', 'USERPAYING', 'REVERSING'],
  FAILED: ['CREATED', 'UNKNOWN', 'REVERSING'],
};

export function predecessors(kind: AttemptKind, to: AttemptState): readonly AttemptState[] {
  switch (kind) {
    case 'NATIVE':
      return NATIVE_TRANSITIONS[to];
    case 'MICROPAY':
      return MICROPAY_TRANSITIONS[to];
    default:
      return assertNever(kind);
  }
}

export function canMove(kind: AttemptKind, from: AttemptState, to: AttemptState): boolean {
  return predecessors(kind, to).includes(from);
}

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${String(x)}`);
}
