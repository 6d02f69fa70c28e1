// A tiny hand-written WeChat Pay responder for the client tests (the full simulator lives in src/sim).
// It records every request it receives, checks nothing by itself, and answers what the test's handler
// says: a signed reply, raw bytes, an HTTP status, a hang, or a reset.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { TLSSocket } from 'node:tls';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sign } from '../../../../src/core/wxpay/sign';
import { buildXml, parseXml } from '../../../../src/core/wxpay/xml';
import type { SignType } from '../../../../src/core/wxpay/types';

export const CERT_DIR = fileURLToPath(new URL('../../../../resources/test-certs', import.meta.url));
export const certFile = (name: string): string => readFileSync(join(CERT_DIR, name), 'utf8');
export const certBytes = (name: string): Buffer => readFileSync(join(CERT_DIR, name));

export const MERCHANT = {
  appid: 'wx2421b1c4370ec43b',
  mchId: '1900000109',
  key: '192006250b4c09247ec02edce69f6a2d',
} as const;

export interface Received {
  readonly path: string;
  readonly params: Record<string, string>;
  readonly body: string;
  /** CN of the client certificate, when one was presented. */
  readonly peerCN: string | null;
}

export type Reply =
  | { readonly signed: Record<string, string | number>; readonly signType?: SignType; readonly key?: string }
  | { readonly xml: Record<string, string | number> }
  | { readonly raw: string | Buffer; readonly status?: number; readonly headers?: Record<string, string> }
  | { readonly hang: true }
  | { readonly reset: true };

export type Handler = (req: Received) => Reply | Promise<Reply>;

export interface FakeGateway {
  readonly url: string;
  readonly port: number;
  readonly received: Received[];
  close(): Promise<void>;
}

export interface FakeOptions {
  /** Serve https with these PEM files (names under resources/test-certs). */
  readonly tls?: { readonly cert: string; readonly key: string; readonly requestCert?: boolean; readonly rejectUnauthorized?: boolean };
  readonly host?: string;
  readonly merchant?: { readonly appid: string; readonly mchId: string; readonly key: string };
}

/** Answers with return_code SUCCESS, our appid/mch_id, a nonce and a signature (request's algorithm). */
export function signedXml(
  fields: Record<string, string | number>,
  signType: SignType,
  m: { appid: string; mchId: string; key: string } = MERCHANT,
): string {
  const p: Record<string, string | number> = {
    return_code: 'SUCCESS',
    return_msg: 'OK',
    appid: m.appid,
    mch_id: m.mchId,
    nonce_str: 'fakeNonce0123456789',
    ...fields,
  };
  p.sign = sign(p, m.key, signType);
  return buildXml(p);
}

export async function startFake(handler: Handler, opts: FakeOptions = {}): Promise<FakeGateway> {
  const received: Received[] = [];
  const sockets = new Set<net.Socket>();
  const m = opts.merchant ?? MERCHANT;
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let params: Record<string, string> = {};
      try {
        params = parseXml(body);
      } catch {
        params = {};
      }
      const sock = req.socket as TLSSocket;
      const peer = typeof sock.getPeerCertificate === 'function' ? sock.getPeerCertificate() : null;
      const peerCN = peer && typeof peer.subject?.CN === 'string' ? peer.subject.CN : null;
      const r: Received = { path: req.url ?? '', params, body, peerCN };
      received.push(r);
      void Promise.resolve(handler(r)).then((reply) => {
        if ('hang' in reply) return;
        if ('reset' in reply) {
          req.socket.resetAndDestroy();
          return;
        }
        if ('raw' in reply) {
          res.writeHead(reply.status ?? 200, { 'content-type': 'text/plain', ...reply.headers });
          res.end(reply.raw);
          return;
        }
        const xml =
          'signed' in reply
            ? signedXml(reply.signed, reply.signType ?? ((params.sign_type as SignType | undefined) ?? 'MD5'), {
                ...m,
                key: reply.key ?? m.key,
              })
            : buildXml(reply.xml);
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(xml);
      });
    });
  };
  const server = opts.tls
    ? https.createServer(
        {
          cert: certFile(opts.tls.cert),
          key: certFile(opts.tls.key),
          ca: certFile('ca.pem'),
          requestCert: opts.tls.requestCert ?? false,
          rejectUnauthorized: opts.tls.rejectUnauthorized ?? opts.tls.requestCert ?? false,
        },
        onRequest,
      )
    : http.createServer(onRequest);
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('tlsClientError', () => undefined);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as net.AddressInfo).port;
  const scheme = opts.tls ? 'https' : 'http';
  return {
    url: `${scheme}://${host}:${port}`,
    port,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A TCP server for raw faults: `onData` gets each connection's first bytes. */
export async function startRaw(onConn: (s: net.Socket) => void): Promise<{ port: number; connections: () => number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let count = 0;
  const server = net.createServer((s) => {
    count++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    onConn(s);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port with nothing listening (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
