// What the engine needs (EngineDeps) and what it offers (Engine).
import type Database from 'better-sqlite3';
import type { ManagerApproval, Mode, PaymentView, PosCalls, PosEventSink, RefundView, SaleLineInput } from '../../common/api';
import type { Clock } from '../../common/clock';
import type { Result } from '../../common/result';
import type { IdSource } from '../ids';
import type { WxPayClient } from '../wxpay/types';
import type { PollPolicy } from './poll-policy';
import type { QuickPayPolicy } from './quick-pay-policy';
import type { RefundAuthority } from '../sync/refund-authority'; // --- issue 16
import type { SplitCashInput } from '../store/repos/split-tender-repo'; // issue 13.1 split tender

/** The slice of the store the engine uses; the store's Store satisfies it. */
export interface EngineAudit {
  append(entry: { actor: string; action: string; subject: string; detail: string }): void;
}
export interface EngineStore {
  readonly db: Database.Database;
  readonly audit: EngineAudit;
}

/** Named moments where a crash test may kill the process (deps.crashAt); no-op in production. */
export const CRASH_POINTS = [
  'charge.before-commit',
  'charge.after-commit',
  'unifiedorder.after-send',
  'unifiedorder.before-commit',
  'paid.before-commit',
  'paid.after-commit',
  // a REFUND answer: the refunds made on the merchant platform are read, PAID + their rows not yet written
  'paid.outside-refunds.before-commit',
  // a CLOSED / REVOKED / PAYERROR answer on an attempt not yet CLOSING: the move to CLOSING not yet written
  'closing.before-commit',
  'cancel.after-commit',
  'close.before-send',
  'close.after-send',
  'refund.before-commit',
  'refund.after-commit',
  'refund.after-send',
  'refund.success.before-commit',
  'refund.change-handled.before-commit',
  'recovery.started',
  // --- issue 12 quick pay ---
  'micropay.after-send', // micropay sent, its answer not yet written
  'userpaying.after-commit', // USERPAYING written: the customer is entering the password
  'reverse.before-send', // reverse counted, not yet sent
  'reverse.after-send', // reverse sent, its answer not yet acted on
] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

export interface EngineLimits {
  readonly refundCapFen: number;
  readonly dailyRefundCapFen: number;
}

export interface EngineDeps {
  readonly store: EngineStore;
  /** Called per request so a settings change (key, cert, mode) takes effect at once. */
  readonly gateway: () => WxPayClient;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly events: PosEventSink;
  tillId(): string;
  storeName(): string;
  /** The till's mode when a sale is charged; recorded on the sale (and its receipt) for good. */
  mode(): Mode;
  verifyManagerPin(approver: string, pin: string): Result<null>;
  limits(): EngineLimits;
  readonly pollPolicy?: Partial<PollPolicy>;
  /** closeorder is not allowed before this long after creation (WeChat: 5 minutes). */
  readonly closeFloorMs?: number;
  /** time_expire = creation + this; at least 5 minutes (default 10). */
  readonly expireMs?: number;
  /** Minimum spacing between refunds of one order (WeChat: 1 minute). */
  readonly refundSpacingMs?: number;
  /** false lets several sales wait at once (benchmarks, several cashiers); default true. */
  readonly oneOpenSalePerTill?: boolean;
  /** Jitter source; seeded in tests. */
  readonly random?: () => number;
  readonly crashAt?: (point: CrashPoint) => void;
  readonly log?: (message: string, detail?: unknown) => void;
  /**
   * Resolves when the gateway rejects the till's credentials (rotated key or certificate): recovery
   * then finishes with the items it could not ask about shown as CREDENTIALS_REJECTED (issue 10 point 3).
   */
  readonly credentialsRejected?: () => Promise<void>;
  /** Issue 11 point 4: refused (AUDIT_BROKEN) while the audit chain is broken and not acknowledged. */
  readonly chainGuard?: () => Result<null>;
  /** unifiedorder constants (kept identical on every resend). */
  readonly notifyUrl?: string;
  readonly spbillCreateIp?: string;
  /** issue 12: quick pay timing (tests shorten nothing by default: WeChat's rules hold). */
  readonly quickPay?: Partial<QuickPayPolicy>;
  // --- issue 16 head office: reserves a refund's amount at HQ before WeChat is called (absent: no HQ)
  readonly refundAuthority?: RefundAuthority;
}

export type EngineCalls = Pick<PosCalls, 'getPayment' | 'cancelPayment' | 'getRecovery' | 'getAlerts' | 'dismissAlert'> & {
  // issue 11: the bridge's versions of these name the signed-in person; core/api.ts fills these in.
  // split (issue 13.1): a cash part already taken; WeChat is charged the rest
  charge(input: { readonly lines: readonly SaleLineInput[]; readonly cashier: string; readonly split?: SplitCashInput }): Promise<Result<PaymentView>>;
  requestRefund(input: {
    readonly saleId: string;
    readonly amountFen: number;
    readonly reason: string;
    readonly approver: string;
    readonly managerPin: string;
    readonly staffId?: string;
    readonly secondStaffId?: string | null;
  }): Promise<Result<RefundView>>;
  markRefundHandled(input: { readonly refundId: string } & ManagerApproval): Promise<Result<RefundView>>;
  // issue 12: quick pay, with the signed-in person's name like charge
  quickPay(input: {
    readonly lines: readonly SaleLineInput[];
    readonly cashier: string;
    readonly authCode: string;
    readonly split?: SplitCashInput; // issue 13.1 split tender
  }): Promise<Result<PaymentView>>;
};

export interface Engine extends EngineCalls {
  /** Recovery: resolves every non-final attempt and refund, then ready() turns true. */
  start(): Promise<void>;
  ready(): boolean;
  /** Stops all watchers (state stays in the database for the next start). */
  stop(): Promise<void>;
  /** issue 12: the payment code of a quick pay (the sandbox phone enters its password). */
  authCodeOf(attemptId: string): string | null;
}
