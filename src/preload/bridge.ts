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
    importCertificate: call('importCertificate'),
    setManagerPin: call('setManagerPin'),
    testConnection: call('testConnection'),
    setMode: call('setMode'),
    sandboxPhone: call('sandboxPhone'),
    markRefundHandled: call('markRefundHandled'),
    getSyncStatus: call('getSyncStatus'), // --- issue 16 head office
    on,
  } satisfies PosApi;
}
