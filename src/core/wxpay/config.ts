// Configuration of the WeChat Pay V2 client and its defaults.
// Defaults follow the official Java SDK (connect 6 s, read 8 s) and wxpay-v2.md section 6 for domains.
import type { LookupFunction } from 'node:net';
import type { Clock } from '../../common/clock';
import type { SignType } from './types';
import { DEFAULT_BACKUP_URL, DEFAULT_BASE_URL } from '../../common/gateway-urls';

/** The merchant's API client certificate: a PKCS#12 file (password = mch_id) or a PEM pair. */
export interface ClientCert {
  p12?: Uint8Array;
  passphrase?: string;
  certPem?: string;
  keyPem?: string;
}

export interface WxPayConfig {
  appid: string;
  mchId: string;
  /** API key (V2, 32 chars); never logged, never in an error message. */
  key: string;
  signType: SignType;
  /** Default https://api.mch.weixin.qq.com. May carry a path prefix (e.g. .../sandboxnew). */
  baseUrl?: string;
  /** Default https://api2.mch.weixin.qq.com; null disables failover. */
  backupUrl?: string | null;
  /** Needed for /secapi/* (refund, reverse) over https. */
  cert?: ClientCert | null;
  /** Extra trusted CA(s), added to the system roots (sandbox simulator, tests). */
  ca?: string | Buffer | null;
  connectTimeoutMs?: number;
  readTimeoutMs?: number;
  /** Cap for XML responses (bytes). */
  maxResponseBytes?: number;
  clock?: Clock;
  nonce?: () => string;

  // ---- optional tuning ----
  /** Hard cap for one attempt, connect + send + whole response (default connect + read + 2 s). */
  overallTimeoutMs?: number;
  /** Cap for downloadbill bodies, compressed and after gunzip (default 32 MiB). */
  maxBillBytes?: number;
  /** DNS override handed to net/tls.connect (tests simulate DNS failures with it). */
  lookup?: LookupFunction;
}

export { DEFAULT_BASE_URL, DEFAULT_BACKUP_URL };
export const DEFAULT_CONNECT_TIMEOUT_MS = 6_000;
export const DEFAULT_READ_TIMEOUT_MS = 8_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024;
export const DEFAULT_MAX_BILL_BYTES = 32 * 1024 * 1024;
/** J's minimum; anything lower is a typo, not a setting. */
const MIN_TIMEOUT_MS = 10;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Parses and checks a base URL: https anywhere, plain http only on loopback (simulator, tests). */
export function checkBaseUrl(url: string, what: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new TypeError(`${what} is not a URL`);
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && LOOPBACK.has(u.hostname))) {
    throw new TypeError(`${what} must be https (plain http only on loopback)`);
  }
  if (u.search || u.hash || u.username || u.password) {
    throw new TypeError(`${what} must not carry a query, fragment or credentials`);
  }
  return u.href.replace(/\/+$/, '');
}

function checkTimeout(value: number | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < MIN_TIMEOUT_MS) throw new TypeError(`${what} must be >= ${MIN_TIMEOUT_MS} ms`);
  return value;
}

function checkSize(value: number | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1024) throw new TypeError(`${what} must be an integer >= 1024`);
  return value;
}

export interface ResolvedNet {
  readonly baseUrl: string;
  readonly backupUrl: string | null;
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
  readonly overallTimeoutMs: number;
  readonly maxResponseBytes: number;
  readonly maxBillBytes: number;
}

/** Network settings with defaults applied; throws TypeError on a programming/config mistake. */
export function resolveNet(cfg: WxPayConfig): ResolvedNet {
  const baseUrl = checkBaseUrl(cfg.baseUrl ?? DEFAULT_BASE_URL, 'baseUrl');
  const backupRaw = cfg.backupUrl === undefined ? DEFAULT_BACKUP_URL : cfg.backupUrl;
  const backupUrl = backupRaw === null ? null : checkBaseUrl(backupRaw, 'backupUrl');
  const connectTimeoutMs = checkTimeout(cfg.connectTimeoutMs, DEFAULT_CONNECT_TIMEOUT_MS, 'connectTimeoutMs');
  const readTimeoutMs = checkTimeout(cfg.readTimeoutMs, DEFAULT_READ_TIMEOUT_MS, 'readTimeoutMs');
  const overallTimeoutMs = checkTimeout(
    cfg.overallTimeoutMs,
    connectTimeoutMs + readTimeoutMs + 2_000,
    'overallTimeoutMs',
  );
  return {
    baseUrl,
    backupUrl: backupUrl === baseUrl ? null : backupUrl,
    connectTimeoutMs,
    readTimeoutMs,
    overallTimeoutMs,
    maxResponseBytes: checkSize(cfg.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES, 'maxResponseBytes'),
    maxBillBytes: checkSize(cfg.maxBillBytes, DEFAULT_MAX_BILL_BYTES, 'maxBillBytes'),
  };
}
