// The one contract between the renderer and the rest of the app (architecture.md, "The bridge").
// Every call the renderer may make is in PosCalls; every event main pushes is in PosEvents.
// createPosApi (core), the preload and the browser harness stub must carry exactly these keys;
// test/unit/contract.test.ts asserts it.
import type { Result } from './result';
import type { SyncStatus } from './hq-sync'; // --- issue 16

export type Mode = 'SANDBOX' | 'LIVE';
export type Locale = 'zh-CN' | 'en';
export type SignType = 'MD5' | 'HMAC-SHA256';

export interface ShellInfo {
  readonly storeName: string;
  readonly tillId: string;
  readonly mode: Mode;
  readonly locale: Locale;
  readonly appVersion: string;
  /** false while start-up recovery is still resolving earlier attempts: no new sale yet. */
  readonly ready: boolean;
  /** The last comparison with the gateway's clock; null before one could be made (issue 10 point 6). */
  readonly clock: ClockStatus | null;
}

/** The till's clock against the gateway's HTTP Date. While wrong, charge answers CLOCK_WRONG. */
export interface ClockStatus {
  /** Till minus gateway, ms: positive when the till is ahead. */
  readonly offsetMs: number;
  /** More than a minute off: the shell shows a blocking banner. */
  readonly wrong: boolean;
  readonly checkedAt: number;
}

export interface SaleLineInput {
  readonly name: string;
  readonly quantity: number; // positive integer
  readonly unitFen: number; // integer fen
}

export interface SaleLine extends SaleLineInput {
  readonly lineFen: number;
}

/** What the cashier sees of a payment attempt. */
export type PaymentStatus =
  | 'creating' // committed locally, unifiedorder not yet answered
  | 'waiting' // QR shown, customer has not paid
  | 'paying' // customer is paying (USERPAYING)
  | 'paid'
  | 'expired'
  | 'cancelled' // cashier cancelled; still watched until the gateway says CLOSED
  | 'failed' // definite failure; reason carries the gateway's own words
  | 'unknown'; // outcome unknown, being resolved by query

export interface PaymentView {
  readonly attemptId: string;
  readonly saleId: string;
  readonly outTradeNo: string;
  readonly totalFen: number;
  readonly status: PaymentStatus;
  /** Only while status is waiting/paying; hidden at once on cancel. */
  readonly codeUrl: string | null;
  readonly expiresAt: number | null; // epoch ms
  readonly reason: string | null; // gateway's err_code_des / trade_state_desc, verbatim
  readonly receipt: Receipt | null; // set once paid
  // --- issue 10 points 4 and 7 (i10-attempts): what the till does not know yet, said plainly ---
  /** Whether the last orderquery for this attempt gave a usable answer that fits the order. */
  readonly connection: PaymentConnection;
  /** Not final in core: the till still asks WeChat Pay (a cancel or expiry not yet confirmed CLOSED). */
  readonly watching: boolean;
}

/**
 * UNREACHABLE: the query failed (network, 5xx, signature...), CONTRADICTS: the answer names another
 * order or amount, NOT_RECORDED: WeChat Pay says paid but the till could not write the receipt.
 */
export type PaymentTrouble = 'UNREACHABLE' | 'CONTRADICTS' | 'NOT_RECORDED';
export type PaymentConnection =
  | { readonly ok: true }
  | { readonly ok: false; readonly trouble: PaymentTrouble; readonly failures: number; readonly since: number };

export type ReceiptStatus = 'PAID' | 'PARTIALLY_REFUNDED' | 'REFUNDED';

export interface Receipt {
  readonly saleId: string;
  readonly storeName: string;
  readonly tillId: string;
  readonly cashier: string;
  readonly lines: readonly SaleLine[];
  readonly totalFen: number;
  readonly refundedFen: number;
  readonly status: ReceiptStatus;
  readonly outTradeNo: string;
  readonly transactionId: string;
  readonly paidAt: number; // epoch ms
  readonly paidAfterCancel: boolean;
  /** SANDBOX: paid with the simulated phone, no money moved; shown stamped, never counted with LIVE. */
  readonly mode: Mode;
}

export type RefundStatus =
  | 'pending'
  | 'processing'
  | 'refunded'
  | 'closed'
  | 'change'
  | 'failed'
  // issue 10 (refunds): WeChat definitely does not have it after the bound (see src/core/refunds/refund-end-rule.ts)
  | 'not_accepted'
  | 'change_handled'; // a CHANGE refund a manager marked handled on the merchant platform

export interface RefundView {
  readonly refundId: string;
  readonly saleId: string;
  readonly outRefundNo: string;
  readonly amountFen: number;
  readonly reason: string;
  readonly status: RefundStatus;
  readonly approver: string;
  readonly createdAt: number;
  readonly message: string | null;
}

export interface ReceiptDetail {
  readonly receipt: Receipt;
  readonly refunds: readonly RefundView[];
  readonly refundableFen: number;
}

export interface ReceiptQuery {
  /** out_trade_no or transaction_id (exact or prefix) */
  readonly text?: string;
  readonly amountFen?: number;
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly status?: ReceiptStatus | 'PAID_AFTER_CANCEL';
  /** Opaque keyset cursor from a previous page. */
  readonly cursor?: string;
  readonly limit: number;
  /** Whose receipts: core fills in the till's current mode when absent. */
  readonly mode?: Mode;
}

export interface ReceiptSummary {
  readonly saleId: string;
  readonly outTradeNo: string;
  readonly transactionId: string;
  readonly totalFen: number;
  readonly refundedFen: number;
  readonly status: ReceiptStatus;
  readonly paidAt: number;
  readonly paidAfterCancel: boolean;
  readonly mode: Mode;
}

export interface ReceiptPage {
  readonly rows: readonly ReceiptSummary[];
  readonly nextCursor: string | null;
}

export interface DayTotals {
  readonly dayStartMs: number;
  readonly count: number;
  readonly paidFen: number;
  readonly refundedFen: number;
  readonly netFen: number;
}

export interface SettingsView {
  readonly mode: Mode;
  readonly storeName: string;
  readonly tillId: string;
  readonly locale: Locale;
  readonly appid: string;
  readonly mchId: string;
  readonly signType: SignType;
  /** Write-only: the key is never returned, only whether one is stored. */
  readonly hasApiKey: boolean;
  readonly certificate: { readonly subject: string; readonly notAfter: number } | null;
  readonly hasManagerPin: boolean;
  readonly refundCapFen: number;
  readonly dailyRefundCapFen: number;
  /** Secrets are stored unprotected (Linux basic_text): the UI must warn. */
  readonly secretStorageWeak: boolean;
}

export interface SettingsInput {
  readonly storeName?: string;
  readonly tillId?: string;
  readonly locale?: Locale;
  readonly appid?: string;
  readonly mchId?: string;
  readonly signType?: SignType;
  readonly apiKey?: string; // write-only
  readonly refundCapFen?: number;
  readonly dailyRefundCapFen?: number;
}

/**
 * A manager's approval, checked in core against the manager PIN (same lockout and audit as refunds).
 * Needed to change merchant credentials, till id, refund caps or the mode, and to import a certificate.
 */
export interface ManagerApproval {
  readonly approver: string;
  readonly managerPin: string;
}

export type CertificateImport =
  | { readonly format: 'p12'; readonly password: string }
  | { readonly format: 'pem' };

export interface PreflightLine {
  readonly check: 'settings' | 'clock' | 'gateway' | 'key' | 'certificate';
  readonly ok: boolean;
  /** Plain words, already chosen by code; the renderer translates by code. */
  readonly code: string;
  readonly detail: string;
}

export interface PendingItem {
  readonly kind: 'payment' | 'refund';
  readonly id: string;
  readonly outNo: string;
  readonly amountFen: number;
  readonly state: string;
}

export interface RecoveryProgress {
  readonly total: number;
  readonly done: number;
  readonly finished: boolean;
  readonly items: readonly PendingItem[];
}

export interface Alert {
  readonly alertId: string;
  readonly kind:
    | 'PAID_AFTER_CANCEL'
    | 'REFUND_CHANGE'
    | 'AMOUNT_MISMATCH'
    | 'AUDIT_BROKEN'
    | 'PIN_LOCKOUT'
    // issue 10 (refunds): a refund ended NOT_ACCEPTED; a refund closed (REFUNDCLOSE): customer not refunded
    | 'REFUND_NOT_ACCEPTED'
    | 'REFUND_CLOSED'
    | 'PAID_NOT_RECORDED'; // issue 10 point 7: paid at WeChat Pay, the receipt could not be written
  readonly saleId: string | null;
  readonly amountFen: number;
  readonly createdAt: number;
  readonly message: string;
}

export type PhoneAction = 'pay' | 'pay-slowly' | 'fail' | 'abandon';

export interface PosCalls {
  getShellInfo(): Promise<Result<ShellInfo>>;
  charge(input: { readonly lines: readonly SaleLineInput[]; readonly cashier: string }): Promise<Result<PaymentView>>;
  getPayment(input: { readonly attemptId: string }): Promise<Result<PaymentView>>;
  cancelPayment(input: { readonly attemptId: string }): Promise<Result<PaymentView>>;
  getRecovery(): Promise<Result<RecoveryProgress>>;
  listReceipts(input: ReceiptQuery): Promise<Result<ReceiptPage>>;
  getReceipt(input: { readonly saleId: string }): Promise<Result<ReceiptDetail>>;
  getDayTotals(input: { readonly dayStartMs: number }): Promise<Result<DayTotals>>;
  requestRefund(input: {
    readonly saleId: string;
    readonly amountFen: number;
    readonly reason: string;
    readonly approver: string;
    readonly managerPin: string;
  }): Promise<Result<RefundView>>;
  getAlerts(): Promise<Result<readonly Alert[]>>;
  dismissAlert(input: { readonly alertId: string }): Promise<Result<null>>;
  getSettings(): Promise<Result<SettingsView>>;
  /** approver + managerPin are required when appid, mchId, signType, apiKey, tillId or a refund cap change. */
  saveSettings(input: SettingsInput & Partial<ManagerApproval>): Promise<Result<SettingsView>>;
  importCertificate(input: CertificateImport & ManagerApproval): Promise<Result<SettingsView>>;
  setManagerPin(input: { readonly currentPin: string | null; readonly newPin: string }): Promise<Result<null>>;
  testConnection(): Promise<Result<readonly PreflightLine[]>>;
  setMode(input: { readonly mode: Mode; readonly confirmed: boolean } & ManagerApproval): Promise<Result<SettingsView>>;
  /** Sandbox only: the simulated customer's phone acts on the QR currently shown. */
  sandboxPhone(input: { readonly attemptId: string; readonly action: PhoneAction }): Promise<Result<null>>;
  // issue 10 (refunds): a CHANGE refund (to a closed bank card) the manager handled on the merchant
  // platform; manager PIN, audited. The amount stays out of what is refundable (WeChat counts it).
  markRefundHandled(input: { readonly refundId: string } & ManagerApproval): Promise<Result<RefundView>>;
  // --- issue 16 head office: the header's sync state (synced / N waiting / HQ unreachable since ...)
  getSyncStatus(): Promise<Result<SyncStatus>>;
}

export interface PosEvents {
  payment: PaymentView;
  refund: RefundView;
  recovery: RecoveryProgress;
  alert: Alert;
}

export type PosEventName = keyof PosEvents;
export type Unsubscribe = () => void;

export interface PosApi extends PosCalls {
  /** Listeners get the payload only, never the IPC event. */
  on<E extends PosEventName>(event: E, listener: (payload: PosEvents[E]) => void): Unsubscribe;
}

/** Runtime list of the calls; `satisfies` keeps it equal to PosCalls' keys (both directions). */
export const POS_CALLS = [
  'getShellInfo',
  'charge',
  'getPayment',
  'cancelPayment',
  'getRecovery',
  'listReceipts',
  'getReceipt',
  'getDayTotals',
  'requestRefund',
  'getAlerts',
  'dismissAlert',
  'getSettings',
  'saveSettings',
  'importCertificate',
  'setManagerPin',
  'testConnection',
  'setMode',
  'sandboxPhone',
  'markRefundHandled', // issue 10 (refunds)
  'getSyncStatus', // --- issue 16 head office
] as const satisfies readonly (keyof PosCalls)[];

export type PosCallName = (typeof POS_CALLS)[number];
// Fails to compile if PosCalls gains a method that POS_CALLS does not list.
const _allListed: [Exclude<keyof PosCalls, PosCallName>] extends [never] ? true : never = true;
void _allListed;

export const POS_EVENTS = ['payment', 'refund', 'recovery', 'alert'] as const satisfies readonly PosEventName[];
const _allEvents: [Exclude<PosEventName, (typeof POS_EVENTS)[number]>] extends [never] ? true : never = true;
void _allEvents;

/** IPC channel names, namespaced so a stray channel can never collide. */
export const callChannel = (name: PosCallName): string => `pos:call:${name}`;
export const eventChannel = (name: PosEventName): string => `pos:event:${name}`;

export type PosEventSink = <E extends PosEventName>(event: E, payload: PosEvents[E]) => void;
