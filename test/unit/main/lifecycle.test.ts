// src/main/index.ts wiring, with electron and core mocked: scheme + sandbox set up before 'ready', single
// instance lock, hardening on every webContents, startCore with the userData folder and the safeStorage box,
// every POS call registered, and core's events sent to the till window only.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { POS_CALLS, callChannel } from '../../../src/common/api';

const h = vi.hoisted(() => {
  let ready!: () => void;
  const whenReady = new Promise<void>((r) => (ready = r));
  return { ready: () => ready(), whenReady, order: [] as string[], coreOptions: [] as unknown[], windows: [] as unknown[] };
});
const order = h.order;

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  const order = h.order;
  const app = Object.assign(new EventEmitter(), {
    isPackaged: true,
    commandLine: { hasSwitch: () => false },
    setPath: vi.fn(),
    getPath: (name: string) => (name === 'userData' ? '/data/wxpay-pos' : `/x/${name}`),
    getAppPath: () => '/opt/pos/resources/app.asar',
    getVersion: () => '0.1.0',
    enableSandbox: () => order.push('enableSandbox'),
    requestSingleInstanceLock: () => (order.push('singleInstanceLock'), true),
    whenReady: () => (order.push('whenReady'), h.whenReady),
    quit: vi.fn(),
    exit: vi.fn(),
  });
  class BrowserWindow extends EventEmitter {
    readonly webContents = Object.assign(new EventEmitter(), { send: vi.fn(), isDestroyed: () => false, closeDevTools: vi.fn() });
    constructor(readonly options: unknown) {
      super();
      h.windows.push(this);
      order.push('createWindow');
    }
    show = vi.fn();
    loadURL = vi.fn(async () => undefined);
    isMinimized = () => false;
    restore = vi.fn();
    focus = vi.fn();
  }
  const webRequest = { onBeforeRequest: vi.fn() };
  return {
    app,
    BrowserWindow,
    dialog: { showOpenDialog: vi.fn(), showErrorBox: vi.fn() },
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(() => order.push('registerScheme')), handle: vi.fn(() => order.push('protocolHandle')) },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'basic_text',
      encryptString: (s: string) => Buffer.from(s),
      decryptString: (b: Buffer) => b.toString(),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(() => order.push('permissions')),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
        webRequest,
      },
    },
  };
});

vi.mock('../../../src/host', () => ({
  startCore: vi.fn(async (opts: unknown) => {
    h.order.push('startCore');
    h.coreOptions.push(opts);
    return { dispatch: vi.fn(async () => ({ ok: true, value: null })), close: vi.fn(async () => undefined), sandboxSimulator: null };
  }),
}));

const electron = await import('electron');
type Mocked = { mock: { calls: unknown[][] } };

describe('main lifecycle', () => {
  beforeAll(async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await import('../../../src/main/index');
    expect(order).toEqual(['enableSandbox', 'registerScheme', 'singleInstanceLock', 'whenReady']);
    h.ready();
    await vi.waitFor(() => expect(order).toContain('createWindow'));
  });

  it('registers the app scheme and the sandbox before ready, then protocol, permissions and core after', () => {
    expect(order.indexOf('registerScheme')).toBeLessThan(order.indexOf('whenReady'));
    expect(order.indexOf('permissions')).toBeLessThan(order.indexOf('startCore'));
    expect(order.indexOf('protocolHandle')).toBeLessThan(order.indexOf('createWindow'));
    expect(order.indexOf('startCore')).toBeLessThan(order.indexOf('createWindow'));
  });

  it('hardens every webContents the app creates', () => {
    expect(electron.app.listenerCount('web-contents-created')).toBe(1);
    expect(electron.app.listenerCount('second-instance')).toBe(1);
  });

  it('starts core on userData with the safeStorage box (weak on basic_text) and the sandbox certificates', () => {
    const opts = h.coreOptions[0] as { dataDir: string; secretBox: { weak: boolean }; sandbox: { certsDir: string }; appVersion: string };
    expect(opts.dataDir).toBe('/data/wxpay-pos');
    expect(opts.secretBox.weak).toBe(true);
    expect(opts.sandbox.certsDir).toBe('/opt/pos/resources/app.asar/resources/test-certs');
    expect(opts.appVersion).toBe('0.1.0');
  });

  it('registers exactly the POS call channels', () => {
    const channels = (electron.ipcMain.handle as unknown as Mocked).mock.calls.map((c) => c[0]);
    expect(channels).toEqual(POS_CALLS.map((n) => callChannel(n)));
  });

  it('creates the window with the packaged settings and the built preload', () => {
    const win = h.windows[0] as { options: { webPreferences: Record<string, unknown> }; loadURL: Mocked };
    expect(win.options.webPreferences).toMatchObject({ preload: '/opt/pos/resources/app.asar/out/preload/index.cjs', devTools: false, sandbox: true, contextIsolation: true });
    expect(win.loadURL.mock.calls[0]?.[0]).toBe('app://pos/index.html');
  });

  it('sends core events to the till window only, on the event channel', () => {
    const opts = h.coreOptions[0] as { events(e: string, p: unknown): void };
    opts.events('payment', { attemptId: 'a1' });
    const win = h.windows[0] as { webContents: { send: Mocked } };
    expect(win.webContents.send.mock.calls).toEqual([['pos:event:payment', { attemptId: 'a1' }]]);
  });
});
