// A packaged till started with --remote-debugging-port / --remote-debugging-pipe exits at once (app.exit(1))
// before any set-up; development builds and packaged builds without the switches start as usual.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REMOTE_DEBUGGING_SWITCHES, forbiddenDebugSwitch } from '../../../src/main/debug-switches';

const commandLine = (...present: string[]) => ({ hasSwitch: (name: string) => present.includes(name) });

describe('forbiddenDebugSwitch', () => {
  it.each([
    [true, [], null],
    [true, ['remote-debugging-port'], 'remote-debugging-port'],
    [true, ['remote-debugging-pipe'], 'remote-debugging-pipe'],
    [true, ['remote-debugging-pipe', 'remote-debugging-port'], 'remote-debugging-port'],
    [true, ['remote-allow-origins', 'lang'], null],
    [false, ['remote-debugging-port'], null],
    [false, ['remote-debugging-pipe'], null],
  ] as const)('packaged=%s switches=%j -> %s', (packaged, present, want) => {
    expect(forbiddenDebugSwitch(packaged, commandLine(...present))).toBe(want);
  });

  it('checks exactly the two remote-debugging switches', () => {
    expect([...REMOTE_DEBUGGING_SWITCHES]).toEqual(['remote-debugging-port', 'remote-debugging-pipe']);
  });
});

describe('src/main/index.ts with a remote-debugging switch', () => {
  afterEach(() => {
    vi.doUnmock('electron');
    vi.resetModules();
  });

  const boot = async (packaged: boolean, present: string[]) => {
    vi.resetModules();
    const calls: string[] = [];
    const record = (name: string) => vi.fn(() => void calls.push(name));
    const app = {
      isPackaged: packaged,
      commandLine: commandLine(...present),
      exit: vi.fn((code: number) => void calls.push(`exit(${code})`)),
      setPath: record('setPath'),
      enableSandbox: record('enableSandbox'),
      requestSingleInstanceLock: vi.fn(() => (calls.push('singleInstanceLock'), false)), // false: stop there
      quit: record('quit'),
      on: record('on'),
      whenReady: vi.fn(() => (calls.push('whenReady'), new Promise(() => undefined))),
    };
    vi.doMock('electron', () => ({
      app,
      BrowserWindow: class {},
      dialog: {},
      ipcMain: {},
      safeStorage: {},
      session: {},
      protocol: { registerSchemesAsPrivileged: record('registerScheme'), handle: record('protocolHandle') },
    }));
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await import('../../../src/main/index');
    const logged = error.mock.calls.map((c) => String(c[0]));
    error.mockRestore();
    return { calls, logged };
  };

  it.each(['remote-debugging-port', 'remote-debugging-pipe'])('packaged + --%s: app.exit(1) and nothing else', async (sw) => {
    const { calls, logged } = await boot(true, [sw]);
    expect(calls).toEqual(['exit(1)']);
    expect(logged).toEqual([`wxpay-pos: refusing to start with --${sw}`]);
  });

  it('unpackaged with the switch, or packaged without it: starts as usual', async () => {
    for (const [packaged, present] of [[false, ['remote-debugging-port']], [true, []]] as const) {
      const { calls } = await boot(packaged, [...present]);
      expect(calls).toEqual(['enableSandbox', 'registerScheme', 'singleInstanceLock', 'quit']);
    }
  });
});
