// A fake network receipt printer on 127.0.0.1: captures each connection's bytes as one job and answers
// DLE EOT status queries the way a real ESC/POS printer does, or misbehaves on purpose.
import { createServer, type Server, type Socket } from 'node:net';

export type FakeMode = 'ok' | 'paper-out' | 'silent' | 'garbage';

export interface FakePrinter {
  readonly host: string;
  readonly port: number;
  /** One entry per connection that wrote anything besides status queries. */
  readonly jobs: Uint8Array[];
  mode: FakeMode;
  /** Resolves when `n` jobs have been captured. */
  waitForJobs(n: number): Promise<void>;
  close(): Promise<void>;
}

const STATUS_OK = 0x12; // fixed bits only: online, paper present
const PAPER_END = 0x12 | 0x60;

/** Strips DLE EOT n from a byte stream; real printers act on them in real time, wherever they appear. */
function withoutStatus(bytes: number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x10 && bytes[i + 1] === 0x04) {
      i += 2;
      continue;
    }
    out.push(bytes[i]!);
  }
  return out;
}

export async function startFakePrinter(mode: FakeMode = 'ok'): Promise<FakePrinter> {
  const sockets = new Set<Socket>();
  const waiters: { n: number; resolve: () => void }[] = [];
  const fake: FakePrinter = {
    host: '127.0.0.1',
    port: 0,
    jobs: [],
    mode,
    waitForJobs: (n) => new Promise((resolve) => (fake.jobs.length >= n ? resolve() : waiters.push({ n, resolve }))),
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    const got: number[] = [];
    socket.on('data', (chunk: Buffer) => {
      for (let i = 0; i < chunk.length; i++) {
        got.push(chunk[i]!);
        const n = got.length;
        if (n >= 3 && got[n - 3] === 0x10 && got[n - 2] === 0x04) {
          if (fake.mode === 'silent') continue;
          if (fake.mode === 'garbage') socket.write(Buffer.from('HTTP/1.0 400\r\n'));
          else socket.write(Uint8Array.of(fake.mode === 'paper-out' && got[n - 1] === 4 ? PAPER_END : STATUS_OK));
        }
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      const body = withoutStatus(got);
      if (body.length > 0) {
        fake.jobs.push(Uint8Array.from(body));
        for (const w of waiters.splice(0)) {
          if (fake.jobs.length >= w.n) w.resolve();
          else waiters.push(w);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  (fake as { port: number }).port = typeof addr === 'object' && addr ? addr.port : 0;
  return fake;
}

/** A port on 127.0.0.1 that refuses connections (a server opened and closed again). */
export async function refusedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const addr = s.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
