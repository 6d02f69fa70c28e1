import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POS_CALLS, POS_EVENTS, callChannel, eventChannel } from '../../src/common/api';
import { buildPosBridge } from '../../src/preload/bridge';
import { installPosStub } from '../e2e/pos-stub';
import { startCore } from '../../src/host';
import { MemorySecretBox } from '../../src/core/settings/secret-box';

const EXPECTED = [...POS_CALLS, 'on'].sort();

/** Differences between an object's own keys and the contract's; empty when they match exactly. */
function keyDiff(obj: object, expected: readonly string[]): { missing: string[]; extra: string[] } {
  const keys = Object.keys(obj);
  return {
    missing: expected.filter((k) => !keys.includes(k)),
    extra: keys.filter((k) => !expected.includes(k)),
  };
}

function fakeIpc() {
  const invoked: { channel: string; payload: unknown }[] = [];
  const handlers = new Map<string, Set<(e: unknown, p: unknown) => void>>();
  return {
    invoked,
    handlers,
    ipc: {
      invoke: async (channel: string, payload?: unknown) => {
        invoked.push({ channel, payload });
        return { ok: true, value: channel };
      },
      on: (channel: string, l: (e: unknown, p: unknown) => void) => {
        handlers.set(channel, (handlers.get(channel) ?? new Set()).add(l));
      },
      removeListener: (channel: string, l: (e: unknown, p: unknown) => void) => void handlers.get(channel)?.delete(l),
    },
  };
}

function harnessStubObject(): Record<string, unknown> {
  const sandbox = Object.create(null) as Record<string, unknown>;
  sandbox.__posCall = async () => null;
  // installPosStub writes to globalThis; run its source with globalThis bound to a stand-in window.
  const fn = new Function('globalThis', `(${installPosStub.toString()})({ calls: ${JSON.stringify(POS_CALLS)}, events: ${JSON.stringify(POS_EVENTS)} }); return globalThis.pos;`);
  return fn(sandbox) as Record<string, unknown>;
}

describe('PosApi contract: preload, harness stub and handler table carry exactly its keys', () => {
  it('the preload object', () => {
    const { ipc } = fakeIpc();
    expect(keyDiff(buildPosBridge(ipc), EXPECTED)).toEqual({ missing: [], extra: [] });
  });

  it('the browser harness stub', () => {
    expect(keyDiff(harnessStubObject(), EXPECTED)).toEqual({ missing: [], extra: [] });
  });

  it('the handler table of core', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'contract-'));
    const core = await startCore({
      dataDir,
      secretBox: new MemorySecretBox(),
      appVersion: 'test',
      openShiftAtStart: { floatFen: 0 }, // issue 13: sales need an open shift
      events: () => undefined,
      files: { pickCertificate: async () => null },
    });
    try {
      expect(keyDiff(core.api, [...POS_CALLS])).toEqual({ missing: [], extra: [] });
    } finally {
      await core.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('the check catches a broken implementation (planted extra and missing keys)', () => {
    const { ipc } = fakeIpc();
    const bridge = { ...buildPosBridge(ipc), rawIpcRenderer: ipc } as Record<string, unknown>;
    delete bridge.charge;
    expect(keyDiff(bridge, EXPECTED)).toEqual({ missing: ['charge'], extra: ['rawIpcRenderer'] });
  });

  it('each preload method invokes its own channel with the payload', async () => {
    const { ipc, invoked } = fakeIpc();
    const pos = buildPosBridge(ipc) as unknown as Record<string, (p?: unknown) => Promise<unknown>>;
    for (const name of POS_CALLS) await pos[name]!({ probe: name });
    expect(invoked.map((i) => i.channel)).toEqual(POS_CALLS.map(callChannel));
    expect(invoked.every((i, n) => (i.payload as { probe: string }).probe === POS_CALLS[n])).toBe(true);
  });

  it('event listeners get the payload only, never the IPC event, and can unsubscribe', () => {
    const { ipc, handlers } = fakeIpc();
    const pos = buildPosBridge(ipc);
    const seen: unknown[][] = [];
    const off = pos.on('payment', (...args: unknown[]) => seen.push(args));
    const ipcEvent = { sender: { send() {} }, ports: [] };
    for (const l of handlers.get(eventChannel('payment')) ?? []) l(ipcEvent, { attemptId: 'a1' });
    expect(seen).toEqual([[{ attemptId: 'a1' }]]);
    off();
    for (const l of handlers.get(eventChannel('payment')) ?? []) l(ipcEvent, { attemptId: 'a2' });
    expect(seen).toHaveLength(1);
  });
});
