// The handler table behind window.pos, whole: one entry per POS_CALLS name, each delegating to the part
// of core that owns it (engine: payments, refunds, alerts; store: history; settings: the rest; the
// sandbox port: the simulated phone, and starting the simulator when the till switches to SANDBOX).
// Payloads arrive already validated by the dispatcher (api-schemas.ts).
import type {
  ClockStatus,
  DayTotals,
  PosCalls,
  PreflightLine,
  ReceiptDetail,
  ReceiptPage,
  ReceiptQuery,
} from '../common/api';
import { err, ok, type Result } from '../common/result';
import type { SyncStatus } from '../common/hq-sync'; // --- issue 16
import type { EngineCalls } from './checkout/engine-types';
import { clockWrongText } from './settings/clock-watch';
import type { ManagerPin } from './settings/manager-pin';
import type { SandboxPort } from './settings/sandbox-port';
import type { SettingsService } from './settings/settings-service';

export const DAY_MS = 86_400_000;

/** The store's history queries, bound to its database. */
export interface HistoryQueries {
  /** err(INVALID_PAYLOAD) for a cursor the store cannot read. */
  listReceipts(q: ReceiptQuery): Result<ReceiptPage>;
  getReceiptDetail(saleId: string): ReceiptDetail | null;
  dayTotals(dayStartMs: number, dayEndMs: number): DayTotals;
}

export interface PosApiDeps {
  readonly engine: EngineCalls & { ready(): boolean };
  readonly history: HistoryQueries;
  readonly settings: SettingsService;
  readonly pin: ManagerPin;
  readonly preflight: () => Promise<readonly PreflightLine[]>;
  readonly sandbox: SandboxPort;
  readonly appVersion: string;
  /** The clock comparison with the gateway (absent: never compared, never blocks). */
  readonly clock?: { status(): ClockStatus | null };
  // --- issue 16 head office: the link's sync state (absent: not built, shown as 'off')
  readonly sync?: { status(): SyncStatus };
}

export function createPosApi(deps: PosApiDeps): PosCalls {
  const { engine, history, settings } = deps;
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
    charge: async (input) => {
      // A wrong clock makes every time_expire wrong: no order is sent until the clock is set.
      const clock = deps.clock?.status();
      if (clock?.wrong) return err('CLOCK_WRONG', clockWrongText(clock));
      return engine.charge(input);
    },
    getPayment: (input) => engine.getPayment(input),
    cancelPayment: (input) => engine.cancelPayment(input),
    getRecovery: () => engine.getRecovery(),
    listReceipts: async (input) => history.listReceipts({ ...input, mode: input.mode ?? settings.mode() }),
    getReceipt: async (input) => {
      const detail = history.getReceiptDetail(input.saleId);
      return detail ? ok(detail) : err('NOT_FOUND', 'No receipt for this sale.');
    },
    getDayTotals: async (input) => ok(history.dayTotals(input.dayStartMs, input.dayStartMs + DAY_MS)),
    requestRefund: (input) => engine.requestRefund(input),
    getAlerts: () => engine.getAlerts(),
    dismissAlert: (input) => engine.dismissAlert(input),
    markRefundHandled: (input) => engine.markRefundHandled(input),
    getSettings: async () => ok(settings.view()),
    saveSettings: async (input) => settings.save(input),
    importCertificate: (input) => settings.importCertificate(input),
    setManagerPin: async (input) => deps.pin.setPin(input.currentPin, input.newPin),
    testConnection: async () => ok(await deps.preflight()),
    setMode: async (input) => {
      const r = await settings.setMode(input.mode, input.confirmed, { approver: input.approver, managerPin: input.managerPin });
      // The switch stands even when the simulator fails to start: the port logs it, payments answer
      // CONFIG_ERROR until it is fixed, and the till can switch back.
      if (r.ok && r.value.mode === 'SANDBOX') await deps.sandbox.ensure();
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
    getSyncStatus: async () => ok(deps.sync?.status() ?? { state: 'off' }), // --- issue 16 head office
  };
}
