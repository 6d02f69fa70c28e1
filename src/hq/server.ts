// The head-office HTTPS service: a small router over node:https. Tills authenticate with their bearer
// token (checked before a body is read); the owner with the owner key. Every refusal answers a stable
// code and a message in plain words, and refused batches are logged at HQ with nothing of them stored.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { HQ_MAX_BODY_BYTES, type HqRefusal } from '../common/hq-sync';
import type { Logger } from '../common/logger';
import { catalogSince, putShopSetting, upsertCatalogItem } from './catalog';
import { ingestBatch, logRefusal } from './ingest';
import { dayTotals, history, refusals, rowsOfKind, tillsSync } from './reports';
import { lateSettlements, reserveRefund, settleRefund } from './refund-authority';
import { authenticateTill, createEnrolCode, enrolTill, isOwner, revokeTill, type TillIdentity } from './tills';
import type { HqCert } from './tls-cert';
import { validateBatch } from './validate-batch';
import { findPayments } from './payment-search'; // --- issue 16.4 cross-till refund (i16-xrefund)
import { HQ_PAGE_CSP, HQ_PAGE_JS, hqPageHtml } from './web/page';

export interface HqServerOptions {
  readonly pool: pg.Pool;
  readonly cert: HqCert;
  readonly log: Logger;
  readonly now?: () => number;
  readonly maxBodyBytes?: number;
  /** issue 16.4 (i16-xrefund): how long a refund reservation holds its amount (default 7 days). */
  readonly reservationTtlMs?: number;
}

export interface HqServer {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

class TooLarge extends Error {}

const STATUS: Record<HqRefusal['code'], number> = {
  UNAUTHENTICATED: 401, REVOKED: 403, TILL_MISMATCH: 403, SEQ_GAP: 422, BAD_TOTALS: 422, BAD_BATCH: 400,
  TOO_LARGE: 413, BAD_CODE: 403, NOT_REFUNDABLE: 409, NOT_FOUND: 404,
};

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}
const refuse = (res: ServerResponse, r: HqRefusal): void => send(res, STATUS[r.code], { code: r.code, message: r.message });

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new TooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > limit) throw new TooLarge();
    chunks.push(c as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

const bearer = (req: IncomingMessage): string | null => {
  const h = req.headers.authorization;
  return typeof h === 'string' && h.startsWith('Bearer ') ? h.slice(7).trim() : null;
};

export async function startHqServer(opts: HqServerOptions, port = 0, host = '127.0.0.1'): Promise<HqServer> {
  const { pool, log } = opts;
  const now = opts.now ?? Date.now;
  const limit = opts.maxBodyBytes ?? HQ_MAX_BODY_BYTES;

  const tooLarge = async (res: ServerResponse, till: TillIdentity | null): Promise<void> => {
    const message = `请求超过 ${limit} 字节 / the request is over ${limit} bytes`;
    log.warn('hq refused a request', { till: till?.id ?? null, reason: 'TOO_LARGE' });
    await logRefusal(pool, till?.id ?? null, 'TOO_LARGE', message);
    res.setHeader('connection', 'close');
    refuse(res, { code: 'TOO_LARGE', message });
  };

  const tillRoute = async (req: IncomingMessage, res: ServerResponse, path: string): Promise<void> => {
    const auth = await authenticateTill(pool, bearer(req));
    if (!auth.ok) {
      log.warn('hq refused a till', { reason: auth.code, path });
      await logRefusal(pool, null, auth.code, `${path}: ${auth.message}`);
      return refuse(res, auth);
    }
    const till = auth.value;
    if (req.method === 'GET' && path === '/api/catalog') {
      const since = new URL(req.url ?? '/', 'https://hq').searchParams.get('since') ?? '';
      return send(res, 200, await catalogSince(pool, till.shopId, since));
    }
    // --- issue 16.4 cross-till refund (i16-xrefund): a payment this till does not have, by id or tail
    if (req.method === 'GET' && path === '/api/payments') {
      const found = await findPayments(pool, new URL(req.url ?? '/', 'https://hq').searchParams.get('q') ?? '');
      if (!found) return refuse(res, { code: 'BAD_BATCH', message: '请输入订单号、交易号或其末尾至少 6 位 / give an order number, a transaction id or at least its last 6 characters' });
      return send(res, 200, { payments: found });
    }
    let body: unknown;
    try {
      body = await readJson(req, limit);
    } catch (e) {
      if (e instanceof TooLarge) return tooLarge(res, till);
      throw e;
    }
    switch (path) {
      case '/api/sync': {
        const batch = validateBatch(body, till.id);
        if (!batch.ok) {
          log.warn('hq refused a batch', { till: till.id, reason: batch.code, message: batch.message });
          await logRefusal(pool, till.id, batch.code, batch.message);
          return refuse(res, batch);
        }
        const ack = await ingestBatch(pool, batch.value, now());
        return send(res, 200, ack);
      }
      case '/api/refunds/reserve': {
        const b = (body ?? {}) as Record<string, unknown>;
        const r = await reserveRefund(pool, till.id, { outTradeNo: String(b.outTradeNo ?? ''), outRefundNo: String(b.outRefundNo ?? ''), amountFen: Number(b.amountFen) }, { ttlMs: opts.reservationTtlMs });
        return r.ok ? send(res, 200, r.value) : refuse(res, r);
      }
      case '/api/refunds/settle': {
        const b = (body ?? {}) as Record<string, unknown>;
        const r = await settleRefund(pool, till.id, { outRefundNo: String(b.outRefundNo ?? ''), refunded: b.refunded === true });
        if (r.ok && r.value.late) log.warn('refund settled after its reservation expired', { till: till.id, outRefundNo: String(b.outRefundNo ?? ''), state: r.value.state }); // issue 16.4
        return r.ok ? send(res, 200, r.value) : refuse(res, r);
      }
      default:
        return send(res, 404, { code: 'NOT_FOUND', message: 'no such route' });
    }
  };

  const ownerRoute = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    if (!(await isOwner(pool, bearer(req)))) return send(res, 401, { code: 'UNAUTHENTICATED', message: '需要店主密钥 / owner key required' });
    const path = url.pathname;
    const q = url.searchParams;
    if (req.method === 'GET') {
      switch (path) {
        case '/api/owner/tills': return send(res, 200, await tillsSync(pool));
        case '/api/owner/history': return send(res, 200, await history(pool, q.get('q') ?? '', Number(q.get('limit') ?? 50)));
        case '/api/owner/day-totals': return send(res, 200, await dayTotals(pool, q.get('day') ?? new Date(now() + 8 * 3_600_000).toISOString().slice(0, 10)));
        case '/api/owner/rows': return send(res, 200, await rowsOfKind(pool, q.get('kind') ?? 'z_report'));
        case '/api/owner/refusals': return send(res, 200, await refusals(pool));
        case '/api/owner/late-refunds': return send(res, 200, await lateSettlements(pool)); // issue 16.4 (i16-xrefund): settled after expiry
        default: return send(res, 404, { code: 'NOT_FOUND', message: 'no such route' });
      }
    }
    let body: unknown;
    try {
      body = await readJson(req, limit);
    } catch (e) {
      if (e instanceof TooLarge) return tooLarge(res, null);
      throw e;
    }
    const b = (body ?? {}) as Record<string, unknown>;
    if (path === '/api/owner/codes') {
      const name = String(b.tillName ?? '').trim().slice(0, 60) || 'Till';
      return send(res, 200, { code: await createEnrolCode(pool, name), tillName: name, fingerprint: opts.cert.fingerprint });
    }
    const revoke = /^\/api\/owner\/tills\/([^/]+)\/revoke$/.exec(path);
    if (revoke) return send(res, 200, { revoked: await revokeTill(pool, decodeURIComponent(revoke[1]!)) });
    if (path === '/api/owner/catalog') {
      await upsertCatalogItem(pool, 'main', { sku: String(b.sku), name: String(b.name), priceFen: Number(b.priceFen), active: b.active !== false });
      return send(res, 200, { ok: true });
    }
    if (path === '/api/owner/settings') {
      await putShopSetting(pool, 'main', String(b.key), String(b.value));
      return send(res, 200, { ok: true });
    }
    return send(res, 404, { code: 'NOT_FOUND', message: 'no such route' });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'https://hq');
    if (req.method === 'GET' && url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': HQ_PAGE_CSP, 'x-frame-options': 'DENY' });
      return void res.end(hqPageHtml());
    }
    if (req.method === 'GET' && url.pathname === '/hq.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      return void res.end(HQ_PAGE_JS);
    }
    if (req.method === 'POST' && url.pathname === '/api/enrol') {
      let body: unknown;
      try {
        body = await readJson(req, 10_000);
      } catch (e) {
        if (e instanceof TooLarge) return tooLarge(res, null);
        throw e;
      }
      const code = typeof (body as { code?: unknown } | undefined)?.code === 'string' ? (body as { code: string }).code : '';
      const r = await enrolTill(pool, code);
      if (!r.ok) {
        log.warn('hq refused an enrolment', { reason: r.code });
        return refuse(res, r);
      }
      log.info('till enrolled', { till: r.value.tillId, name: r.value.name });
      return send(res, 200, r.value);
    }
    if (url.pathname.startsWith('/api/owner/')) return ownerRoute(req, res, url);
    if (url.pathname.startsWith('/api/')) return tillRoute(req, res, url.pathname);
    send(res, 404, { code: 'NOT_FOUND', message: 'no such route' });
  };

  const server = createServer({ cert: opts.cert.cert, key: opts.cert.key }, (req, res) => {
    handle(req, res).catch((e: unknown) => {
      log.error('hq request failed', { error: (e as Error).message, path: req.url });
      if (!res.headersSent) send(res, 503, { code: 'UNAVAILABLE', message: '总部暂时不可用 / head office is temporarily unavailable' });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  return {
    server,
    url: `https://${host.includes(':') ? `[${host}]` : host}:${addr.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function createHqPool(databaseUrl: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max, connectionTimeoutMillis: 5_000 });
  // A lost connection (PostgreSQL restarted) must not crash HQ: an idle client is dropped by the pool, a
  // checked-out one fails its current query (the batch is rolled back and the till resends); the next
  // query connects again.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}
