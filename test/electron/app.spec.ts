// The real Electron app, as shipped: window security settings read back from the live window, the first
// screen through the real preload bridge, navigation and new windows refused, and a sale end to end
// against the in-process sandbox simulator. Nothing is weakened for the test; only the data folder is
// a temporary one (WXPAY_POS_DATA_DIR).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { POS_CALLS } from '../../src/common/api';
import { electronBinary, electronSkipReason } from './electron-binary';

// No Electron binary, or no better-sqlite3 binding for it (global-setup.ts could not make one): skip, saying why.
const skipReason = electronSkipReason();
const binary = skipReason === null ? electronBinary() : null;
test.skip(binary === null, skipReason ?? '');
if (skipReason !== null) console.log(`Electron suite skipped: ${skipReason}`);

let app: ElectronApplication;
let page: Page;
let dataDir: string;

test.beforeAll(async () => {
  if (binary === null) return;
  dataDir = mkdtempSync(join(tmpdir(), 'pos-electron-'));
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  app = await _electron.launch({
    executablePath: binary,
    args: [resolve('.')],
    env: { ...env, WXPAY_POS_DATA_DIR: dataDir, ELECTRON_ENABLE_LOGGING: '1' },
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  // issue 11: a new till shows the first-run screen; a setup code from `wxpay-pos setup-code` (the same
  // module, on the data folder) creates the owner, who is then signed in.
  const { run } = await import('../../src/cli/setup-code-command');
  const out: string[] = [];
  expect(await run(['--data-dir', dataDir], { stdout: (l) => void out.push(l), stderr: (l) => void out.push(l) })).toBe(0);
  const code = /setup code: ([A-Z0-9-]+)/.exec(out.join('\n'))?.[1] ?? '';
  await page.getByTestId('setup-code').fill(code);
  await page.getByTestId('owner-name').fill('Owner');
  await page.getByTestId('owner-pin').fill('24681357');
  await page.getByTestId('owner-pin-again').fill('24681357');
  await page.getByTestId('create-owner').click();
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
});

test.afterAll(async () => {
  if (binary === null) return;
  await app?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

test.describe.configure({ mode: 'serial' });

test('the window runs with contextIsolation, sandbox and no Node integration', async () => {
  const prefs = await app.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]?.webContents as unknown as { getLastWebPreferences?: () => Record<string, unknown> };
    return contents.getLastWebPreferences?.() ?? null;
  });
  expect(prefs, 'webContents.getLastWebPreferences() is available').not.toBeNull();
  expect(prefs).toMatchObject({
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
  });
  // Left at their safe defaults on purpose (src/main/window.ts): absent, or safe if Electron reports them.
  expect(prefs?.['webSecurity']).not.toBe(false);
  expect(prefs?.['allowRunningInsecureContent']).not.toBe(true);
  expect(prefs?.['experimentalFeatures']).not.toBe(true);
  // And from the page's side: no Node, no require, only window.pos with exactly the listed functions.
  const seen = await page.evaluate(() => ({
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    posKeys: Object.keys((window as unknown as { pos: object }).pos).sort(),
    url: location.href,
  }));
  expect(seen.require).toBe('undefined');
  expect(seen.process).toBe('undefined');
  expect(seen.posKeys).toEqual([...POS_CALLS, 'on'].sort());
  expect(seen.url.startsWith('app://pos/')).toBe(true);
});

test('the first screen renders data that came through the bridge', async () => {
  await expect(page.getByTestId('store-name')).not.toHaveText('');
  await expect(page.getByTestId('mode-badge')).toHaveAttribute('data-mode', 'SANDBOX'); // issue 15.6: the text follows the language
});

test('app:// serves the real bundle byte for byte, and nothing outside it', async () => {
  // The page's CSP has connect-src 'none', so ask through main's net.fetch, which goes through the same
  // protocol handler; the script URL is the one the live page loaded.
  const script = await page.evaluate(() => (document.querySelector('script[type="module"][src]') as HTMLScriptElement | null)?.src ?? null);
  expect(script).toMatch(/^app:\/\/pos\/.+\.js$/);
  const served = await app.evaluate(async ({ net }, scriptUrl) => {
    const get = async (url: string) => {
      const res = await net.fetch(url);
      return { status: res.status, text: await res.text() };
    };
    return {
      html: await get('app://pos/index.html'),
      js: await get(scriptUrl),
      outside: (await get('app://pos/..%2f..%2fpackage.json')).status,
      missing: (await get('app://pos/no-such-file.js')).status,
    };
  }, script as string);
  expect(served.html).toEqual({ status: 200, text: readFileSync(resolve('out', 'renderer', 'index.html'), 'utf8') });
  expect(served.js).toEqual({ status: 200, text: readFileSync(resolve('out', 'renderer', new URL(script as string).pathname.slice(1)), 'utf8') });
  expect(served.outside).toBeGreaterThanOrEqual(400);
  expect(served.missing).toBe(404);
});

test('navigation to another origin is refused', async () => {
  await app.evaluate(({ BrowserWindow }) => {
    const g = globalThis as unknown as { __navs: Array<{ url: string; prevented: boolean }> };
    g.__navs = [];
    BrowserWindow.getAllWindows()[0]?.webContents.on('will-navigate', (event) => g.__navs.push({ url: event.url, prevented: event.defaultPrevented }));
  });
  await page.evaluate(() => {
    location.href = 'https://example.com/phish';
  });
  const navs = () => app.evaluate(() => (globalThis as unknown as { __navs: Array<{ url: string; prevented: boolean }> }).__navs);
  await expect.poll(async () => (await navs()).length).toBeGreaterThan(0);
  expect((await navs())[0]).toMatchObject({ url: 'https://example.com/phish', prevented: true });
  expect(page.url().startsWith('app://pos/')).toBe(true);
});

test('window.open is denied', async () => {
  const opened = await page.evaluate(() => window.open('https://example.com/') === null);
  expect(opened).toBe(true);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});

test('a sale end to end: charge, QR, the sandbox phone pays, receipt', async () => {
  // Collect payment events through the bridge (payload only) to learn the attempt id.
  await page.evaluate(() => {
    const w = window as unknown as { __payments: unknown[]; pos: { on(e: string, l: (p: unknown) => void): () => void } };
    w.__payments = [];
    w.pos.on('payment', (p) => w.__payments.push(p));
  });
  // issue 13: sales are refused outside an open shift.
  await page.evaluate(() => (window as unknown as { pos: { openShift(i: unknown): Promise<unknown> } }).pos.openShift({ floatFen: 0 }));
  await page.getByTestId('line-name').fill('Oolong tea');
  await page.getByTestId('line-qty').fill('2');
  await page.getByTestId('line-price').fill('12.50');
  await page.getByTestId('add-line').click();
  await page.getByTestId('charge').click();

  await expect(page.getByTestId('payment-status')).toHaveAttribute('data-status', 'waiting');
  const qr = page.getByTestId('qr');
  await expect(qr).toBeVisible();
  const png = PNG.sync.read(await qr.screenshot());
  const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  expect(decoded?.data, 'QR decodes').toMatch(/^weixin:\/\//);

  type View = { attemptId: string; codeUrl: string | null; totalFen: number };
  const waiting = async () =>
    (await page.evaluate(() => (window as unknown as { __payments: View[] }).__payments)).find((p) => p.codeUrl !== null) ?? null;
  await expect.poll(waiting).not.toBeNull();
  const view = (await waiting()) as View;
  expect(view.codeUrl).toBe(decoded?.data);
  expect(view.totalFen).toBe(2500);

  const paid = await page.evaluate((attemptId) => (window as unknown as { pos: { sandboxPhone(i: unknown): Promise<unknown> } }).pos.sandboxPhone({ attemptId, action: 'pay' }), view.attemptId);
  expect(paid).toMatchObject({ ok: true });
  // The engine learns of the payment by polling orderquery on real time: allow a few poll rounds.
  await expect(page.getByTestId('payment-status')).toHaveAttribute('data-status', 'paid', { timeout: 45_000 });
  await expect(page.getByTestId('receipt')).toBeVisible();
  await expect(page.getByTestId('receipt')).toContainText('25.00');
});
