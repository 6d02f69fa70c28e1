// The preload's window.pos (checklist #20): exactly the listed functions, one invoke per call on its own
// channel, events forward the payload only.
import { describe, expect, it } from 'vitest';
import { POS_CALLS, POS_EVENTS, callChannel, eventChannel, type PosApi } from '../../../src/common/api';
import { buildPosBridge } from '../../../src/preload/bridge';
import { FakeIpcRenderer } from './fakes';

describe('buildPosBridge', () => {
  it('has exactly the PosApi keys: every POS_CALLS entry plus on, nothing else', () => {
    const api = buildPosBridge(new FakeIpcRenderer());
    expect(Object.keys(api).sort()).toEqual([...POS_CALLS, 'on'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
  });

  it('sends each call on its own channel with the payload only, and returns main’s answer', async () => {
    const ipc = new FakeIpcRenderer();
    ipc.answer = (channel, payload) => ({ ok: true, value: { channel, payload } });
    const api = buildPosBridge(ipc) as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const name of POS_CALLS) {
      const payload = { probe: name };
      const fn = api[name];
      if (!fn) throw new Error(`missing ${name}`);
      await expect(fn(payload, 'extra', 'args')).resolves.toEqual({ ok: true, value: { channel: callChannel(name), payload } });
    }
    expect(ipc.invoked.map((c) => c.channel)).toEqual(POS_CALLS.map((n) => callChannel(n)));
    // only the first argument crosses, never extra ones
    for (const call of ipc.invoked) expect(call.args.length).toBe(1);
  });

  it('calls without input send no payload', async () => {
    const ipc = new FakeIpcRenderer();
    const api: PosApi = buildPosBridge(ipc);
    await api.getShellInfo();
    expect(ipc.invoked[0]).toEqual({ channel: 'pos:call:getShellInfo', args: [undefined] });
  });

  it('event listeners get the payload only, never the IPC event', () => {
    const ipc = new FakeIpcRenderer();
    const api = buildPosBridge(ipc);
    for (const event of POS_EVENTS) {
      const seen: unknown[][] = [];
      api.on(event, (...args: unknown[]) => seen.push(args));
      ipc.deliver(eventChannel(event), { hello: event });
      expect(seen).toEqual([[{ hello: event }]]);
    }
  });

  it('the returned function unsubscribes (once; a second call is harmless)', () => {
    const ipc = new FakeIpcRenderer();
    const api = buildPosBridge(ipc);
    const seen: unknown[] = [];
    const off = api.on('payment', (p) => seen.push(p));
    ipc.deliver(eventChannel('payment'), 1);
    off();
    off();
    ipc.deliver(eventChannel('payment'), 2);
    expect(seen).toEqual([1]);
    expect(ipc.emitter.listenerCount(eventChannel('payment'))).toBe(0);
  });

  it('rejects unknown event names, so the page cannot listen on arbitrary channels', () => {
    const ipc = new FakeIpcRenderer();
    const api = buildPosBridge(ipc) as unknown as { on(e: string, l: () => void): unknown };
    for (const bad of ['nope', 'pos:event:payment', '__proto__', 'constructor', '']) {
      expect(() => api.on(bad, () => undefined)).toThrow(/unknown event/);
    }
    expect(ipc.emitter.eventNames()).toEqual([]);
  });

  it('rejects a listener that is not a function', () => {
    const api = buildPosBridge(new FakeIpcRenderer()) as unknown as { on(e: string, l: unknown): unknown };
    expect(() => api.on('payment', 'alert(1)')).toThrow(TypeError);
  });
});
