// The one contract between the renderer and the rest of the app (architecture.md, "The bridge").
// Every call the renderer may make is in PosCalls; every event main pushes is in PosEvents.
// createPosApi (core), the preload and the browser harness stub must carry exactly these keys;
// test/unit/contract.test.ts asserts it.
import type { Result } from './result';
import type { StaffRef, StaffRole } from './staff';
// --- issue 13 shifts, cash, Z reports (i13-day) ---
import type { CashCountLine, CashRefundView, CashSaleView, DayReport, DaySettings, ReconcileSummary, ShiftMoveKind, ShiftState, ShiftView } from './day';
// --- issue 14 printing and customer display ---
import type { PrinterSettings, PrinterSettingsInput, PrintJobView } from './printing';
import type { CustomerView } from './customer-view';
import type { SyncStatus } from './hq-sync'; // --- issue 16
import type { HqPayment } from './hq-sync'; // --- issue 16.4 cross-till refund (i16-xrefund)
// --- issue 13.1 split tender (i13-split) ---
import type { SplitPartsView, SplitTenderView } from './split-tender';

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
  // --- issue 12 quick pay (i12-engine) ---
  /** NATIVE: a QR the customer scans; MICROPAY: quick pay, the cashier scanned the customer's payment code. */
  readonly kind: PaymentKind;
  // --- issue 13.1 split tender (i13-split) ---
  /** A split sale's cash part (totalFen above is the WeChat part); null for a sale paid by WeChat alone. */
  readonly split?: SplitTenderView | null;
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
  // --- issue 12 point 6 (i12-engine): how it was paid (issue 13.1: or CASH) ---
  readonly kind: ReceiptKind;
  // --- issue 13.1 split tender (i13-split) ---
  /** A split sale (cash + WeChat): both parts, printed on the receipt; totalFen above is the WeChat part. */
  readonly split?: SplitPartsView | null;
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
  // --- issue 13.1 split tender (i13-split) ---
  /** A split sale: receipt and refunds above are its WeChat part; this is both parts and the cash part's refunds. */
  readonly split?: (SplitPartsView & { readonly cashRefundableFen: number; readonly cashRefunds: readonly RefundView[] }) | null;
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
  // --- issue 12 point 6 (i12-engine): how it was paid (issue 13.1: or CASH) ---
  readonly kind: ReceiptKind;
  // --- issue 13.1 split tender (i13-split) ---
  /** A split sale (cash + WeChat): both parts; totalFen/refundedFen above are the WeChat part's. */
  readonly split?: SplitPartsView | null;
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
  // --- issue 12 quick pay (i12-till) ---
  /** Barcode scanner: largest average gap between a burst's keys, ms (common/scanner-limits.ts). */
  readonly scannerGapMs?: number;
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
  // --- issue 12 quick pay (i12-till) ---
  readonly scannerGapMs?: number;
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
    | 'PAID_NOT_RECORDED' // issue 10 point 7: paid at WeChat Pay, the receipt could not be written
    | 'NEW_OWNER'; // issue 11 point 3: an owner account created after sales were taken
  readonly saleId: string | null;
  readonly amountFen: number;
  readonly createdAt: number;
  readonly message: string;
}

export type PhoneAction = 'pay' | 'pay-slowly' | 'fail' | 'abandon';

export interface PosCalls {
  getShellInfo(): Promise<Result<ShellInfo>>;
  // issue 11: cashier is ignored by core (the signed-in person is recorded); kept so older callers still validate.
  charge(input: { readonly lines: readonly SaleLineInput[]; readonly cashier?: string }): Promise<Result<PaymentView>>;
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
    /** issue 11: the signed-in manager approves; above the threshold another manager too. */
    readonly secondApprover?: SecondApproval;
  }): Promise<Result<RefundView>>;
  getAlerts(): Promise<Result<readonly Alert[]>>;
  /** issue 11 point 6: security alerts need a manager and a reason; every dismissal is audited. */
  dismissAlert(input: { readonly alertId: string; readonly reason?: string }): Promise<Result<null>>;
  getSettings(): Promise<Result<SettingsView>>;
  /** issue 11: protected fields (credentials, caps, till id, store name) need the owner signed in. */
  saveSettings(input: SettingsInput): Promise<Result<SettingsView>>;
  importMerchantCertificate(input: CertificateImport): Promise<Result<SettingsView>>;
  testConnection(): Promise<Result<readonly PreflightLine[]>>;
  setMode(input: { readonly mode: Mode; readonly confirmed: boolean }): Promise<Result<SettingsView>>;
  /** Sandbox only: the simulated customer's phone acts on the QR currently shown. */
  sandboxPhone(input: { readonly attemptId: string; readonly action: PhoneAction }): Promise<Result<null>>;
  // issue 10 (refunds): a CHANGE refund (to a closed bank card) the manager handled on the merchant
  // platform; manager PIN, audited. The amount stays out of what is refundable (WeChat counts it).
  markRefundHandled(input: { readonly refundId: string }): Promise<Result<RefundView>>;
  // --- issue 11 points 1, 3 (i11-staff): staff accounts and the till's session ---
  getStaffSession(): Promise<Result<SessionView>>;
  /** First run only: the one-time setup code (wxpay-pos setup-code) creates the first owner and signs them in. */
  firstRunSetup(input: { readonly setupCode: string; readonly name: string; readonly pin: string }): Promise<Result<StaffRef>>;
  /** staffId absent: PIN alone (works when no one else has the same PIN). */
  signIn(input: { readonly staffId?: string; readonly pin: string }): Promise<Result<StaffRef>>;
  signOut(): Promise<Result<null>>;
  /** The lock key: signs out at once. */
  lockTill(): Promise<Result<null>>;
  listStaff(): Promise<Result<readonly StaffView[]>>;
  addStaff(input: { readonly name: string; readonly role: StaffRole; readonly pin: string }): Promise<Result<StaffView>>;
  updateStaff(input: {
    readonly staffId: string;
    readonly name?: string;
    readonly role?: StaffRole;
    readonly pin?: string;
    readonly disabled?: boolean;
  }): Promise<Result<StaffView>>;
  unlockStaff(input: { readonly staffId: string }): Promise<Result<null>>;
  changeOwnPin(input: { readonly currentPin: string; readonly newPin: string }): Promise<Result<null>>;
  saveStaffPolicy(input: Partial<StaffPolicy>): Promise<Result<StaffPolicy>>;
  // --- issue 11 point 4 (i11-audit): the signed-in owner acknowledges a broken audit chain (audited with
  // the note); refunds, mode and staff changes work again and verification restarts at that entry.
  acknowledgeAuditBreak(input: { readonly note: string }): Promise<Result<null>>;
  // --- issue 13 shifts, cash, Z reports (i13-day) ---
  getShift(): Promise<Result<ShiftState>>;
  openShift(input: { readonly floatFen: number }): Promise<Result<ShiftView>>;
  moveShiftCash(input: { readonly kind: ShiftMoveKind; readonly amountFen: number; readonly reason: string }): Promise<Result<ShiftView>>;
  /**
   * A difference above the limit (SHIFT_DIFF_NEEDS_MANAGER) is accepted on purpose: by the signed-in
   * manager (acceptDifference), or by another manager's PIN (secondApprover) when a cashier closes.
   */
  closeShift(input: {
    readonly counts: readonly CashCountLine[];
    readonly acceptDifference?: boolean;
    readonly secondApprover?: SecondApproval;
  }): Promise<Result<ShiftView>>;
  cashSale(input: { readonly lines: readonly SaleLineInput[]; readonly tenderedFen: number }): Promise<Result<CashSaleView>>;
  cashRefund(input: { readonly saleId: string; readonly amountFen: number; readonly reason: string }): Promise<Result<CashRefundView>>;
  /** X: the business day so far (or day, yyyyMMdd); resets nothing. */
  getXReport(input: { readonly day?: string }): Promise<Result<DayReport>>;
  /** Z: closes the business day for good, numbered without gaps. */
  closeDay(input: { readonly day?: string }): Promise<Result<DayReport>>;
  listZReports(): Promise<Result<readonly { readonly seq: number; readonly businessDay: string; readonly closedAt: number }[]>>;
  getZReport(input: { readonly seq: number }): Promise<Result<DayReport>>;
  /** CSV text of a Z (seq) or of the current X (no seq). */
  dayReportCsv(input: { readonly seq?: number }): Promise<Result<string>>;
  getDaySettings(): Promise<Result<DaySettings>>;
  saveDaySettings(input: DaySettings): Promise<Result<DaySettings>>;
  /** Reconciles WeChat's bill of one date (yyyyMMdd) now; the result joins that day's Z report. */
  reconcileDay(input: { readonly billDate: string }): Promise<Result<ReconcileSummary>>;
  // --- issue 12 quick pay (i12-engine) ---
  /**
   * Charges the sale by quick pay with the customer's payment code (authCode, 18 digits, ^1[0-5]\d{16}$).
   * Resolves like charge once micropay is answered: ok(view) with status paid, paying (USERPAYING:
   * customer enters the password; watch the payment event), unknown (being resolved by query) or
   * cancelled/expired (being reversed); err GATEWAY_ERROR (WeChat's words, e.g. code expired: scan a
   * fresh one), CONFIG_ERROR or CERT_ERROR when WeChat definitely refused it (the attempt ended FAILED).
   * Refused before anything is sent: NOT_A_PAYMENT_CODE (never sent to WeChat), QUICK_PAY_IN_PROGRESS
   * (a quick pay is still in flight), SALE_IN_PROGRESS, NOT_READY, INVALID_AMOUNT, CLOCK_WRONG.
   * cancelPayment on a waiting quick pay reverses it (status cancelled, watching until REVOKED).
   */
  quickPay(input: {
    readonly lines: readonly SaleLineInput[];
    /** Ignored: core records the signed-in person (issue 11). */
    readonly cashier?: string;
    readonly authCode: string;
  }): Promise<Result<PaymentView>>;
  /** Sandbox only: the simulated customer's phone shows a fresh payment code (usable once, 60 s). */
  sandboxPaymentCode(input: { readonly customer: SandboxCustomer }): Promise<Result<{ readonly authCode: string }>>;
  /** Sandbox only: the customer enters (or abandons) the password a quick pay is waiting for. */
  sandboxPassword(input: { readonly attemptId: string; readonly action: PasswordAction }): Promise<Result<null>>;
  // --- issue 15.1 catalog ---
  listProducts(): Promise<Result<CatalogView>>;
  saveProduct(input: ProductInput): Promise<Result<Product>>;
  deleteProduct(input: { readonly productId: string }): Promise<Result<null>>;
  /** All or nothing: row errors come back in the answer and nothing is changed. */
  importCatalogCsv(input: { readonly csv: string }): Promise<Result<CatalogImportResult>>;
  exportCatalogCsv(): Promise<Result<{ readonly csv: string }>>;
  // --- issue 14 printing: settings, reprint, test page, the queue's status ---
  getPrinterSettings(): Promise<Result<PrinterSettings>>;
  savePrinterSettings(input: PrinterSettingsInput): Promise<Result<PrinterSettings>>;
  /** Queues a reprint of the sale's receipt (History, the paid screen); answers at once. */
  printReceipt(input: { readonly saleId: string }): Promise<Result<PrintJobView>>;
  printTestPage(): Promise<Result<PrintJobView>>;
  listPrintJobs(): Promise<Result<readonly PrintJobView[]>>;
  /** Paper loaded / printer back: try every waiting slip now. */
  retryPrintJobs(): Promise<Result<null>>;
  discardPrintJob(input: { readonly jobId: number }): Promise<Result<null>>;
  // --- issue 16 head office: the header's sync state (synced / N waiting / HQ unreachable since ...)
  getSyncStatus(): Promise<Result<SyncStatus>>;
  // --- issue 13 + 14 (w2-print): shift-close and X/Z slips through the print queue; answer at once ---
  /** NOT_FOUND for an unknown shift or one still open. */
  printShiftClose(input: { readonly shiftId: string }): Promise<Result<PrintJobView>>;
  /** The Z report of seq, or the current X report without it. */
  printDayReport(input: { readonly seq?: number }): Promise<Result<PrintJobView>>;
  // --- issue 11 point 4 follow-up (w2-ack): the audit chain verdict, so the till can show a break and the owner acknowledge it
  getAuditState(): Promise<Result<AuditStateView>>;
  // --- issue 16.2 till enrolment (i16-enrol) ---
  /** Where this till is enrolled and its sync state (anyone signed in or not may read it: no secret in it). */
  getHeadOffice(): Promise<Result<HeadOfficeView>>;
  /** Owner only: trades HQ's one-time code for this till's id and credential (the credential never crosses the bridge). */
  enrolAtHeadOffice(input: HeadOfficeEnrolInput): Promise<Result<HeadOfficeView>>;
  /** Owner only: forgets HQ's address, certificate and credential and stops sending; the outbox keeps its rows. */
  leaveHeadOffice(): Promise<Result<HeadOfficeView>>;
  // --- issue 16.4 cross-till refund (i16-xrefund): a manager looks up at head office a payment this till does not have ---
  /** HQ's payments matching an out_trade_no, a transaction_id or their last 6+ characters (manager). HQ_UNREACHABLE when it cannot answer. */
  searchHqPayments(input: { readonly text: string }): Promise<Result<readonly HqPayment[]>>;
  /** Opens HQ's payment here for a refund (manager): another till's sale gets a mirror receipt; its detail for the usual refund form. */
  openHqPayment(input: { readonly outTradeNo: string }): Promise<Result<ReceiptDetail>>;
  // --- issue 13.1 split tender (i13-split) ---
  /** The cashier took cashFen in cash (tenderedFen handed over, change = the difference): WeChat is charged the rest by a Native QR. */
  splitCharge(input: { readonly lines: readonly SaleLineInput[]; readonly cashFen: number; readonly tenderedFen: number }): Promise<Result<PaymentView>>;
  /** The same with the customer's payment code for the rest (quick pay). */
  splitQuickPay(input: {
    readonly lines: readonly SaleLineInput[];
    readonly cashFen: number;
    readonly tenderedFen: number;
    readonly authCode: string;
  }): Promise<Result<PaymentView>>;
  /** Void cash parts (their WeChat part ended unpaid) not yet given back to the customer, oldest first. */
  listSplitCashOwed(): Promise<Result<readonly SplitTenderView[]>>;
  /** The cashier gave the void cash part back (audited); SPLIT_NOT_OWED when there is none. */
  confirmSplitCashReturned(input: { readonly saleId: string }): Promise<Result<SplitTenderView>>;
}

export interface PosEvents {
  payment: PaymentView;
  refund: RefundView;
  recovery: RecoveryProgress;
  alert: Alert;
  // --- issue 14: a slip's status changed; the customer display's projection ---
  printJob: PrintJobView;
  customerView: CustomerView;
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
  'importMerchantCertificate',
  'testConnection',
  'setMode',
  'sandboxPhone',
  'markRefundHandled', // issue 10 (refunds)
  // --- issue 11 (i11-staff) ---
  'getStaffSession',
  'firstRunSetup',
  'signIn',
  'signOut',
  'lockTill',
  'listStaff',
  'addStaff',
  'updateStaff',
  'unlockStaff',
  'changeOwnPin',
  'saveStaffPolicy',
  'acknowledgeAuditBreak', // --- issue 11 point 4 (i11-audit) ---
  // --- issue 13 shifts, cash, Z reports (i13-day) ---
  'getShift',
  'openShift',
  'moveShiftCash',
  'closeShift',
  'cashSale',
  'cashRefund',
  'getXReport',
  'closeDay',
  'listZReports',
  'getZReport',
  'dayReportCsv',
  'getDaySettings',
  'saveDaySettings',
  'reconcileDay',
  // --- issue 12 quick pay (i12-engine) ---
  'quickPay',
  'sandboxPaymentCode',
  'sandboxPassword',
  // --- issue 15.1 catalog ---
  'listProducts',
  'saveProduct',
  'deleteProduct',
  'importCatalogCsv',
  'exportCatalogCsv',
  // --- issue 14 printing ---
  'getPrinterSettings',
  'savePrinterSettings',
  'printReceipt',
  'printTestPage',
  'listPrintJobs',
  'retryPrintJobs',
  'discardPrintJob',
  'getSyncStatus', // --- issue 16 head office
  // --- issue 13 + 14 (w2-print): shift-close and X/Z slips ---
  'printShiftClose',
  'printDayReport',
  'getAuditState', // --- issue 11 point 4 follow-up (w2-ack)
  // --- issue 16.2 till enrolment (i16-enrol) ---
  'getHeadOffice',
  'enrolAtHeadOffice',
  'leaveHeadOffice',
  // --- issue 16.4 cross-till refund (i16-xrefund) ---
  'searchHqPayments',
  'openHqPayment',
  // --- issue 13.1 split tender (i13-split) ---
  'splitCharge',
  'splitQuickPay',
  'listSplitCashOwed',
  'confirmSplitCashReturned',
] as const satisfies readonly (keyof PosCalls)[];

export type PosCallName = (typeof POS_CALLS)[number];
// Fails to compile if PosCalls gains a method that POS_CALLS does not list.
const _allListed: [Exclude<keyof PosCalls, PosCallName>] extends [never] ? true : never = true;
void _allListed;

export const POS_EVENTS = ['payment', 'refund', 'recovery', 'alert', 'printJob', 'customerView'] as const satisfies readonly PosEventName[];
const _allEvents: [Exclude<PosEventName, (typeof POS_EVENTS)[number]>] extends [never] ? true : never = true;
void _allEvents;

/** IPC channel names, namespaced so a stray channel can never collide. */
export const callChannel = (name: PosCallName): string => `pos:call:${name}`;
export const eventChannel = (name: PosEventName): string => `pos:event:${name}`;

export type PosEventSink = <E extends PosEventName>(event: E, payload: PosEvents[E]) => void;

// --- issue 11 points 1, 3, 6 (i11-staff): staff accounts and the till's session ---
/** Another manager's approval (refunds above StaffPolicy.secondApprovalAboveFen). */
export interface SecondApproval {
  readonly staffId: string;
  readonly pin: string;
}

export interface StaffPolicy {
  /** Sign out after this many minutes without an action; 0 = never. */
  readonly idleMinutes: number;
  /** Refunds above this amount need a second manager. */
  readonly secondApprovalAboveFen: number;
}

export interface SessionView {
  /** No staff account exists yet: the till shows the first-run screen (setup code). */
  readonly setupNeeded: boolean;
  /** The PIN key or every owner's PIN record cannot be read: locked until recovery (docs/security.md). */
  readonly damaged: boolean;
  readonly signedIn: StaffRef | null;
  /** Names to pick on the sign-in screen (never a PIN or a hash). */
  readonly people: readonly StaffRef[];
  /** Tries left after the last wrong sign-in PIN; null when the last try was not wrong. */
  readonly triesLeft: number | null;
  readonly policy: StaffPolicy;
}

export interface StaffView extends StaffRef {
  readonly disabled: boolean;
  readonly locked: boolean;
}
// --- issue 12 quick pay (i12-engine) ---
export type PaymentKind = 'NATIVE' | 'MICROPAY';

/** WeChat Pay's payment code (付款码) rule; anything else is never sent to WeChat. */
export const PAYMENT_CODE_PATTERN = /^1[0-5]\d{16}$/;
export const isPaymentCode = (text: string): boolean => PAYMENT_CODE_PATTERN.test(text);

/**
 * What the simulated customer does after the scan (sandbox): auto = pays at once below ¥1000 unless
 * it is the 11th payment of the day, otherwise asks for a password; password = always asks (and
 * waits for sandboxPassword); notenough = balance too low; payerror = the bank fails the payment.
 */
export type SandboxCustomer = 'auto' | 'password' | 'notenough' | 'payerror';
/** enter: the customer types the password and pays; abandon: walks away (the till gives up and reverses). */
export type PasswordAction = 'enter' | 'abandon';
// --- issue 15.1 catalog ---
import type { Product, ProductInput, ProductProblem } from './catalog';
export type { Product, ProductInput, ProductProblem } from './catalog';

export interface CatalogView {
  readonly products: readonly Product[];
  /** Whether the signed-in person may change a catalog item's price on a sale line. */
  readonly mayOverridePrice: boolean;
}

export interface CatalogImportResult {
  readonly imported: number;
  /** Refused rows (row = line in the file, header = 1); when any, nothing was imported. */
  readonly errors: readonly { readonly row: number; readonly problem: ProductProblem; readonly value: string }[];
}

// --- issue 11 point 4 follow-up (w2-ack): the audit chain verdict shown to the till ---
export interface AuditStateView {
  /** false while the chain failed its tamper check and the owner has not acknowledged it. */
  readonly intact: boolean;
  /** The first audit entry that does not verify; null while intact. */
  readonly brokenAt: number | null;
}

// --- issue 13 point 1 (w2-cash): cash sales are receipts too; their tender shows as kind CASH ---
/** How a receipt was paid: a WeChat payment kind, or cash (no out_trade_no / transaction_id then). */
export type ReceiptKind = PaymentKind | 'CASH';

// --- issue 16.2 till enrolment (i16-enrol) ---
/** What the owner types at the till, as HQ's page (or `hq code`) shows it. */
export interface HeadOfficeEnrolInput {
  /** HQ's https address, e.g. https://192.168.1.10:8443 */
  readonly url: string;
  /** HQ's certificate SHA-256 fingerprint (hex pairs with colons). */
  readonly fingerprint: string;
  /** The one-time code (1234-5678-9012). */
  readonly code: string;
}

export interface HeadOfficeView {
  /** null: the till works alone. */
  readonly enrolment: { readonly url: string; readonly fingerprint: string; readonly tillId: string | null } | null;
  readonly status: SyncStatus;
}
