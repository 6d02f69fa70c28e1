// Types shared by the simulator's modules: merchants, options, the ledger's records, the request /
// result shapes of the in-process handler, faults and the journal.
import type { Clock } from '../common/clock';
import type { RefundState, SignType, TradeState } from '../core/wxpay/types';

export type { RefundState, SignType, TradeState };

export interface SimMerchant {
  readonly appid: string;
  readonly mchId: string;
  /** The 32-char API key (test keys only). */
  readonly key: string;
  /** Shown on the phone's payment sheet. */
  readonly name?: string;
  /** Further appids bound to this mch_id (any bound appid is accepted). */
  readonly extraAppids?: readonly string[];
}

/** The WeChat endpoints the simulator serves (for faults, the journal and routing). */
export const SIM_ENDPOINTS = [
  'unifiedorder',
  'orderquery',
  'closeorder',
  'micropay',
  'reverse',
  'refund',
  'refundquery',
  'downloadbill',
  'getsignkey',
  'report',
] as const;
export type SimEndpoint = (typeof SIM_ENDPOINTS)[number];

export interface HttpsMaterial {
  readonly cert: string | Buffer;
  readonly key: string | Buffer;
  /** CA that issues merchant client certificates (trusted for /secapi/*). */
  readonly ca: string | Buffer;
}

export interface SimOptions {
  /** Everything time-based reads this clock (VirtualClock in tests, realClock in the CLI). */
  readonly clock?: Clock;
  /** Merchants served; default the sandbox merchant and the second test merchant. */
  readonly merchants?: readonly SimMerchant[];
  /** Seed for ids and probabilistic faults (default 1). */
  readonly seed?: number;
  /** Where the id counters start (default 0: ids replay from the seed); a restartable simulator passes idCounterStartAt(now). */
  readonly idCounterStart?: number;
  /** PROCESSING -> final refund status after this long (default 10 s). */
  readonly refundDelayMs?: number;
  /** closeorder refuses orders younger than this (default 5 min). */
  readonly closeFloorMs?: number;
  /** What an early closeorder gets: 'reject' (SYSTEMERROR, nothing changes) or 'silent' (SUCCESS, order stays NOTPAY). */
  readonly closeEarly?: 'reject' | 'silent';
  /** Minimum spacing between two refunds of one order; 0 = off (default 0; WeChat documents 60 s). */
  readonly refundSpacingMs?: number;
  /** code_url lifetime (default 2 h). */
  readonly codeUrlTtlMs?: number;
  /** Unpaid quick-pay orders are revoked this long after creation (default 45 s). */
  readonly micropayRevokeMs?: number;
  /** A minted auth code expires this long after minting (default 60 s). */
  readonly authCodeTtlMs?: number;
  /** issue 12: 'refuse' = reverse while USERPAYING answers USERPAYING 正在支付中 with recall=Y (default 'revoke'). */
  readonly reverseWhilePaying?: 'refuse' | 'revoke';
  /** Request journal capacity (ring buffer; default 1000). */
  readonly journalSize?: number;
  /** Clock used for 'delay' faults (default real time: client sockets time out in real time). */
  readonly delayClock?: Clock;
  // --- listeners (startSimulator only) ---
  readonly host?: string;
  readonly port?: number;
  /** true = test CA server cert from resources/test-certs; or explicit PEM material. */
  readonly https?: boolean | HttpsMaterial;
  readonly httpsPort?: number;
  /** Folder of the test certificates (default resources/test-certs found from this module). */
  readonly certsDir?: string;
}

export interface CodeUrlRecord {
  readonly url: string;
  readonly issuedAt: number;
}

/** A scheduled customer action on an order, applied lazily when time reaches `at`. */
export interface PendingPayment {
  readonly at: number;
  readonly to: 'SUCCESS' | 'PAYERROR';
  readonly openid: string;
  readonly reason?: string;
}

export interface RefundRecord {
  readonly mchId: string;
  readonly outTradeNo: string;
  readonly outRefundNo: string;
  readonly refundId: string;
  readonly refundFee: number;
  readonly totalFee: number;
  readonly createdAt: number;
  readonly fingerprint: string;
  readonly finalStatus: 'SUCCESS' | 'REFUNDCLOSE' | 'CHANGE';
  status: RefundState;
  settledAt: number | null;
}

export interface OrderRecord {
  readonly mchId: string;
  readonly appid: string;
  readonly outTradeNo: string;
  readonly tradeType: 'NATIVE' | 'MICROPAY';
  readonly totalFee: number;
  readonly body: string;
  readonly attach: string;
  readonly deviceInfo: string;
  readonly createdAt: number;
  readonly timeExpire: number | null;
  /** The re-entry identity: every business parameter of the first call. */
  readonly fingerprint: string;
  readonly authCode: string | null;
  state: TradeState;
  transactionId: string | null;
  prepayId: string | null;
  codeUrls: CodeUrlRecord[];
  paidAt: number | null;
  endedAt: number | null;
  openid: string | null;
  failReason: string | null;
  pending: PendingPayment | null;
  refunds: RefundRecord[];
}

/** What the transport knows about the peer. 'plain' (HTTP listener, in-process) skips mTLS checks. */
export type SimPeer =
  | { readonly kind: 'plain' }
  | { readonly kind: 'tls'; readonly cert: { readonly cn: string; readonly trusted: boolean } | null };

export interface SimRequest {
  readonly method: string;
  /** Path, optionally with a query string. */
  readonly path: string;
  readonly body?: Uint8Array | string;
  readonly peer?: SimPeer;
}

/**
 * The handler's verdict. 'reply': send it (after delayMs). 'drop': the connection dies before the
 * request is processed (nothing changed). 'reset': the request WAS processed, then the connection
 * died before any response byte.
 */
export type SimResult =
  | {
      readonly kind: 'reply';
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: Uint8Array;
      readonly delayMs: number;
    }
  | { readonly kind: 'drop' }
  | { readonly kind: 'reset' };

export const FAULT_KINDS = [
  'SYSTEMERROR',
  'BANKERROR',
  'USERPAYING',
  'FREQUENCY_LIMITED',
  'BIZERR_NEED_RETRY',
  'delay',
  'drop',
  'reset',
  'html502',
  'truncated',
  'badsign',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  readonly endpoint: SimEndpoint | '*';
  readonly kind: FaultKind;
  /** Fire on the next `count` matching requests (default 1 when probability is absent). */
  readonly count?: number;
  /** Or fire with this probability (seeded PRNG) until removed. */
  readonly probability?: number;
  /** For 'delay': how long the response is held back (bounded to 120 s; default 30 s). */
  readonly delayMs?: number;
  /** For business codes and 'html502': process the request first, then replace the reply. */
  readonly applied?: boolean;
  /** Only requests of this merchant. */
  readonly mchId?: string;
}

export interface FaultRule extends FaultSpec {
  readonly id: number;
  remaining: number | null;
  hits: number;
}

export interface JournalEntry {
  readonly seq: number;
  readonly at: number;
  readonly method: string;
  readonly path: string;
  readonly endpoint: SimEndpoint | null;
  readonly mchId: string | null;
  readonly outTradeNo: string | null;
  readonly outRefundNo: string | null;
  readonly returnCode: string | null;
  readonly resultCode: string | null;
  readonly errCode: string | null;
  readonly fault: FaultKind | null;
  readonly result: SimResult['kind'];
  readonly status: number | null;
}
