// A plain HEAD to the gateway's host: does it answer, and what time does its Date header say?
// Kept apart from the WxPayClient, whose typed surface does not expose HTTP headers.
import { Agent, request } from 'undici';
import { fail, ok } from '../../common/result';
import type { GatewayProbe } from './preflight';

const TLS_CODES = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|HOSTNAME|ERR_TLS/i;

function errorCode(e: unknown): string {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return e instanceof Error ? e.message : 'error';
}

export function createHttpProbe(opts: { timeoutMs?: number } = {}): GatewayProbe {
  const timeout = opts.timeoutMs ?? 5000;
  return async (baseUrl, ca) => {
    const agent = new Agent({ connect: { timeout, ...(ca ? { ca } : {}) }, headersTimeout: timeout, bodyTimeout: timeout });
    try {
      const res = await request(new URL('/', baseUrl), { method: 'HEAD', dispatcher: agent });
      await res.body.dump();
      const raw = res.headers['date'];
      const text = Array.isArray(raw) ? raw[0] : raw;
      const ms = text ? Date.parse(text) : NaN;
      return ok({ dateMs: Number.isFinite(ms) ? ms : null });
    } catch (e) {
      const code = errorCode(e);
      return fail({ kind: TLS_CODES.test(code) ? 'tls' : 'unreachable', message: code });
    } finally {
      await agent.close().catch(() => {});
    }
  };
}
