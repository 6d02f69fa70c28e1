// Builds window.customer from an ipcRenderer-shaped transport (free of electron so a test can drive it).
import { CUSTOMER_VIEW_CHANNEL, type CustomerView } from '../common/customer-view';

type IpcListener = (event: unknown, payload: unknown) => void;

export interface CustomerTransport {
  on(channel: string, listener: IpcListener): void;
  removeListener(channel: string, listener: IpcListener): void;
}

export interface CustomerBridge {
  onView(listener: (view: CustomerView) => void): () => void;
}

export function buildCustomerBridge(ipc: CustomerTransport): CustomerBridge {
  return {
    onView(listener) {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      const forward: IpcListener = (_event, payload) => listener(payload as CustomerView);
      ipc.on(CUSTOMER_VIEW_CHANNEL, forward);
      return () => ipc.removeListener(CUSTOMER_VIEW_CHANNEL, forward);
    },
  };
}
