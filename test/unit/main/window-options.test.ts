// Checklist #2 #3 #4 #6 #8 #9 #10 and "no DevTools when packaged": the shipped window options, and that
// the window loads app://, never file://.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const created: Array<{ options: unknown; loaded: string[] }> = [];
vi.mock('electron', () => {
  class BrowserWindow {
    readonly loaded: string[] = [];
    readonly webContents = { on: vi.fn(), closeDevTools: vi.fn() };
    constructor(options: unknown) {
      created.push({ options, loaded: this.loaded });
    }
    once = vi.fn();
    show = vi.fn();
    loadURL(url: string): Promise<void> {
      this.loaded.push(url);
      return Promise.resolve();
    }
  }
  return { BrowserWindow };
});

const { createMainWindow } = await import('../../../src/main/window');

type Options = { show?: boolean; kiosk?: boolean; webPreferences?: Record<string, unknown> };
function mainWindowOptions(plan: { preloadPath: string; packaged: boolean; kiosk: boolean }): Options {
  created.length = 0;
  createMainWindow(plan);
  return created[0]?.options as Options;
}

describe('mainWindowOptions', () => {
  const prefs = (packaged: boolean): Record<string, unknown> => mainWindowOptions({ preloadPath: '/app/out/preload/index.cjs', packaged, kiosk: false }).webPreferences ?? {};

  it('isolates, sandboxes and keeps Node out of the renderer', () => {
    const p = prefs(true);
    expect(p.contextIsolation).toBe(true);
    expect(p.sandbox).toBe(true);
    expect(p.nodeIntegration).toBe(false);
    expect(p.nodeIntegrationInWorker).toBe(false);
    expect(p.nodeIntegrationInSubFrames).toBe(false);
    expect(p.webviewTag).toBe(false);
    expect(p.preload).toBe('/app/out/preload/index.cjs');
  });

  it('leaves the web security switches at their safe defaults (never set)', () => {
    const p = prefs(false);
    for (const key of ['webSecurity', 'allowRunningInsecureContent', 'experimentalFeatures', 'enableBlinkFeatures']) {
      expect(p, key).not.toHaveProperty(key);
    }
    expect(p['disableBlinkFeatures']).toBe('Auxclick');
  });

  it('has DevTools only in development', () => {
    expect(prefs(true).devTools).toBe(false);
    expect(prefs(false).devTools).toBe(true);
  });

  it('starts hidden (shown when ready) and kiosk only when asked', () => {
    expect(mainWindowOptions({ preloadPath: 'p', packaged: true, kiosk: false }).show).toBe(false);
    expect(mainWindowOptions({ preloadPath: 'p', packaged: true, kiosk: true }).kiosk).toBe(true);
  });
});

describe('createMainWindow', () => {
  it('loads the app over app://, not file://', () => {
    created.length = 0;
    createMainWindow({ preloadPath: '/app/out/preload/index.cjs', packaged: true, kiosk: false });
    expect(created[0]?.loaded).toEqual(['app://pos/index.html']);
  });
});

describe('src/main never loads file:// or hands URLs to the OS', () => {
  const dir = join(process.cwd(), 'src/main');
  const sources = readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => [f, readFileSync(join(dir, f), 'utf8').replace(/\/\/.*$/gm, '')] as const);
  it.each([
    ['loadFile(', /\.loadFile\(/],
    ['a file:// load', /load(URL)?\(\s*['"`]file:/],
    ['shell.openExternal (#15)', /openExternal/],
    ['nodeIntegration: true', /nodeIntegration\w*:\s*true/],
    ['webSecurity: false', /webSecurity:\s*false/],
    ['contextIsolation: false', /contextIsolation:\s*false/],
    ['sandbox: false', /sandbox:\s*false/],
    ['allowRunningInsecureContent', /allowRunningInsecureContent/],
    ['experimentalFeatures', /experimentalFeatures/],
    ['enableBlinkFeatures', /enableBlinkFeatures/],
    ['setCertificateVerifyProc (TLS validation opt-out)', /setCertificateVerifyProc/],
    ["a 'certificate-error' handler", /['"]certificate-error['"]/],
    ['app.importCertificate', /app\.importCertificate/],
    ['the remote module', /@electron\/remote|enableRemoteModule/],
  ])('no %s', (_name, pattern) => {
    for (const [file, text] of sources) expect(pattern.test(text), file).toBe(false);
  });
});
