// A network ESC/POS printer on raw TCP (port 9100). One connection per slip:
//   1. DLE EOT 1 / DLE EOT 4 - printer and paper status; paper end or an error state → fault, nothing sent
//   2. the slip's bytes (escpos.ts)
//   3. DLE EOT 4 again - only a printer that still answers "paper present" counts as "printed"
// Every step has a deadline, so a printer that accepts the connection and never answers is a fault
// (no_answer), not a hang. Status bytes have fixed bits (bit 1 and 4 set, 0 and 7 clear); anything else
// means the device is not an ESC/POS printer (garbage).
import { Socket } from 'node:net';
import { fail, ok, type Result } from '../../common/result';
import { layoutToEscpos } from './escpos';
import { layoutDoc } from './layout';
import type { PrinterPort, PrintRequest } from './printer-port';
import type { PrintFault } from './print-faults';

export const DLE = 0x10;
export const EOT = 0x04;
/** DLE EOT n: real-time status; n = 1 printer, 4 roll paper sensor. */
export const statusQuery = (n: 1 | 2 | 3 | 4): Uint8Array => Uint8Array.of(DLE, EOT, n);

export interface TcpPrinterOptions {
  readonly host: string;
  readonly port: number;
  /** Connecting, each status answer and the final write each get this long. */
  readonly timeoutMs?: number;
}

const isStatusByte = (b: number): boolean => (b & 0x93) === 0x12;

type Step<T> = Result<T, PrintFault>;

/** A socket with a byte queue, so each status query reads exactly its own answer. */
class Link {
  private readonly socket = new Socket();
  private readonly bytes: number[] = [];
  private waiter: (() => void) | null = null;
  private closed: PrintFault | null = null;

  constructor(private readonly timeoutMs: number) {
    // status queries are 3-byte writes waiting for a 1-byte answer: Nagle would hold each one back
    this.socket.setNoDelay(true);
    this.socket.on('data', (chunk: Buffer) => {
      for (const b of chunk) this.bytes.push(b);
      this.wake();
    });
    this.socket.on('error', (e: NodeJS.ErrnoException) => {
      this.closed ??= { kind: 'offline', detail: e.code ?? e.message };
      this.wake();
    });
    this.socket.on('close', () => {
      this.closed ??= { kind: 'no_answer', detail: 'connection closed by the printer' };
      this.wake();
    });
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  private deadline<T>(what: string, run: (done: (r: Step<T>) => void) => void, onTimeout: PrintFault['kind']): Promise<Step<T>> {
    return new Promise((resolve) => {
      let settled = false;
      const timer = setTimeout(() => done(fail({ kind: onTimeout, detail: `${what}: no answer within ${this.timeoutMs} ms` })), this.timeoutMs);
      function done(r: Step<T>): void {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(r);
      }
      run(done);
    });
  }

  connect(host: string, port: number): Promise<Step<null>> {
    return this.deadline<null>(
      `connect ${host}:${port}`,
      (done) => {
        this.socket.once('connect', () => done(ok(null)));
        this.socket.once('error', (e: NodeJS.ErrnoException) => done(fail({ kind: 'offline', detail: e.code ?? e.message })));
        this.socket.connect({ host, port });
      },
      'offline',
    );
  }

  write(data: Uint8Array): Promise<Step<null>> {
    return this.deadline<null>(
      'write',
      (done) => {
        this.socket.write(data, (e) => done(e ? fail({ kind: 'offline', detail: e.message }) : ok(null)));
      },
      'no_answer',
    );
  }

  /** Sends DLE EOT n and reads its one-byte answer. */
  async status(n: 1 | 4): Promise<Step<number>> {
    this.bytes.length = 0;
    const w = await this.write(statusQuery(n));
    if (!w.ok) return w;
    return this.deadline<number>(
      `status ${n}`,
      (done) => {
        const check = (): void => {
          const b = this.bytes.shift();
          if (b !== undefined) return done(ok(b));
          if (this.closed) return done(fail(this.closed));
          this.waiter = check;
        };
        check();
      },
      'no_answer',
    );
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Reads DLE EOT 1 then 4; ok when the printer is online with paper. */
async function checkReady(link: Link): Promise<Step<null>> {
  const s1 = await link.status(1);
  if (!s1.ok) return s1;
  if (!isStatusByte(s1.value)) return fail({ kind: 'garbage', detail: `DLE EOT 1 answered 0x${s1.value.toString(16)}` });
  if (s1.value & 0x08) return fail({ kind: 'cover_open', detail: 'printer reports offline (cover open or feeding)' });
  const s4 = await link.status(4);
  if (!s4.ok) return s4;
  if (!isStatusByte(s4.value)) return fail({ kind: 'garbage', detail: `DLE EOT 4 answered 0x${s4.value.toString(16)}` });
  if (s4.value & 0x60) return fail({ kind: 'paper_out', detail: `roll paper end (0x${s4.value.toString(16)})` });
  return ok(null);
}

/** Sends finished ESC/POS bytes with the status checks around them. */
export async function sendEscpos(opts: TcpPrinterOptions, bytes: Uint8Array): Promise<Step<null>> {
  const link = new Link(opts.timeoutMs ?? 5_000);
  try {
    const c = await link.connect(opts.host, opts.port);
    if (!c.ok) return c;
    const before = await checkReady(link);
    if (!before.ok) return before;
    const w = await link.write(bytes);
    if (!w.ok) return w;
    return await checkReady(link);
  } finally {
    link.close();
  }
}

export function tcpPrinter(opts: TcpPrinterOptions): PrinterPort {
  return {
    async print(req: PrintRequest) {
      let bytes: Uint8Array;
      try {
        bytes = layoutToEscpos(layoutDoc(req.doc, req.render), { openDrawer: req.openDrawer });
      } catch (e) {
        // a document the layout cannot draw is a bug, reported as a fault so the queue keeps running
        return fail({ kind: 'garbage', detail: `render failed: ${e instanceof Error ? e.message : String(e)}` });
      }
      return sendEscpos(opts, bytes);
    },
  };
}
