// The wire between a till's outbox pusher (core/sync) and the head office (hq): one batch of outbox rows,
// HQ's answer, and the limits both sides enforce. Plain data, no I/O.

/** One outbox row: a snapshot of a till row (receipt, refund, audit entry, ...) at the moment it changed. */
export interface HqEvent {
  /** Position in the till's outbox: 1, 2, 3, ... with no gap (the idempotency key with the till id). */
  readonly seq: number;
  /** 'receipt' | 'refund' | 'audit' | any kind a later migration adds (shift, z_report, ...). */
  readonly kind: string;
  /** The row's key in its till table. */
  readonly ref: string;
  /** The row as JSON (columns by name), as the till's trigger wrote it. */
  readonly payload: Readonly<Record<string, unknown>>;
  /** Till clock, epoch ms, when the row entered the outbox. */
  readonly createdAt: number;
}

export interface HqBatch {
  readonly tillId: string;
  /** Till clock when the batch was sent (HQ notes the skew; it never rejects for it). */
  readonly sentAt: number;
  readonly events: readonly HqEvent[];
}

export interface HqAck {
  /** Highest seq such that every seq 1..ackedSeq is stored at HQ. */
  readonly ackedSeq: number;
}

/** HQ's refusal: a stable code and a message in plain words (zh-CN / English). */
export interface HqRefusal {
  readonly code: HqRefusalCode;
  readonly message: string;
}

export type HqRefusalCode =
  | 'UNAUTHENTICATED'
  | 'REVOKED'
  | 'TILL_MISMATCH'
  | 'SEQ_GAP'
  | 'BAD_TOTALS'
  | 'BAD_BATCH'
  | 'TOO_LARGE'
  | 'BAD_CODE'
  | 'NOT_REFUNDABLE'
  | 'NOT_FOUND';

/** A batch body above this many bytes is refused before it is parsed. */
export const HQ_MAX_BODY_BYTES = 1_000_000;
/** The pusher sends at most this many rows a batch. */
export const HQ_BATCH_EVENTS = 500;

/** Refund authorisation across tills (HQ holds the refundable balance per payment). */
export interface HqReserveRequest {
  readonly outTradeNo: string;
  readonly outRefundNo: string;
  readonly amountFen: number;
}
export interface HqReserveAnswer {
  /** What was still refundable before this reservation. */
  readonly refundableFen: number;
}
export interface HqSettleRequest {
  readonly outRefundNo: string;
  readonly refunded: boolean;
}

/** The till's view of its sync (shown in the header). */
export type SyncStatus =
  | { readonly state: 'off' }
  | { readonly state: 'synced'; readonly at: number }
  | { readonly state: 'waiting'; readonly waiting: number }
  | { readonly state: 'unreachable'; readonly waiting: number; readonly since: number; readonly reason: string }
  // --- issue 16.2 till enrolment (i16-enrol): HQ answered REVOKED; nothing more is accepted until the till enrols again
  | { readonly state: 'revoked'; readonly waiting: number; readonly since: number; readonly reason: string };

// --- issue 16.4 cross-till refund (i16-xrefund) ---
/** Smallest search text HQ answers (as History's tail search: the last 6 characters or more). */
export const HQ_PAYMENT_SEARCH_MIN_CHARS = 6;

/** A payment as head office knows it, for a till that wants to refund a sale made at another till. */
export interface HqPayment {
  readonly tillId: string;
  readonly tillName: string;
  readonly outTradeNo: string;
  readonly transactionId: string;
  /** 'NATIVE' | 'MICROPAY' | 'CASH' (a cash sale is refunded from its own drawer, never from another till). */
  readonly tender: string;
  readonly mode: 'LIVE' | 'SANDBOX';
  readonly totalFen: number;
  /** Refunded at any till (through HQ or on the paying till's own). */
  readonly refundedFen: number;
  /** Held by refunds in flight at some till. */
  readonly reservedFen: number;
  readonly refundableFen: number;
  readonly paidAt: number;
  readonly lines: readonly { readonly name: string; readonly quantity: number; readonly unitFen: number; readonly lineFen: number }[];
}
