// The typed surface of the WeChat Pay V2 client: what the checkout engine codes against.
// Every call resolves (never rejects) to an Outcome classified per wxpay-v2.md section 5.
import type { SignType } from '../../common/api';

export type { SignType };

/** ok: the business call succeeded; read value. */
export interface OutcomeOk<T> {
  readonly kind: 'ok';
  readonly value: T;
}
/** retry-same: resend with identical parameters and ids (SYSTEMERROR on refund, BIZERR_NEED_RETRY ...). */
export interface OutcomeRetrySame {
  readonly kind: 'retry-same';
  readonly code: string;
  readonly message: string;
  /** true: the request provably never left the machine (connect refused, DNS, TLS before the request). */
  readonly notSent?: true;
}
/** unknown: the request may have been processed (timeout/reset after send, 5xx, garbage body). Query. */
export interface OutcomeUnknown {
  readonly kind: 'unknown';
  readonly code: string;
  readonly message: string;
}
/** fail: definite business failure; errCode and errCodeDes are WeChat's, verbatim. */
export interface OutcomeFail {
  readonly kind: 'fail';
  readonly errCode: string;
  readonly errCodeDes: string;
}
/** fix: configuration or programming error (bad sign, wrong appid, TLS/cert problem, bad input). */
export interface OutcomeFix {
  readonly kind: 'fix';
  readonly code: string;
  readonly message: string;
  /** true: the request provably never left the machine (TLS failure before the request was written). */
  readonly notSent?: true;
}

export type Outcome<T> = OutcomeOk<T> | OutcomeRetrySame | OutcomeUnknown | OutcomeFail | OutcomeFix;

export type TradeState =
  | 'SUCCESS'
  | 'REFUND'
  | 'NOTPAY'
  | 'CLOSED'
  | 'REVOKED'
  | 'USERPAYING'
  | 'PAYERROR'
  | 'ACCEPT';

export type RefundState = 'SUCCESS' | 'REFUNDCLOSE' | 'PROCESSING' | 'CHANGE';

export interface UnifiedOrderRequest {
  readonly outTradeNo: string;
  readonly totalFee: number; // fen
  readonly body: string; // truncated to 127 UTF-8 bytes by the client
  readonly productId: string;
  readonly spbillCreateIp: string;
  readonly notifyUrl: string;
  readonly timeStart?: number; // epoch ms; formatted as Beijing time
  readonly timeExpire?: number; // epoch ms; formatted as Beijing time
  readonly deviceInfo?: string;
  readonly attach?: string;
}
export interface UnifiedOrderResult {
  readonly prepayId: string;
  readonly codeUrl: string;
}

export type OrderRef = { readonly outTradeNo: string } | { readonly transactionId: string };

export interface OrderQueryResult {
  readonly tradeState: TradeState;
  readonly tradeStateDesc: string;
  readonly outTradeNo: string;
  readonly transactionId: string | null;
  readonly totalFee: number | null;
  readonly timeEnd: string | null; // yyyyMMddHHmmss Beijing, verbatim
  readonly raw: Readonly<Record<string, string>>;
}

export interface CloseOrderRequest {
  readonly outTradeNo: string;
}
export interface CloseOrderResult {
  readonly closed: true;
}

export interface RefundRequest {
  readonly outTradeNo: string;
  readonly outRefundNo: string;
  readonly totalFee: number;
  readonly refundFee: number;
  readonly refundDesc?: string;
}
export interface RefundResult {
  readonly refundId: string;
  readonly outRefundNo: string;
  readonly refundFee: number;
}

export type RefundQueryRequest =
  | { readonly outRefundNo: string }
  | { readonly outTradeNo: string; readonly offset?: number };
export interface RefundItem {
  readonly outRefundNo: string;
  readonly refundId: string;
  readonly refundFee: number;
  readonly status: RefundState;
  readonly successTime: string | null;
}
export interface RefundQueryResult {
  readonly outTradeNo: string;
  readonly transactionId: string;
  readonly totalFee: number;
  readonly totalRefundCount: number | null;
  readonly refunds: readonly RefundItem[];
}

export interface MicroPayRequest {
  readonly outTradeNo: string;
  readonly totalFee: number;
  readonly body: string;
  readonly authCode: string;
  readonly spbillCreateIp: string;
  readonly deviceInfo?: string;
}
export interface MicroPayResult {
  readonly transactionId: string;
  readonly outTradeNo: string;
  readonly totalFee: number;
  readonly timeEnd: string;
}
export interface ReverseResult {
  readonly recall: boolean;
}

export interface DownloadBillRequest {
  readonly billDate: string; // yyyyMMdd
  readonly billType?: 'ALL' | 'SUCCESS' | 'REFUND' | 'RECHARGE_REFUND';
  readonly gzip?: boolean;
}
export interface BillResult {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly summaryHeader: readonly string[];
  readonly summary: readonly string[];
}

/** What the engine needs of the gateway. The real client and test doubles both implement it. */
export interface WxPayClient {
  unifiedOrder(req: UnifiedOrderRequest): Promise<Outcome<UnifiedOrderResult>>;
  orderQuery(ref: OrderRef): Promise<Outcome<OrderQueryResult>>;
  closeOrder(req: CloseOrderRequest): Promise<Outcome<CloseOrderResult>>;
  refund(req: RefundRequest): Promise<Outcome<RefundResult>>;
  refundQuery(req: RefundQueryRequest): Promise<Outcome<RefundQueryResult>>;
  microPay(req: MicroPayRequest): Promise<Outcome<MicroPayResult>>;
  reverse(ref: OrderRef): Promise<Outcome<ReverseResult>>;
  downloadBill(req: DownloadBillRequest): Promise<Outcome<BillResult>>;
  getSignKey(): Promise<Outcome<{ readonly sandboxSignKey: string }>>;
  /** Frees sockets; idempotent. */
  close(): Promise<void>;
}
