// Small stand-ins for the Electron objects the main-process modules touch. No electron import.
import { EventEmitter } from 'node:events';

export class FakeIpcRenderer {
  readonly invoked: Array<{ channel: string; args: unknown[] }> = [];
  readonly emitter = new EventEmitter();
  answer: (channel: string, payload: unknown) => unknown = (channel) => ({ ok: true, value: channel });

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return Promise.resolve(this.answer(channel, args[0]));
  }
  on(channel: string, listener: (event: unknown, payload: unknown) => void): void {
    this.emitter.on(channel, listener);
  }
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): void {
    this.emitter.removeListener(channel, listener);
  }
  /** What main's webContents.send does on the renderer side: (event, ...args). */
  deliver(channel: string, payload: unknown): void {
    const ipcEvent = { sender: this, ports: [], senderId: 0 };
    this.emitter.emit(channel, ipcEvent, payload);
  }
}

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  processId: number;
  frameToken: string;
}

export function frame(url: string, opts: Partial<FakeFrame> = {}): FakeFrame {
  return { url, parent: null, processId: 7, frameToken: 'main-token', ...opts };
}

export class FakeWebContents extends EventEmitter {
  destroyed = false;
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  constructor(readonly mainFrame: FakeFrame) {
    super();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
}

export class FakeIpcMain {
  readonly handlers = new Map<string, (event: unknown, payload: unknown) => unknown>();
  handle(channel: string, handler: (event: unknown, payload: unknown) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

export interface PreventableEvent {
  url: string;
  prevented: boolean;
  preventDefault(): void;
}

export function navEvent(url: string): PreventableEvent {
  return {
    url,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

export function memoryLog(): { lines: string[]; warn(m: string, f?: unknown): void; error(m: string, f?: unknown): void; info(m: string, f?: unknown): void } {
  const lines: string[] = [];
  const push = (level: string) => (m: string, f?: unknown) => lines.push(`${level} ${m} ${f === undefined ? '' : JSON.stringify(f)}`);
  return { lines, warn: push('warn'), error: push('error'), info: push('info') };
}
