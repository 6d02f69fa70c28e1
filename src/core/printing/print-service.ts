// Issue 14 point 2: printing as core offers it to the bridge. Owns the printer settings, the queue and
// the choice of printer; knows nothing of Electron (the system printer comes in as a PrinterPort from
// main). Every call answers at once: slips print in the background, after the sale has committed.
import type { Locale, Mode, PaymentView, ReceiptDetail } from '../../common/api';
import type { Clock } from '../../common/clock';
import type { PrinterSettingsInput, PrintJobView } from '../../common/printing';
import { err, fail, ok, type Result } from '../../common/result';
import type { StoreKv } from '../store/open';
import type Database from 'better-sqlite3';
import { PrintQueue, type CurrentPrinter } from './print-queue';
import type { PrinterPort } from './printer-port';
import { PRINTER_SETTINGS_KEY, readPrinterSettings, validatePrinterSettings, type PrinterSettings } from './printer-settings';
import { tcpPrinter } from './tcp-printer';
import type { DayReport, ShiftView } from '../../common/day';
import { dayReportDoc, shiftCloseDoc } from './day-docs';

export interface PrintServiceDeps {
  readonly db: Database.Database;
  readonly kv: StoreKv;
  readonly clock: Clock;
  readonly shop: { storeName(): string; tillId(): string; mode(): Mode };
  readonly receipt: (saleId: string) => ReceiptDetail | null;
  /** Electron's silent print (main); absent in the CLI and the browser harness. */
  readonly systemPrinter?: PrinterPort;
  readonly onJob?: (job: PrintJobView) => void;
  readonly log?: (msg: string) => void;
  /** Network printer deadline per step (tests shorten it). */
  readonly tcpTimeoutMs?: number;
}

export interface PrintService {
  settings(): PrinterSettings;
  saveSettings(input: PrinterSettingsInput): Result<PrinterSettings>;
  /** Reprint (History, the paid screen): always a new slip, marked REPRINT. */
  printReceipt(saleId: string): Result<PrintJobView>;
  printTestPage(): Result<PrintJobView>;
  /** Issue 13 + 14: the slip of a closed shift (NOT_FOUND while it is still open). */
  printShiftClose(view: ShiftView): Result<PrintJobView>;
  /** Issue 13 + 14: an X (day so far) or Z report. */
  printDayReport(report: DayReport): Result<PrintJobView>;
  jobs(): readonly PrintJobView[];
  retry(): void;
  discard(id: number): Result<null>;
  /** Told of every payment event; a paid one is auto-printed once when the setting is on. */
  onPayment(view: PaymentView): void;
  start(): void;
  stop(): Promise<void>;
}

const NOT_CONFIGURED = 'No printer set up: choose one in Settings. / 未设置打印机：请在设置中选择。';

export function createPrintService(deps: PrintServiceDeps): PrintService {
  const settings = (): PrinterSettings => readPrinterSettings(deps.kv.get(PRINTER_SETTINGS_KEY));

  const current: CurrentPrinter = () => {
    const s = settings();
    const render = { width: s.width, locale: s.locale };
    switch (s.target.kind) {
      case 'network':
        return ok({ port: tcpPrinter({ host: s.target.host, port: s.target.port, timeoutMs: deps.tcpTimeoutMs ?? 5_000 }), render, openDrawer: false });
      case 'system':
        if (!deps.systemPrinter) return fail({ kind: 'system_printer', detail: 'no system printer in this process' });
        {
          const system = deps.systemPrinter;
          const deviceName = s.target.deviceName;
          return ok({ port: { print: (req) => system.print({ ...req, deviceName }) }, render, openDrawer: false });
        }
      case 'none':
        return fail({ kind: 'not_configured', detail: 'printer target none' });
    }
  };

  const queue = new PrintQueue({
    db: deps.db,
    clock: deps.clock,
    printer: current,
    locale: (): Locale => settings().locale,
    ...(deps.onJob ? { onChange: deps.onJob } : {}),
    ...(deps.log ? { log: deps.log } : {}),
  });

  const receiptDoc = (saleId: string, reprint: boolean) => {
    const detail = deps.receipt(saleId);
    if (!detail) return null;
    return { kind: 'receipt' as const, receipt: detail.receipt, refunds: [...detail.refunds, ...(detail.split?.cashRefunds ?? [])], reprint }; // issue 13.1: a split's cash refunds too
  };

  return {
    settings,
    saveSettings(input) {
      const v = validatePrinterSettings(input);
      if (!v.ok) return v;
      deps.kv.set(PRINTER_SETTINGS_KEY, JSON.stringify(v.value));
      // a fixed printer may take the waiting slips now
      queue.retryNow();
      return v;
    },
    printReceipt(saleId) {
      const doc = receiptDoc(saleId, true);
      if (!doc) return err('NOT_FOUND', 'No receipt for this sale. / 没有这笔交易的小票。');
      return ok(queue.enqueue(doc));
    },
    printTestPage() {
      if (settings().target.kind === 'none') return err('CONFIG_ERROR', NOT_CONFIGURED);
      const doc = { kind: 'test-page' as const, storeName: deps.shop.storeName(), tillId: deps.shop.tillId(), mode: deps.shop.mode(), printedAt: deps.clock.now() };
      // the test page also kicks the drawer, so the cable is tested with the printer
      return ok(queue.enqueue(doc, { openDrawer: settings().openDrawer }));
    },
    printShiftClose(view) {
      const doc = shiftCloseDoc({ storeName: deps.shop.storeName(), tillId: deps.shop.tillId(), mode: deps.shop.mode() }, view);
      if (!doc) return err('NOT_FOUND', 'This shift is not closed yet: close it first. / 该班次尚未交班，请先交班。');
      return ok(queue.enqueue(doc));
    },
    printDayReport(report) {
      return ok(queue.enqueue(dayReportDoc({ storeName: deps.shop.storeName(), tillId: deps.shop.tillId() }, report)));
    },
    jobs: () => queue.list(20),
    retry: () => queue.retryNow(),
    discard: (id) => (queue.discard(id) ? ok(null) : err('NOT_FOUND', 'No waiting slip with this number. / 没有这张待打印的小票。')),
    onPayment(view) {
      if (view.status !== 'paid' || !view.receipt) return;
      const s = settings();
      if (!s.autoPrint || s.target.kind === 'none') return;
      try {
        queue.enqueue({ kind: 'receipt', receipt: view.receipt, refunds: [] }, { dedupeKey: `auto:${view.saleId}`, openDrawer: s.openDrawer });
      } catch (e) {
        // printing never affects a payment: the failure is logged and the sale stands
        deps.log?.(`auto-print of ${view.saleId} not queued: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    start: () => queue.start(),
    stop: () => queue.stop(),
  };
}
