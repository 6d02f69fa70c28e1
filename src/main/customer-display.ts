// The customer display window (issue 14 point 3): a second BrowserWindow, never focusable (a scanner's
// keystrokes must never land in it), sandboxed, with its own preload that only receives the
// customerView projection on one channel. Placed on a secondary display automatically and moved when
// displays are added or removed; on a single screen F10 (pressed on the till) shows it full-screen over
// the till and hides it again.
import { BrowserWindow, screen, type Display } from 'electron';
import { CUSTOMER_VIEW_CHANNEL, type CustomerView } from '../common/customer-view';
import type { Logger } from '../common/logger';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { placeCustomerDisplay, type Placement } from './customer-display-placement';

export const CUSTOMER_CHANNEL = CUSTOMER_VIEW_CHANNEL;
export const CUSTOMER_URL = `${APP_SCHEME}://${APP_HOST}/customer.html`;
export const SINGLE_SCREEN_KEY = 'F10';

export interface CustomerDisplay {
  show(view: CustomerView): void;
  readonly window: BrowserWindow | null;
  placement(): Placement | null;
}

export interface CustomerDisplayPlan {
  readonly preloadPath: string;
  readonly packaged: boolean;
  till(): BrowserWindow | null;
  readonly log: Pick<Logger, 'info' | 'warn'>;
}

export function createCustomerDisplay(plan: CustomerDisplayPlan): CustomerDisplay {
  let last: CustomerView | null = null;
  let current: Placement | null = null;
  let singleShown = false;
  const win = new BrowserWindow({
    show: false,
    frame: false,
    focusable: false,
    skipTaskbar: true,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    title: 'wxpay-pos customer display',
    webPreferences: {
      preload: plan.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: !plan.packaged,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  });

  const send = (): void => {
    if (last && !win.isDestroyed()) win.webContents.send(CUSTOMER_CHANNEL, last);
  };
  win.webContents.on('did-finish-load', send);

  const facts = (d: Display) => ({ id: d.id, bounds: d.bounds });
  const place = (): void => {
    if (win.isDestroyed()) return;
    const till = plan.till();
    const tillDisplay = till && !till.isDestroyed() ? screen.getDisplayMatching(till.getBounds()) : screen.getPrimaryDisplay();
    current = placeCustomerDisplay(screen.getAllDisplays().map(facts), tillDisplay.id);
    if (!current) return;
    win.setBounds(current.display.bounds);
    if (current.kind === 'secondary') {
      win.setFullScreen(true);
      win.showInactive();
      singleShown = false;
    } else if (!singleShown) {
      win.hide();
    }
    plan.log.info('customer display placed', { kind: current.kind, display: current.display.id });
  };

  const toggleSingle = (): void => {
    if (!current || current.kind !== 'single') return;
    singleShown = !singleShown;
    if (singleShown) {
      win.setBounds(current.display.bounds);
      win.setFullScreen(true);
      win.setAlwaysOnTop(true);
      win.showInactive();
    } else {
      win.setAlwaysOnTop(false);
      win.hide();
    }
  };

  screen.on('display-added', place);
  screen.on('display-removed', place);
  screen.on('display-metrics-changed', place);
  win.on('closed', () => {
    screen.removeListener('display-added', place);
    screen.removeListener('display-removed', place);
    screen.removeListener('display-metrics-changed', place);
  });
  const till = plan.till();
  till?.webContents.on('before-input-event', (_event, input) => {
    if (input.type === 'keyDown' && input.key === SINGLE_SCREEN_KEY) toggleSingle();
  });
  till?.on('closed', () => {
    if (!win.isDestroyed()) win.destroy();
  });

  void win.loadURL(CUSTOMER_URL);
  place();

  return {
    show(view) {
      last = view;
      send();
    },
    get window() {
      return win.isDestroyed() ? null : win;
    },
    placement: () => current,
  };
}
