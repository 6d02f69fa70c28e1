// HTTPS POST to WeChat Pay on undici 7 (no fetch globals): connect/read/overall timeouts, a response size
// cap, mTLS for /secapi/*, and failover to the backup domain only when the request provably never left.
//
// How "never left" is known: undici calls our connector for every new socket; any error it reports
// (DNS, TCP refused/unreachable, our connect timeout, the TLS handshake) is recorded in `preSend`, and
// undici hands that same error object to the request. Everything else (reset after write, read timeout,
// 5xx, abort) may have been received and is "unknown". POSTs are never retried inside this layer: the one
// extra attempt, on the other domain, happens only after a recorded pre-send failure.
//
// mTLS is pinned to TLS 1.2: under TLS 1.3 the server judges the client certificate after the client
// already considers the handshake done, so a rejection would look like "reset after send" (unknown)
// instead of a definite, pre-send TLS_CLIENT_CERT_REJECTED.
import { rootCertificates } from 'node:tls';
import type { LookupFunction, Socket } from 'node:net';
import { Agent, buildConnector, request } from 'undici';
import type { Clock } from '../../common/clock';
import { allowsFailover, classifyAfterConnectError, classifyConnectError, type AttemptFailure } from './net-errors';
import { DomainSelector, type AttemptReport, type DomainRole } from './domain-selector';
import type { ResolvedNet } from './config';
import { fail, ok, type Result } from '../../common/result';

export interface TransportOptions {
  readonly net: ResolvedNet;
  readonly clock: Clock;
  readonly ca?: string | Buffer | null;
  readonly lookup?: LookupFunction;
}

export interface PostRequest {
  /** Path below the base URL, e.g. /pay/orderquery. */
  readonly path: string;
  readonly body: string;
  /** Client certificate for this call (PEM), or null for a plain TLS call. */
  readonly clientCert: { readonly certPem: string; readonly keyPem: string } | null;
  readonly maxBytes: number;
}

/** What one attempt brought back over HTTP (any status). */
interface HttpReply {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

export type PostResult =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly contentType: string;
      readonly body: Buffer;
      readonly domain: DomainRole;
      readonly attempts: number;
    }
  | ({ readonly kind: 'failure'; readonly domain: DomainRole; readonly attempts: number } & AttemptFailure);

class ConnectTimeout extends Error {
  readonly code = 'UND_ERR_CONNECT_TIMEOUT';
  constructor(ms: number) {
    super(`connect timeout after ${ms} ms`);
    this.name = 'ConnectTimeoutError';
  }
}

function reportOf(f: AttemptFailure | null, status: number): AttemptReport {
  if (f === null) return status >= 500 ? 'other' : 'ok';
  if (f.code === 'DNS_FAILURE') return 'dns';
  if (f.code === 'CONNECT_TIMEOUT') return 'connect-timeout';
  return 'other';
}

export class Transport {
  readonly selector: DomainSelector;
  private readonly preSend = new WeakSet<object>();
  private readonly plain: Agent;
  private readonly mtlsAgents = new Map<string, Agent>();
  private readonly inFlight = new Set<AbortController>();
  private closed = false;

  constructor(private readonly opts: TransportOptions) {
    this.selector = new DomainSelector(opts.clock, opts.net.backupUrl !== null);
    this.plain = this.makeAgent(null);
  }

  private makeAgent(clientCert: PostRequest['clientCert']): Agent {
    const { net } = this.opts;
    const tlsOpts: Record<string, unknown> = {};
    if (this.opts.ca) tlsOpts.ca = [...rootCertificates, this.opts.ca.toString()];
    if (this.opts.lookup) tlsOpts.lookup = this.opts.lookup;
    if (clientCert) {
      tlsOpts.cert = clientCert.certPem;
      tlsOpts.key = clientCert.keyPem;
      tlsOpts.maxVersion = 'TLSv1.2';
    }
    // undici's own connect timer ticks at ~1 s; ours is exact. Its timer stays as a backstop.
    const base = buildConnector({ ...tlsOpts, timeout: net.connectTimeoutMs + 1_000 } as buildConnector.BuildOptions);
    const connectTimeoutMs = net.connectTimeoutMs;
    const preSend = this.preSend;
    const connect: buildConnector.connector = (options, callback) => {
      let done = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (err: Error | null, socket: Socket | null): void => {
        if (done) return;
        done = true;
        if (timer) clearTimeout(timer);
        if (err) {
          preSend.add(err);
          callback(err, null);
        } else {
          callback(null, socket as Socket);
        }
      };
      // undici's connector returns the socket at runtime although its type says void.
      const socket = base(options, (err, s) => finish(err, s as Socket | null)) as unknown as Socket | undefined;
      timer = setTimeout(() => {
        const err = new ConnectTimeout(connectTimeoutMs);
        socket?.destroy();
        finish(err, null);
      }, connectTimeoutMs);
      return socket;
    };
    return new Agent({
      connect,
      headersTimeout: net.readTimeoutMs,
      bodyTimeout: net.readTimeoutMs,
      maxResponseSize: Math.max(net.maxResponseBytes, net.maxBillBytes),
      pipelining: 1,
      keepAliveTimeout: 4_000,
    });
  }

  private agentFor(clientCert: PostRequest['clientCert']): Agent {
    if (!clientCert) return this.plain;
    const id = clientCert.certPem + '\0' + clientCert.keyPem;
    let a = this.mtlsAgents.get(id);
    if (!a) {
      a = this.makeAgent(clientCert);
      this.mtlsAgents.set(id, a);
    }
    return a;
  }

  private urlOf(role: DomainRole, path: string): string {
    const base = role === 'primary' ? this.opts.net.baseUrl : this.opts.net.backupUrl;
    if (base === null) throw new Error('no backup domain configured');
    return base + path;
  }

  /** One attempt against one domain; never retried here. */
  private async attempt(role: DomainRole, req: PostRequest): Promise<Result<HttpReply, { readonly failure: AttemptFailure }>> {
    const url = this.urlOf(role, req.path);
    // A client certificate only means something over TLS (plain http is allowed on loopback only).
    const clientCert = url.startsWith('https:') ? req.clientCert : null;
    const ctl = new AbortController();
    this.inFlight.add(ctl);
    const overall = setTimeout(() => ctl.abort(new Error('overall timeout')), this.opts.net.overallTimeoutMs);
    try {
      const res = await request(url, {
        dispatcher: this.agentFor(clientCert),
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', accept: 'text/xml, application/octet-stream, */*' },
        body: req.body,
        signal: ctl.signal,
      });
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > req.maxBytes) {
        res.body.destroy();
        return fail({ failure: { sent: true, code: 'RESPONSE_TOO_LARGE', message: `response of ${declared} bytes` } });
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of res.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > req.maxBytes) {
          res.body.destroy();
          return fail({ failure: { sent: true, code: 'RESPONSE_TOO_LARGE', message: `response over ${req.maxBytes} bytes` } });
        }
        chunks.push(chunk);
      }
      const ct = res.headers['content-type'];
      return ok({
        status: res.statusCode,
        contentType: Array.isArray(ct) ? (ct[0] ?? '') : (ct ?? ''),
        body: Buffer.concat(chunks),
      });
    } catch (e) {
      const preSend = e !== null && typeof e === 'object' && this.preSend.has(e);
      const failure: AttemptFailure = preSend
        ? classifyConnectError(e, clientCert !== null)
        : ctl.signal.aborted
          ? { sent: true, code: 'ABORTED', message: this.closed ? 'client closed while in flight' : 'overall deadline passed while in flight' }
          : classifyAfterConnectError(e);
      return fail({ failure });
    } finally {
      clearTimeout(overall);
      this.inFlight.delete(ctl);
    }
  }

  /** POSTs to the preferred domain; on a pre-send fault, once to the other domain. */
  async post(req: PostRequest): Promise<PostResult> {
    if (this.closed) {
      return { kind: 'failure', sent: false, code: 'NETWORK_UNREACHABLE', message: 'client closed', domain: 'primary', attempts: 0 };
    }
    const first = this.selector.pick();
    const r1 = await this.attempt(first, req);
    this.selector.report(first, reportOf(r1.ok ? null : r1.failure, r1.ok ? r1.value.status : 0));
    if (r1.ok) return { kind: 'response', ...r1.value, domain: first, attempts: 1 };
    if (!allowsFailover(r1.failure) || this.opts.net.backupUrl === null || this.closed) {
      return { kind: 'failure', ...r1.failure, domain: first, attempts: 1 };
    }
    const second: DomainRole = first === 'primary' ? 'backup' : 'primary';
    const r2 = await this.attempt(second, req);
    this.selector.report(second, reportOf(r2.ok ? null : r2.failure, r2.ok ? r2.value.status : 0));
    if (r2.ok) return { kind: 'response', ...r2.value, domain: second, attempts: 2 };
    return { kind: 'failure', ...r2.failure, domain: second, attempts: 2 };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const ctl of this.inFlight) ctl.abort(new Error('client closed'));
    const agents = [this.plain, ...this.mtlsAgents.values()];
    this.mtlsAgents.clear();
    await Promise.all(agents.map((a) => a.destroy().catch(() => undefined)));
  }
}
