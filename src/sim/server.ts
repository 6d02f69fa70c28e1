// The listeners: plain HTTP (WeChat paths + /sim/ control API) and optional HTTPS with mutual TLS
// for /secapi/*. Both feed the same SimulatorCore.handle, so in-process and socket behaviour agree.
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { realClock } from '../common/clock';
import { MAX_BODY_BYTES } from './gateway';
import { SIM_TOKEN_HEADER } from './control-api';
import { createSimulator, type SimulatorCore } from './simulator';
import type { HttpsMaterial, SimOptions, SimPeer, SimResult } from './sim-types';
import { findTestCertsDir, testCertPaths, type TestCertPaths } from './test-certs';

export interface Simulator extends SimulatorCore {
  /** http://127.0.0.1:PORT — WeChat paths and the /sim/ control API. */
  readonly url: string;
  /** https://127.0.0.1:PORT — WeChat paths with mTLS on /secapi/* (when opts.https). */
  readonly httpsUrl?: string;
  /** url + '/sim' */
  readonly controlUrl: string;
  /** The test certificates in use (null when HTTPS material was passed explicitly or none exist). */
  readonly certs: TestCertPaths | null;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function peerOf(socket: Socket): SimPeer {
  const tls = socket as Partial<TLSSocket>;
  if (typeof tls.getPeerCertificate !== 'function') return { kind: 'plain' };
  const cert = tls.getPeerCertificate();
  if (!cert || Object.keys(cert).length === 0) return { kind: 'tls', cert: null };
  const cn = cert.subject?.CN;
  return { kind: 'tls', cert: { cn: Array.isArray(cn) ? (cn[0] ?? '') : (cn ?? ''), trusted: tls.authorized === true } };
}

function tokenHeader(req: IncomingMessage): string | undefined {
  const v = req.headers[SIM_TOKEN_HEADER];
  return typeof v === 'string' ? v : undefined;
}

/** Flat [name, value, ...] headers: node's cheapest writeHead path. */
function rawHeaders(headers: Readonly<Record<string, string>>, length: number, nowMs: number): string[] {
  // Date from the simulator's own clock, as the real gateway's reflects its time (the till's clock check reads it).
  const out: string[] = ['content-length', String(length), 'date', new Date(nowMs).toUTCString()];
  for (const name in headers) out.push(name, headers[name] as string);
  return out;
}

export async function startSimulator(opts: SimOptions = {}): Promise<Simulator> {
  const core = createSimulator(opts);
  const delayClock = opts.delayClock ?? realClock;
  const simClock = opts.clock ?? realClock;
  const host = opts.host ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  const closing = new AbortController();

  async function send(res: ServerResponse, result: SimResult): Promise<void> {
    switch (result.kind) {
      case 'drop':
        res.socket?.destroy();
        return;
      case 'reset': {
        const s = res.socket;
        if (s && typeof s.resetAndDestroy === 'function') s.resetAndDestroy();
        else s?.destroy();
        return;
      }
      case 'reply':
        if (result.delayMs > 0) {
          try {
            await delayClock.sleep(result.delayMs, closing.signal);
          } catch {
            res.socket?.destroy();
            return;
          }
        }
        if (res.destroyed) return;
        res.writeHead(result.status, rawHeaders(result.headers, result.body.byteLength, simClock.now()));
        res.end(result.body);
        return;
      default: {
        const never: never = result;
        throw new Error(`unknown result ${JSON.stringify(never)}`);
      }
    }
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    req.on('data', (c: Buffer) => {
      size += c.byteLength;
      if (size > MAX_BODY_BYTES + 1) tooBig = true;
      else chunks.push(c);
    });
    req.on('end', () => {
      const body = tooBig ? Buffer.alloc(MAX_BODY_BYTES + 1) : chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
      core
        .handle({ method: req.method ?? 'GET', path: req.url ?? '/', body, peer: peerOf(req.socket), controlToken: tokenHeader(req) })
        .then((r) => send(res, r))
        .catch(() => {
          if (!res.headersSent) {
            res.writeHead(500, { 'content-type': 'text/plain' });
            res.end('simulator error\n');
          }
        });
    });
    req.on('error', () => res.socket?.destroy());
  };

  const track = (s: Socket): void => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  };

  const http = createHttpServer({ keepAliveTimeout: 10_000 }, onRequest);
  http.on('connection', track);
  const httpAddr = await listen(http, opts.port ?? 0, host);

  let https: Server | null = null;
  let httpsUrl: string | undefined;
  let certs: TestCertPaths | null = null;
  if (opts.https) {
    let material: HttpsMaterial;
    if (opts.https === true) {
      const dir = opts.certsDir ?? findTestCertsDir();
      if (!dir) throw new Error('simulator: resources/test-certs not found (run `npm run certs`)');
      certs = testCertPaths(dir);
      material = { cert: readFileSync(certs.serverCert), key: readFileSync(certs.serverKey), ca: readFileSync(certs.ca) };
    } else {
      material = opts.https;
    }
    const server = createHttpsServer(
      { cert: material.cert, key: material.key, ca: material.ca, requestCert: true, rejectUnauthorized: false, keepAliveTimeout: 10_000 },
      onRequest,
    );
    // A presented certificate our CA did not issue (or expired) ends the connection right after the
    // handshake, as the gateway's TLS layer does; no certificate is allowed until /secapi/* is asked.
    server.on('secureConnection', (s: TLSSocket) => {
      track(s);
      const cert = s.getPeerCertificate();
      if (cert && Object.keys(cert).length > 0 && !s.authorized) s.destroy();
    });
    https = server;
    const addr = await listen(server, opts.httpsPort ?? 0, host);
    httpsUrl = `https://${hostForUrl(host)}:${addr.port}`;
  } else if (!opts.https) {
    const dir = opts.certsDir ?? findTestCertsDir();
    certs = dir ? testCertPaths(dir) : null;
  }

  const url = `http://${hostForUrl(host)}:${httpAddr.port}`;
  let closed: Promise<void> | null = null;
  const closeServer = (s: Server): Promise<void> => new Promise((r) => s.close(() => r()));

  return Object.assign(core, {
    url,
    ...(httpsUrl ? { httpsUrl } : {}),
    controlUrl: `${url}/sim`,
    certs,
    close(): Promise<void> {
      closed ??= (async () => {
        closing.abort(new Error('simulator closed'));
        const done = Promise.all([closeServer(http), https ? closeServer(https) : Promise.resolve()]);
        for (const s of sockets) s.destroy();
        await done;
      })();
      return closed;
    },
  });
}
