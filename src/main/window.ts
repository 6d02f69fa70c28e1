// The till's one window, created with the shipped security settings (checklist #2 #3 #4 #6 #8 #9 #10) and
// no DevTools when packaged. Tests never weaken these: the Electron suite reads them back from the window.
// The options are one literal inside `new BrowserWindow(...)` on purpose: Electronegativity reads them only
// there (a computed options object shows up as "sandbox/contextIsolation not set").
import { BrowserWindow } from 'electron';
import { START_URL } from './app-origin';

export interface WindowPlan {
  readonly preloadPath: string;
  readonly packaged: boolean;
  readonly kiosk: boolean;
}

export function createMainWindow(plan: WindowPlan): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false, // shown on ready-to-show: no white flash at the counter
    kiosk: plan.kiosk,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    title: 'wxpay-pos',
    webPreferences: {
      preload: plan.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      // Middle-click would otherwise try to open a window (denied anyway by setWindowOpenHandler).
      disableBlinkFeatures: 'Auxclick',
      // webSecurity, allowRunningInsecureContent, experimentalFeatures and enableBlinkFeatures keep their
      // safe defaults: they are deliberately not mentioned here.
      devTools: !plan.packaged,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  if (plan.packaged) {
    // Belt and braces: devTools:false already refuses to open them; this closes any that slip through.
    win.webContents.on('devtools-opened', () => win.webContents.closeDevTools());
  }
  void win.loadURL(START_URL);
  return win;
}
