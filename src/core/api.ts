// The handler table behind window.pos, whole: one entry per POS_CALLS name, each delegating to the part
// of core that owns it (engine: payments, refunds, alerts; store: history; settings: the rest; the
// sandbox port: the simulated phone, and starting the simulator when the till switches to SANDBOX).
// Payloads arrive already validated by the dispatcher (api-schemas.ts).
import type {
  ClockStatus,
  DayTotals,
  PaymentView,
  PosCalls,
  PreflightLine,
  ReceiptDetail,
  ReceiptPage,
  ReceiptQuery,
  RefundView, // issue 13.1 (w2-cash)
  SaleLineInput,
} from '../common/api';
import { err, ok, type Result } from '../common/result';
import type { SyncStatus } from '../common/hq-sync'; // --- issue 16
import type { ForeignPayments } from './sync/foreign-payments'; // --- issue 16.4 cross-till refund (i16-xrefund)
import type { EngineCalls } from './checkout/engine-types';
import { createCatalogCalls, type CatalogDeps } from './catalog/catalog-api'; // issue 15.1
import { clockWrongText } from './settings/clock-watch';
import type { SandboxPort } from './settings/sandbox-port';
import type { SettingsService } from './settings/settings-service';
import { roleAtLeast, type StaffRole } from '../common/staff';
import { SECURITY_ALERT_KINDS, type StaffAuthority } from './auth/staff-authority';
import type { ChainGuard } from './audit/chain-guard';
import type { PreflightLimit } from './settings/preflight-limit';
// --- issue 13 shifts, cash, Z reports (i13-day) ---
import { dayReportCsv, type Day } from './day';
import type { CashRefundView, ReconcileSummary } from '../common/day';
// --- issue 14 printing and customer display ---
import type { PrintService } from './printing/print-service';
import type { CustomerFeed } from './customer/customer-feed';
// --- issue 16.2 till enrolment (i16-enrol) ---
import { createHeadOfficeCalls, type HeadOfficeLink } from './sync/head-office-calls';

export const DAY_MS = 86_400_000;

/** The store's history queries, bound to its database. */
export interface HistoryQueries {
  /** err(INVALID_PAYLOAD) for a cursor the store cannot read. */
  listReceipts(q: ReceiptQuery): Result<ReceiptPage>;
  getReceiptDetail(saleId: string): ReceiptDetail | null;
  dayTotals(dayStartMs: number, dayEndMs: number): DayTotals;
}

export interface PosApiDeps {
  readonly engine: EngineCalls & { ready(): boolean; /** issue 12: a quick pay's payment code (sandbox phone only). */ authCodeOf?(attemptId: string): string | null };
  readonly history: HistoryQueries;
  readonly settings: SettingsService;
  /** issue 11: who is signed in; every action that moves money or settings names them. */
  readonly auth: StaffAuthority;
  readonly preflight: () => Promise<readonly PreflightLine[]>;
  readonly sandbox: SandboxPort;
  readonly appVersion: string;
  /** The clock comparison with the gateway (absent: never compared, never blocks). */
  readonly clock?: { status(): ClockStatus | null };
  /** Issue 11 point 4: the audit chain verdict (absent: acknowledging answers that nothing is broken). */
  readonly chainGuard?: Pick<ChainGuard, 'acknowledge' | 'check' | 'state'>;
  /** Issue 11 point 8: testConnection one at a time and not too often (absent: unlimited). */
  readonly preflightLimit?: PreflightLimit;
  // --- issue 13 shifts, cash, Z reports (i13-day) ---
  /** Shifts, cash and X/Z reports; its shift guard refuses every sale outside an open shift. */
  readonly day: Day;
  /** Reconciles one bill date now (yyyyMMdd) and stores the result for that day's Z report. */
  readonly reconcile: (billDate: string) => Promise<Result<ReconcileSummary>>;
  // --- issue 15.1 catalog ---
  readonly catalog: CatalogDeps;
  // --- issue 14 printing and customer display (absent: printing answers CONFIG_ERROR) ---
  readonly printing?: PrintService;
  readonly customer?: CustomerFeed;
  // --- issue 16 head office: the link's sync state (absent: not built, shown as 'off')
  readonly sync?: { status(): SyncStatus };
  // --- issue 16.2 till enrolment (i16-enrol): enrol / leave from the till's screen (absent: CONFIG_ERROR)
  readonly headOffice?: HeadOfficeLink;
  // --- issue 16.4 cross-till refund (i16-xrefund): other tills' payments at HQ (absent: HQ_UNREACHABLE)
  readonly foreignPayments?: ForeignPayments;
}

export function createPosApi(deps: PosApiDeps): PosCalls {
  const { engine, history, settings, auth } = deps;
  const { staff, grants } = auth;
  // Issue 11 point 4: while the audit chain is broken, staff changes wait for the owner's acknowledgement.
  const chainIntact = (): Result<null> => deps.chainGuard?.check() ?? ok(null);
  const catalog = createCatalogCalls(deps.catalog);
  const printing = printingCalls(deps.printing);
  const headOffice = createHeadOfficeCalls({ link: deps.headOffice, staff, chainIntact }); // --- issue 16.2 (i16-enrol)
  /**
   * Every way of taking money by WeChat (charge, quick pay, and both with a cash part) runs the same guards
   * in the same order — signed in, shift open (issue 13), clock right (a wrong clock makes every
   * time_expire wrong) — stamps the sale with the person (the sale row is written before the first
   * await), and tells the customer display the lines (issue 14; never the cashier).
   */
  const takeWechat = async (
    action: string,
    lines: readonly SaleLineInput[],
    run: (cashier: string, shiftId: string) => Promise<Result<PaymentView>>,
  ): Promise<Result<PaymentView>> => {
    const who = staff.require('cashier', action);
    if (!who.ok) return who;
    const shift = deps.day.shifts.requireOpenShift();
    if (!shift.ok) return shift;
    const clock = deps.clock?.status();
    if (clock?.wrong) return err('CLOCK_WRONG', clockWrongText(clock));
    const r = await auth.stamp.during({ staffId: who.value.staffId }, () => run(who.value.name, shift.value.shiftId));
    if (r.ok && deps.customer) {
      deps.customer.charged(r.value.saleId, lines);
      deps.customer.payment(r.value);
    }
    return r;
  };
  const signedIn = <T>(need: StaffRole, what: string, run: () => Result<T> | Promise<Result<T>>): Promise<Result<T>> => {
    const who = staff.require(need, what);
    return who.ok ? Promise.resolve(run()) : Promise.resolve(who);
  };
  const staffChange = <T>(run: () => Promise<Result<T>> | Result<T>): Promise<Result<T>> => {
    const chain = chainIntact();
    return chain.ok ? Promise.resolve(run()) : Promise.resolve(chain);
  };
  return {
    getShellInfo: async () =>
      ok({
        storeName: settings.storeName(),
        tillId: settings.tillId(),
        mode: settings.mode(),
        locale: settings.locale(),
        appVersion: deps.appVersion,
        ready: engine.ready(),
        clock: deps.clock?.status() ?? null,
      }),
    charge: async (input) => takeWechat('charge', input.lines, (cashier) => engine.charge({ lines: input.lines, cashier })),
    getPayment: (input) => engine.getPayment(input),
    cancelPayment: async (input) => {
      const who = staff.require('cashier', 'cancel');
      if (!who.ok) return who;
      const r = await engine.cancelPayment(input);
      if (r.ok) auth.recordCancel(input.attemptId, r.value.outTradeNo, who.value);
      return r;
    },
    getRecovery: () => engine.getRecovery(),
    listReceipts: async (input) => history.listReceipts({ ...input, mode: input.mode ?? settings.mode() }),
    getReceipt: async (input) => {
      const detail = history.getReceiptDetail(input.saleId);
      return detail ? ok(detail) : err('NOT_FOUND', 'No receipt for this sale.');
    },
    getDayTotals: async (input) => ok(history.dayTotals(input.dayStartMs, input.dayStartMs + DAY_MS)),
    requestRefund: async (input) => {
      // The signed-in manager approves; above the threshold another manager adds their PIN.
      const who = staff.require('manager', 'refund');
      if (!who.ok) return who;
      let second: string | null = null;
      if (input.amountFen > staff.policy().secondApprovalAboveFen) {
        if (!input.secondApprover) {
          return err('SECOND_APPROVER_REQUIRED', 'A refund this large needs a second manager (not you) to approve with their own PIN.');
        }
        const s = staff.secondApproval(input.secondApprover, who.value, 'refund');
        if (!s.ok) return s;
        second = s.value.staffId;
      }
      const { saleId, amountFen, reason } = input;
      // issue 13.1: a cash sale refunded from History is a cash refund, approved by the same signed-in manager
      if (history.getReceiptDetail(saleId)?.receipt.kind === 'CASH') {
        const m = who.value;
        return grants.during(m, async (token) => {
          const r = deps.day.cash.refund({ saleId, amountFen, reason, approver: m.name, managerPin: token });
          return r.ok ? ok(cashRefundView(r.value)) : r;
        });
      }
      // The refund row names both people itself: the HQ reservation (issue 16) may await before it is written.
      return grants.during(who.value, (token) =>
        engine.requestRefund({ saleId, amountFen, reason, approver: who.value.name, managerPin: token, staffId: who.value.staffId, secondStaffId: second }),
      );
    },
    getAlerts: () => engine.getAlerts(),
    dismissAlert: async (input) => {
      const who = staff.require('cashier', 'alert.dismiss');
      if (!who.ok) return who;
      const kind = auth.openAlertKind(input.alertId);
      const reason = input.reason?.trim() ?? '';
      if (kind && SECURITY_ALERT_KINDS.has(kind)) {
        if (!roleAtLeast(who.value.role, 'manager')) return err('ROLE_REQUIRED', 'Only a manager may dismiss this alert.');
        if (!reason) return err('REASON_REQUIRED', 'Say why this alert is dismissed (it goes into the audit log).');
      }
      const r = await engine.dismissAlert({ alertId: input.alertId });
      if (r.ok && kind) auth.recordDismissal(input.alertId, kind, who.value, reason);
      return r;
    },
    markRefundHandled: async (input) => {
      const who = staff.require('manager', 'refund.change.handled');
      if (!who.ok) return who;
      return grants.during(who.value, (token) => engine.markRefundHandled({ refundId: input.refundId, approver: who.value.name, managerPin: token }));
    },
    getSettings: async () => ok(settings.view()),
    // Protected changes need the owner: the settings service asks for an approval, the grant answers
    // it for the signed-in person, and the startCore adapter accepts only an owner's.
    saveSettings: async (input) => {
      const who = staff.require('cashier', 'settings.save');
      if (!who.ok) return who;
      return grants.during(who.value, async (token) => settings.save({ ...input, approver: who.value.name, managerPin: token }));
    },
    importMerchantCertificate: async (input) => {
      const who = staff.require('owner', 'settings.certificate');
      if (!who.ok) return who;
      return grants.during(who.value, (token) => settings.importMerchantCertificate({ ...input, approver: who.value.name, managerPin: token }));
    },
    testConnection: async () => {
      const gate = deps.preflightLimit?.begin();
      if (gate && !gate.ok) return gate;
      try {
        return ok(await deps.preflight());
      } finally {
        deps.preflightLimit?.end();
      }
    },
    setMode: async (input) => {
      const who = staff.require('owner', 'settings.mode');
      if (!who.ok) return who;
      const r = await grants.during(who.value, async (token) =>
        settings.setMode(input.mode, input.confirmed, { approver: who.value.name, managerPin: token }),
      );
      // The switch stands even when the simulator fails to start: the port logs it, payments answer
      // CONFIG_ERROR until it is fixed, and the till can switch back.
      if (r.ok && r.value.mode === 'SANDBOX') await deps.sandbox.ensure();
      // Issue 11 point 7: no simulator (and no /sim control API) stays up beside the LIVE key.
      if (r.ok && r.value.mode === 'LIVE') await deps.sandbox.close();
      return r;
    },
    sandboxPhone: async (input) => {
      if (settings.mode() !== 'SANDBOX') return err('SANDBOX_ONLY', 'The simulated phone exists only in sandbox mode.');
      if (!deps.sandbox.current()) return err('CONFIG_ERROR', 'The sandbox simulator is not running.');
      const payment = await engine.getPayment({ attemptId: input.attemptId });
      if (!payment.ok) return payment;
      const codeUrl = payment.value.codeUrl;
      if (!codeUrl) return err('NOT_FOUND', 'No QR code is shown for this payment.');
      return deps.sandbox.phone(input.action, codeUrl);
    },
    // --- issue 11 (i11-staff): staff accounts and the session ---
    getStaffSession: async () => ok(staff.view()),
    firstRunSetup: async (input) => staff.firstRun(input),
    signIn: async (input) => staff.signIn(input),
    signOut: async () => {
      staff.signOut('sign-out');
      return ok(null);
    },
    lockTill: async () => {
      staff.signOut('lock');
      return ok(null);
    },
    listStaff: async () => staff.list(),
    addStaff: (input) => staffChange(() => staff.add(input)),
    updateStaff: (input) => staffChange(() => staff.update(input)),
    unlockStaff: (input) => staffChange(() => staff.unlock(input.staffId)),
    changeOwnPin: (input) => staffChange(() => staff.changeOwnPin(input)),
    saveStaffPolicy: (input) => staffChange(() => staff.savePolicy(input)),
    // --- issue 11 point 4 (i11-audit) ---
    acknowledgeAuditBreak: async (input) =>
      deps.chainGuard ? deps.chainGuard.acknowledge(input.note) : err('AUDIT_ACK_REFUSED', 'The audit log is intact: there is nothing to acknowledge.'),
    // --- issue 13 shifts, cash, Z reports (i13-day) ---
    getShift: async () => ok(deps.day.shifts.state()),
    openShift: async (input) => signedIn('cashier', 'shift.open', () => deps.day.shifts.open(input)),
    moveShiftCash: async (input) => signedIn('cashier', 'shift.move', () => deps.day.shifts.move(input)),
    // A difference above the limit is accepted on purpose by a manager: the signed-in one ticking
    // acceptDifference, or another manager's PIN. Without either, the day answers SHIFT_DIFF_NEEDS_MANAGER.
    closeShift: async (input) => {
      const who = staff.require('cashier', 'shift.close');
      if (!who.ok) return who;
      let manager = input.acceptDifference && roleAtLeast(who.value.role, 'manager') ? who.value : null;
      if (input.secondApprover) {
        const s = staff.secondApproval(input.secondApprover, who.value, 'shift.close');
        if (!s.ok) return s;
        manager = s.value;
      }
      if (!manager) return deps.day.shifts.close({ counts: input.counts });
      const m = manager;
      return grants.during(m, async (token) => deps.day.shifts.close({ counts: input.counts, approver: m.name, managerPin: token }));
    },
    cashSale: async (input) => signedIn('cashier', 'cash.sale', () => deps.day.cash.sale(input)), // guarded inside by the same requireOpenShift
    cashRefund: async (input) => {
      const who = staff.require('manager', 'cash.refund');
      if (!who.ok) return who;
      return grants.during(who.value, async (token) => deps.day.cash.refund({ ...input, approver: who.value.name, managerPin: token }));
    },
    getXReport: async (input) => deps.day.z.x(input.day),
    closeDay: async (input) => signedIn('manager', 'day.close', () => deps.day.z.close(input)),
    listZReports: async () => ok(deps.day.z.list()),
    getZReport: async (input) => deps.day.z.get(input.seq),
    dayReportCsv: async (input) => {
      const r = input.seq === undefined ? deps.day.z.x() : deps.day.z.get(input.seq);
      return r.ok ? ok(dayReportCsv(r.value)) : r;
    },
    getDaySettings: async () => ok(deps.day.settings()),
    saveDaySettings: async (input) => {
      const who = staff.require('manager', 'day.settings');
      if (!who.ok) return who;
      return grants.during(who.value, async (token) => deps.day.saveSettings({ ...input, approver: who.value.name, managerPin: token }));
    },
    reconcileDay: (input) => deps.reconcile(input.billDate),
    // --- issue 12 quick pay (i12-engine) ---
    // The same guards as charge, in the same order: signed in, shift open, clock right.
    quickPay: async (input) => takeWechat('quickPay', input.lines, (cashier) => engine.quickPay({ lines: input.lines, authCode: input.authCode, cashier })),
    sandboxPaymentCode: async (input) => {
      if (settings.mode() !== 'SANDBOX') return err('SANDBOX_ONLY', 'The simulated phone exists only in sandbox mode.');
      const port = deps.sandbox;
      if (!port.current() || !port.paymentCode) return err('CONFIG_ERROR', 'The sandbox simulator is not running.');
      return port.paymentCode(input.customer);
    },
    sandboxPassword: async (input) => {
      if (settings.mode() !== 'SANDBOX') return err('SANDBOX_ONLY', 'The simulated phone exists only in sandbox mode.');
      const port = deps.sandbox;
      if (!port.current() || !port.password) return err('CONFIG_ERROR', 'The sandbox simulator is not running.');
      const authCode = engine.authCodeOf?.(input.attemptId) ?? null;
      if (!authCode) return err('NOT_FOUND', 'No quick pay with a payment code for this payment.');
      return port.password(authCode, input.action);
    },
    // --- issue 15.1 catalog ---
    // Anyone signed in reads the catalog; a manager edits it.
    listProducts: catalog.listProducts,
    exportCatalogCsv: catalog.exportCatalogCsv,
    saveProduct: (input) => signedIn('manager', 'catalog.save', () => catalog.saveProduct(input)),
    deleteProduct: (input) => signedIn('manager', 'catalog.delete', () => catalog.deleteProduct(input)),
    importCatalogCsv: (input) => signedIn('manager', 'catalog.import', () => catalog.importCatalogCsv(input)),
    // --- issue 14 printing ---
    ...printing,
    savePrinterSettings: (input) => signedIn('manager', 'printer.settings', () => printing.savePrinterSettings(input)),
    getSyncStatus: async () => ok(deps.sync?.status() ?? { state: 'off' }), // --- issue 16 head office
    // --- issue 13 + 14 (w2-print): shift-close and X/Z slips ---
    printShiftClose: async (input) => {
      if (!deps.printing) return err('CONFIG_ERROR', NO_PRINTING);
      const view = deps.day.shifts.get(input.shiftId);
      if (!view) return err('NOT_FOUND', 'No shift with this id. / 没有这个班次。');
      return deps.printing.printShiftClose(view);
    },
    printDayReport: async (input) => {
      if (!deps.printing) return err('CONFIG_ERROR', NO_PRINTING);
      const r = input.seq === undefined ? deps.day.z.x() : deps.day.z.get(input.seq);
      return r.ok ? deps.printing.printDayReport(r.value) : r;
    },
    // --- issue 11 point 4 follow-up (w2-ack): no guard (tests without one) = intact ---
    getAuditState: async () => {
      const s = deps.chainGuard?.state() ?? { ok: true };
      return ok(s.ok ? { intact: true, brokenAt: null } : { intact: false, brokenAt: s.brokenAt });
    },
    // --- issue 16.2 till enrolment (i16-enrol) ---
    getHeadOffice: headOffice.getHeadOffice,
    enrolAtHeadOffice: headOffice.enrolAtHeadOffice,
    leaveHeadOffice: headOffice.leaveHeadOffice,
    // --- issue 16.4 cross-till refund (i16-xrefund): a manager, as for any refund; the refund itself is requestRefund ---
    searchHqPayments: (input) =>
      signedIn('manager', 'refund.hq-search', () => (deps.foreignPayments ? deps.foreignPayments.search(input.text) : err('HQ_UNREACHABLE', NO_HQ))),
    openHqPayment: (input) =>
      signedIn('manager', 'refund.hq-open', async () => {
        if (!deps.foreignPayments) return err('HQ_UNREACHABLE', NO_HQ);
        const r = await deps.foreignPayments.open(input.outTradeNo);
        if (!r.ok) return r;
        const detail = history.getReceiptDetail(r.value.saleId);
        return detail ? ok(detail) : err('NOT_FOUND', 'No receipt for this sale.');
      }),
    // --- issue 13.1 split tender (i13-split) ---
    // The cash part is written with the sale in the open shift; WeChat is charged the rest.
    splitCharge: async (input) =>
      takeWechat('splitCharge', input.lines, (cashier, shiftId) =>
        engine.charge({ lines: input.lines, cashier, split: { cashFen: input.cashFen, tenderedFen: input.tenderedFen, shiftId } }),
      ),
    splitQuickPay: async (input) =>
      takeWechat('splitQuickPay', input.lines, (cashier, shiftId) =>
        engine.quickPay({ lines: input.lines, authCode: input.authCode, cashier, split: { cashFen: input.cashFen, tenderedFen: input.tenderedFen, shiftId } }),
      ),
    listSplitCashOwed: async () => ok(deps.day.split.owed()),
    confirmSplitCashReturned: async (input) => signedIn('cashier', 'split.cash.returned', () => deps.day.split.confirmReturned(input.saleId)),
  };
}

// --- issue 14 printing and customer display ---
const NO_PRINTING = 'Printing is not available in this process. / 此进程不支持打印。';

function printingCalls(p: PrintService | undefined): Pick<
  PosCalls,
  'getPrinterSettings' | 'savePrinterSettings' | 'printReceipt' | 'printTestPage' | 'listPrintJobs' | 'retryPrintJobs' | 'discardPrintJob'
> {
  const off = async () => err('CONFIG_ERROR', NO_PRINTING);
  if (!p) {
    return { getPrinterSettings: off, savePrinterSettings: off, printReceipt: off, printTestPage: off, listPrintJobs: off, retryPrintJobs: off, discardPrintJob: off };
  }
  return {
    getPrinterSettings: async () => ok(p.settings()),
    savePrinterSettings: async (input) => p.saveSettings(input),
    printReceipt: async (input) => p.printReceipt(input.saleId),
    printTestPage: async () => p.printTestPage(),
    listPrintJobs: async () => ok(p.jobs()),
    retryPrintJobs: async () => {
      p.retry();
      return ok(null);
    },
    discardPrintJob: async (input) => p.discard(input.jobId),
  };
}

// --- issue 13 point 1 (w2-cash): a cash refund as History shows refunds (done at the counter: refunded at once) ---
function cashRefundView(c: CashRefundView): RefundView {
  return { refundId: c.refundId, saleId: c.saleId, outRefundNo: '', amountFen: c.amountFen, reason: c.reason, status: 'refunded', approver: c.approver, createdAt: c.at, message: null };
}

// --- issue 16.4 cross-till refund (i16-xrefund) ---
const NO_HQ = 'This till is not linked to head office. / 本机未连接总部。';
