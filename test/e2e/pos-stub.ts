// The browser harness's transport: the same window.pos shape the preload exposes, forwarding every
// call through a Playwright binding to the real core in the test process. Only Electron's IPC is
// replaced; renderer bundle, handlers, SQL and gateway protocol are the real ones.
//
// installPosStub runs INSIDE the page (page.addInitScript serializes it), so it must not close over
// anything: all it needs comes in through `args` and the `__posCall` binding.

export interface StubArgs {
  readonly calls: readonly string[];
  readonly events: readonly string[];
}

type Listener = (payload: unknown) => void;
interface StubWindow {
  __posCall(name: string, payload: unknown): Promise<unknown>;
  __posEmit?: (event: string, payload: unknown) => void;
  pos?: unknown;
}

export function installPosStub(args: StubArgs): void {
  const w = globalThis as unknown as StubWindow;
  const listeners = new Map<string, Set<Listener>>();
  const api: Record<string, unknown> = {};
  for (const name of args.calls) {
    api[name] = (payload?: unknown) => w.__posCall(name, payload);
  }
  api.on = (event: string, listener: Listener) => {
    if (!args.events.includes(event)) throw new Error(`unknown event '${event}'`);
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    set.add(listener);
    return () => void set.delete(listener);
  };
  // Events arrive from the test process via page.evaluate; listeners get the payload only.
  Object.defineProperty(w, '__posEmit', {
    value: (event: string, payload: unknown) => {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
  });
  Object.defineProperty(w, 'pos', { value: Object.freeze(api), enumerable: true });
}
