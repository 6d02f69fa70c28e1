// The browser harness (architecture.md, "The bridge, and testing it without Electron"): the real
// renderer bundle in Chromium, window.pos injected with the preload's shape, every call forwarded to a
// real startCore (src/host) in this test process (temporary SQLite file, in-process gateway simulator).
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { POS_CALLS, POS_EVENTS, type PosEventName } from '../../src/common/api';
import { startCore, type CoreHandle } from '../../src/host';
import { MemorySecretBox } from '../../src/core/settings/secret-box';
import type { Simulator } from '../../src/sim';
import { JumpClock } from './jump-clock';
import { installPosStub } from './pos-stub';
import { serveRenderer } from './static-server';
import { signInOwner } from '../support/signed-in-core';

export interface IpcRecord {
  readonly kind: 'call' | 'result' | 'event';
  readonly name: string;
  readonly payload: unknown;
}

export interface Till {
  readonly page: Page;
  readonly core: CoreHandle;
  readonly sim: Simulator;
  readonly clock: JumpClock;
  /** The one-time setup code core showed at the last start (null once an owner exists). */
  readonly setupCode: string | null;
  /** Every call, result and event that crossed the stub, in order. */
  readonly ipcLog: IpcRecord[];
  /** Closes core and opens it again on the same data folder (start-up recovery), then reloads the page. */
  restart(opts?: { beforeStart?: () => Promise<void> }): Promise<void>;
  /** Saves a screenshot of the page to artifacts/screens/<name>.png. */
  shot(name: string): Promise<void>;
}

export const SCREENS_DIR = resolve('artifacts/screens');
const RENDERER_DIR = resolve('out/renderer');

/**
 * issue 11: by default the harness creates the first owner through the first-run path (the setup code core
 * hands to onSetupCode, then firstRunSetup) and signs in, also after restart(), so specs written before
 * sign-in work unchanged. Specs of sign-in itself use `test.use({ tillSignIn: false })`.
 * issue 13: the signed-in owner then opens a shift (float 0) unless a spec says test.use({ openShift: false }).
 */
export const test = base.extend<{ till: Till; tillSignIn: boolean; openShift: boolean }>({
  tillSignIn: [true, { option: true }],
  openShift: [true, { option: true }],
  till: async ({ page, tillSignIn, openShift }, use, testInfo) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pos-e2e-'));
    const clock = new JumpClock();
    const ipcLog: IpcRecord[] = [];
    const secretBox = new MemorySecretBox();
    const server = await serveRenderer(RENDERER_DIR);
    const foreignRequests: string[] = [];

    // The renderer makes no network request at all: anything but the app's own files fails the test.
    page.on('request', (req) => {
      const url = req.url();
      if (!url.startsWith(`${server.origin}/`) && !url.startsWith('data:')) foreignRequests.push(url);
    });
    await page.route('**/*', (route) => {
      const url = route.request().url();
      return url.startsWith(`${server.origin}/`) ? route.continue() : route.abort('blockedbyclient');
    });

    let core!: CoreHandle;
    const emit = <E extends PosEventName>(event: E, payload: unknown): void => {
      ipcLog.push({ kind: 'event', name: event, payload });
      void page.evaluate(([e, p]) => (window as unknown as { __posEmit?: (e: string, p: unknown) => void }).__posEmit?.(e, p), [event, payload] as const).catch(() => undefined);
    };
    let setupCode: string | null = null;
    const boot = async (): Promise<CoreHandle> => {
      setupCode = null;
      const c = await startCore({
        allowTestMaterialInLive: true, // LIVE against the simulator's test material (issue 11 point 7)
        dataDir,
        secretBox,
        clock,
        appVersion: 'e2e',
        events: (event, payload) => emit(event, payload),
        files: { pickCertificate: async () => null },
        onSetupCode: (code) => {
          setupCode = code;
        },
      });
      if (tillSignIn) await signInOwner(c, setupCode, openShift ? { floatFen: 0 } : undefined); // issue 13: sales need an open shift
      return c;
    };
    core = await boot();

    await page.exposeBinding('__posCall', async (source, name: string, payload: unknown) => {
      // Same rule as main's wrapper: only the app's own page in the main frame may call.
      if (source.frame !== source.page.mainFrame() || !source.frame.url().startsWith(`${server.origin}/`)) {
        return { ok: false, code: 'FORBIDDEN_SENDER', message: 'not the app page' };
      }
      ipcLog.push({ kind: 'call', name, payload });
      const result = await core.dispatch(name, payload);
      ipcLog.push({ kind: 'result', name, payload: result });
      return result;
    });
    await page.addInitScript(installPosStub, { calls: [...POS_CALLS], events: [...POS_EVENTS] });
    await page.goto(`${server.origin}/index.html`);

    mkdirSync(SCREENS_DIR, { recursive: true });
    const simOf = (c: CoreHandle): Simulator => {
      if (!c.sandboxSimulator) throw new Error('harness expects sandbox mode with the in-process simulator');
      return c.sandboxSimulator;
    };
    const till: Till = {
      page,
      get core() {
        return core;
      },
      get sim() {
        return simOf(core);
      },
      clock,
      ipcLog,
      get setupCode() {
        return setupCode;
      },
      async restart(opts) {
        await core.close();
        await opts?.beforeStart?.();
        core = await boot();
        await page.reload();
      },
      async shot(name) {
        await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), fullPage: true });
      },
    };
    await use(till);

    await core.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
    expect(foreignRequests, `renderer made network requests in "${testInfo.title}"`).toEqual([]);
  },
});

export { expect };
