// Electron main: lifecycle only. Everything with a decision in it lives in a small module next to this one.
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session } from 'electron';
import { eventChannel, type PosEventSink, type PosEvents } from '../common/api';
import { startCore, type CoreHandle, type CoreOptions } from '../host';
import { consoleSink, createLogger, redact } from '../core/logger';
import { forbiddenDebugSwitch } from './debug-switches';
import { pickCertificateWith, electronDialogDeps } from './dialogs';
import { registerPosHandlers } from './ipc';
import { electronSqliteBinding } from './native-binding';
import { hardenWebContents } from './navigation';
import { denyAllPermissions } from './permissions';
import { registerAppScheme, serveAppProtocol } from './protocol';
import { blockForeignRequests } from './requests';
import { createSafeStorageSecretBox } from './secret-box';
import { createMainWindow } from './window';
import { resolveStartupFlags } from './startup-flags';
// --- issue 14 printing and customer display ---
import { createSystemPrinter } from './print-system';
import { createCustomerDisplay, type CustomerDisplay } from './customer-display';

// Before anything else: a packaged till started with a remote-debugging switch exits at once, and none of
// the set-up below runs (run() is only called when this is null).
const refusedSwitch = forbiddenDebugSwitch(app.isPackaged, app.commandLine);
if (refusedSwitch !== null) {
  console.error(`wxpay-pos: refusing to start with --${refusedSwitch}`);
  app.exit(1);
}

const log = createLogger(consoleSink);
// Issue 11 point 8: a packaged till takes its data folder and kiosk mode from documented switches only.
const flags = resolveStartupFlags(app.isPackaged, process.env, app.commandLine);

let mainWindow: BrowserWindow | null = null;
let core: CoreHandle | null = null;

// issue 14: the customer display (second window); it gets the customerView projection and nothing else.
let customerDisplay: CustomerDisplay | null = null;

/** Core's events go to the till window only, never to any other webContents. */
const sendToMainWindow: PosEventSink = (event, payload) => {
  if (event === 'customerView') customerDisplay?.show(payload as PosEvents['customerView']); // issue 14
  const contents = mainWindow?.webContents;
  if (contents && !contents.isDestroyed()) contents.send(eventChannel(event), payload);
};

async function start(): Promise<void> {
  const appPath = app.getAppPath();
  denyAllPermissions(session.defaultSession);
  blockForeignRequests(session.defaultSession, log);
  serveAppProtocol(join(appPath, 'out', 'renderer'), log);

  const nativeBinding = electronSqliteBinding(appPath);
  if (nativeBinding === null) log.warn('better-sqlite3: no Electron build found; run `node scripts/rebuild-electron-native.mjs` (docs/electron-native.md)');
  // nativeBinding travels to openStore once CoreOptions carries it (see docs/electron-native.md);
  // a typed variable (not a literal) so this compiles before and after that field exists.
  const options: CoreOptions & { nativeBinding?: string } = {
    dataDir: app.getPath('userData'),
    secretBox: createSafeStorageSecretBox(safeStorage, process.platform, log),
    events: sendToMainWindow,
    files: { pickCertificate: (format) => pickCertificateWith(electronDialogDeps(dialog, () => mainWindow), format) },
    appVersion: app.getVersion(),
    logger: log,
    // Sandbox mode's test certificates, inside the app (asar) both in dev and packaged.
    sandbox: { certsDir: join(appPath, 'resources', 'test-certs') },
    // issue 11 point 3: a till without staff shows its one-time setup code once, on stdout only (never
    // the log file); `wxpay-pos setup-code --data-dir DIR` makes a new one (docs/security.md).
    onSetupCode: (code) => void process.stdout.write(`wxpay-pos first run: setup code ${code}\n`),
    ...(nativeBinding === null ? {} : { nativeBinding }),
    systemPrinter: createSystemPrinter(), // issue 14
  };
  core = await startCore(options);
  const handle = core;
  registerPosHandlers(ipcMain, () => mainWindow?.webContents ?? null, (name, payload) => handle.dispatch(name, payload), log);

  mainWindow = createMainWindow({
    preloadPath: join(appPath, 'out', 'preload', 'index.cjs'),
    packaged: app.isPackaged,
    kiosk: flags.kiosk,
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  // --- issue 14: the customer display, on a second screen when there is one (F10 toggles it full-screen
  // on a single screen) ---
  // A display that cannot be opened never keeps the till from taking money: logged, the till runs on.
  try {
    customerDisplay = createCustomerDisplay({
      preloadPath: join(appPath, 'out', 'preload', 'customer.cjs'),
      packaged: app.isPackaged,
      till: () => mainWindow,
      log,
    });
  } catch (e) {
    log.error('the customer display could not be opened', { error: e });
  }
}

function run(): void {
  // Test and multi-till setups may point the data folder elsewhere; must happen before 'ready'.
  if (flags.dataDir) app.setPath('userData', flags.dataDir);
  for (const name of flags.ignoredEnv) log.warn(`${name} is ignored by a packaged till: use the documented command-line switch instead`);

  app.enableSandbox(); // every renderer sandboxed, whatever a window asks for
  registerAppScheme(); // privileged schemes must be registered before 'ready'

  if (!app.requestSingleInstanceLock()) {
    // A second till process on the same data folder would race the first over SQLite and the gateway.
    app.quit();
    return;
  }

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));
  app.on('window-all-closed', () => app.quit()); // a till has one window: closing it ends the app

  let closing = false;
  app.on('before-quit', (event) => {
    if (closing || core === null) return;
    // Let core stop its pollers and close SQLite cleanly before the process goes.
    event.preventDefault();
    closing = true;
    const handle = core;
    core = null;
    handle
      .close()
      .catch((error: unknown) => log.error('core close failed', { error }))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('start-up failed', { error });
      dialog.showErrorBox('wxpay-pos could not start', redact(error instanceof Error ? error.message : String(error)));
      app.exit(1);
    });
}

if (refusedSwitch === null) run();
