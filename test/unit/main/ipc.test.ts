// Checklist #17: every handler goes through one wrapper that checks the sender before core sees anything.
import type { IpcMain, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { POS_CALLS, callChannel } from '../../../src/common/api';
import type { Result } from '../../../src/common/result';
import { registerPosHandlers } from '../../../src/main/ipc';
import { isTrustedSender } from '../../../src/main/ipc-sender';
import { FakeIpcMain, FakeWebContents, frame, memoryLog, type FakeFrame } from './fakes';

describe('isTrustedSender', () => {
  const good = { url: 'app://pos/index.html', isMainFrame: true, fromAppWindow: true };
  it('accepts only the app page in the main frame of the app window', () => {
    expect(isTrustedSender(good)).toBe(true);
    expect(isTrustedSender({ ...good, url: 'app://pos/index.html#/history?x=1' })).toBe(true);
  });
  it.each([
    ['an iframe', { ...good, isMainFrame: false }],
    ['another window', { ...good, fromAppWindow: false }],
    ['a destroyed frame', { ...good, url: null }],
    ['https page', { ...good, url: 'https://pos/index.html' }],
    ['file page', { ...good, url: 'file:///work/main/out/renderer/index.html' }],
    ['look-alike host', { ...good, url: 'app://pos.evil.example/index.html' }],
    ['prefix host', { ...good, url: 'app://posx/index.html' }],
    ['credentials', { ...good, url: 'app://user:pw@pos/index.html' }],
    ['a port', { ...good, url: 'app://pos:8080/index.html' }],
    ['no host', { ...good, url: 'app:///index.html' }],
    ['opaque path', { ...good, url: 'app:pos/index.html' }],
    ['garbage', { ...good, url: 'not a url' }],
    ['empty', { ...good, url: '' }],
    ['about:blank', { ...good, url: 'about:blank' }],
    ['data url', { ...good, url: 'data:text/html,<script>1</script>' }],
  ])('refuses %s', (_name, facts) => {
    expect(isTrustedSender(facts)).toBe(false);
  });
});

function setup() {
  const ipcMain = new FakeIpcMain();
  const win = new FakeWebContents(frame('app://pos/index.html'));
  const calls: Array<[string, unknown]> = [];
  const dispatch = async (name: string, payload: unknown): Promise<Result<unknown>> => {
    calls.push([name, payload]);
    return { ok: true, value: `did ${name}` };
  };
  const log = memoryLog();
  const unregister = registerPosHandlers(ipcMain as unknown as IpcMain, () => win as unknown as WebContents, dispatch, log);
  const invoke = (name: string, sender: FakeWebContents, senderFrame: FakeFrame | null, payload?: unknown) => {
    const handler = ipcMain.handlers.get(callChannel(name as (typeof POS_CALLS)[number]));
    if (!handler) throw new Error(`no handler for ${name}`);
    return handler({ sender, senderFrame }, payload) as Promise<Result<unknown>>;
  };
  return { ipcMain, win, calls, log, invoke, unregister };
}

describe('registerPosHandlers', () => {
  it('registers exactly one handler per POS_CALLS entry and nothing else', () => {
    const { ipcMain, unregister } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(POS_CALLS.map((n) => callChannel(n)).sort());
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('passes a trusted call to dispatch with its name and payload', async () => {
    const { win, calls, invoke } = setup();
    await expect(invoke('charge', win, win.mainFrame, { lines: [] })).resolves.toEqual({ ok: true, value: 'did charge' });
    expect(calls).toEqual([['charge', { lines: [] }]]);
  });

  it('refuses untrusted senders with FORBIDDEN_SENDER, before dispatch sees anything', async () => {
    const { win, calls, invoke, log } = setup();
    const otherWindow = new FakeWebContents(frame('app://pos/index.html', { processId: 9 }));
    const cases: Array<[FakeWebContents, FakeFrame | null]> = [
      [win, frame('app://pos/index.html', { parent: win.mainFrame, frameToken: 'child' })], // an iframe in our page
      [win, frame('https://evil.example/', {})], // main frame navigated elsewhere
      [win, frame('app://pos/index.html', { frameToken: 'stale-token' })], // not our current main frame
      [win, null], // frame already gone
      [otherWindow, otherWindow.mainFrame], // another webContents, even on our URL
    ];
    for (const [sender, senderFrame] of cases) {
      const result = await invoke('requestRefund', sender, senderFrame, { saleId: 's', amountFen: 1 });
      expect(result).toMatchObject({ ok: false, code: 'FORBIDDEN_SENDER' });
      expect(typeof (result as { message: unknown }).message).toBe('string');
    }
    expect(calls).toEqual([]);
    expect(log.lines.filter((l) => l.includes('untrusted sender'))).toHaveLength(cases.length);
  });

  it('refuses every call once the app window is destroyed', async () => {
    const { win, calls, invoke } = setup();
    win.destroyed = true;
    await expect(invoke('getShellInfo', win, win.mainFrame)).resolves.toMatchObject({ ok: false, code: 'FORBIDDEN_SENDER' });
    expect(calls).toEqual([]);
  });
});
