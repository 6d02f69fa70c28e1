// Builds window.pos from an ipcRenderer-shaped transport. Kept free of electron and node:* imports so the
// contract test can import it directly and drive it with a fake transport.
// One named function per call over a fixed channel; listeners get the payload only, never the IPC event
// (Electron security checklist #20: never expose raw ipcRenderer or the event object to the page).
import { POS_EVENTS, callChannel, eventChannel } from '../common/api';
import type { PosApi, PosCallName, PosCalls, PosEventName, PosEvents, Unsubscribe } from '../common/api';

type IpcListener = (event: unknown, payload: unknown) => void;

/** The three ipcRenderer methods the bridge needs, and nothing more. */
export interface BridgeTransport {
  invoke(channel: string, payload?: unknown): Promise<unknown>;
  on(channel: string, listener: IpcListener): void;
  removeListener(channel: string, listener: IpcListener): void;
}

const KNOWN_EVENTS: ReadonlySet<string> = new Set(POS_EVENTS);

export function buildPosBridge(ipc: BridgeTransport): PosApi {
  // Each method sends its one payload argument (nothing else) over its own channel; core's dispatcher
  // validates it with zod. The cast is the trust boundary: main returns a Result built by that dispatcher,
  // whose shape PosCalls describes.
  const call =
    <K extends PosCallName>(name: K) =>
    (payload?: unknown): ReturnType<PosCalls[K]> =>
      ipc.invoke(callChannel(name), payload) as ReturnType<PosCalls[K]>;

  const on = <E extends PosEventName>(event: E, listener: (payload: PosEvents[E]) => void): Unsubscribe => {
    if (typeof event !== 'string' || !KNOWN_EVENTS.has(event)) throw new TypeError(`unknown event: ${String(event)}`);
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    const channel = eventChannel(event);
    // Drops the IpcRendererEvent: the page never sees sender, ports or the ipcRenderer behind them.
    const forward: IpcListener = (_event, payload) => listener(payload as PosEvents[E]);
    ipc.on(channel, forward);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      ipc.removeListener(channel, forward);
    };
  };

  return {
    getShellInfo: call('getShellInfo'),
    charge: call('charge'),
    getPayment: call('getPayment'),
    cancelPayment: call('cancelPayment'),
    getRecovery: call('getRecovery'),
    listReceipts: call('listReceipts'),
    getReceipt: call('getReceipt'),
    getDayTotals: call('getDayTotals'),
    requestRefund: call('requestRefund'),
    getAlerts: call('getAlerts'),
    dismissAlert: call('dismissAlert'),
    getSettings: call('getSettings'),
    saveSettings: call('saveSettings'),
    importMerchantCertificate: call('importMerchantCertificate'),
    testConnection: call('testConnection'),
    setMode: call('setMode'),
    sandboxPhone: call('sandboxPhone'),
    markRefundHandled: call('markRefundHandled'),
    // --- issue 11 (i11-staff) ---
    getStaffSession: call('getStaffSession'),
    firstRunSetup: call('firstRunSetup'),
    signIn: call('signIn'),
    signOut: call('signOut'),
    lockTill: call('lockTill'),
    listStaff: call('listStaff'),
    addStaff: call('addStaff'),
    updateStaff: call('updateStaff'),
    unlockStaff: call('unlockStaff'),
    changeOwnPin: call('changeOwnPin'),
    saveStaffPolicy: call('saveStaffPolicy'),
    acknowledgeAuditBreak: call('acknowledgeAuditBreak'), // --- issue 11 point 4 (i11-audit) ---
    // --- issue 13 shifts, cash, Z reports (i13-day) ---
    getShift: call('getShift'),
    openShift: call('openShift'),
    moveShiftCash: call('moveShiftCash'),
    closeShift: call('closeShift'),
    cashSale: call('cashSale'),
    cashRefund: call('cashRefund'),
    getXReport: call('getXReport'),
    closeDay: call('closeDay'),
    listZReports: call('listZReports'),
    getZReport: call('getZReport'),
    dayReportCsv: call('dayReportCsv'),
    getDaySettings: call('getDaySettings'),
    saveDaySettings: call('saveDaySettings'),
    reconcileDay: call('reconcileDay'),
    // --- issue 12 quick pay (i12-engine) ---
    quickPay: call('quickPay'),
    sandboxPaymentCode: call('sandboxPaymentCode'),
    sandboxPassword: call('sandboxPassword'),
    // --- issue 15.1 catalog ---
    listProducts: call('listProducts'),
    saveProduct: call('saveProduct'),
    deleteProduct: call('deleteProduct'),
    importCatalogCsv: call('importCatalogCsv'),
    exportCatalogCsv: call('exportCatalogCsv'),
    // --- issue 14 printing ---
    getPrinterSettings: call('getPrinterSettings'),
    savePrinterSettings: call('savePrinterSettings'),
    printReceipt: call('printReceipt'),
    printTestPage: call('printTestPage'),
    listPrintJobs: call('listPrintJobs'),
    retryPrintJobs: call('retryPrintJobs'),
    discardPrintJob: call('discardPrintJob'),
    getSyncStatus: call('getSyncStatus'), // --- issue 16 head office
    // --- issue 13 + 14 (w2-print): shift-close and X/Z slips ---
    printShiftClose: call('printShiftClose'),
    printDayReport: call('printDayReport'),
    getAuditState: call('getAuditState'), // --- issue 11 point 4 follow-up (w2-ack)
    // --- issue 16.2 till enrolment (i16-enrol) ---
    getHeadOffice: call('getHeadOffice'),
    enrolAtHeadOffice: call('enrolAtHeadOffice'),
    leaveHeadOffice: call('leaveHeadOffice'),
    // --- issue 16.4 cross-till refund (i16-xrefund) ---
    searchHqPayments: call('searchHqPayments'),
    openHqPayment: call('openHqPayment'),
    // --- issue 13.1 split tender (i13-split) ---
    splitCharge: call('splitCharge'),
    splitQuickPay: call('splitQuickPay'),
    listSplitCashOwed: call('listSplitCashOwed'),
    confirmSplitCashReturned: call('confirmSplitCashReturned'),
    on,
  } satisfies PosApi;
}
