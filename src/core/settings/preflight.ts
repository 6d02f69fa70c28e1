// The settings screen's "Test connection": proves, in order, that the settings are complete, the
// gateway answers, the clock agrees with it, the key signs correctly (orderquery of an order that
// cannot exist: ORDERNOTEXIST means the signature was accepted) and the client certificate is accepted
// (a refund of an order that cannot exist on /secapi: a business error means TLS let us in). Each
// line carries a code the renderer translates, and plain English words for logs and tests.
import { randomBytes } from 'node:crypto';
import type { PreflightLine } from '../../common/api';
import type { Clock } from '../../common/clock';
import type { Result } from '../../common/result';
import type { Outcome, WxPayClient } from '../wxpay/types';
import { checkForMerchant } from './certificate';
import type { ClientFactory, GatewayTarget } from './gateway';
import { DEFAULT_BASE_URL } from '../../common/gateway-urls';
import type { SettingsService } from './settings-service';

export const CLOCK_SKEW_LIMIT_MS = 60_000;

/** Every code a PreflightLine may carry (the renderer translates each; see its i18n 'preflight.*'). */
export const PREFLIGHT_CODES = [
  'SETTINGS_OK',
  'SETTINGS_INCOMPLETE',
  'SETTINGS_INVALID',
  'SECRETS_UNREADABLE',
  'GATEWAY_OK',
  'GATEWAY_UNREACHABLE',
  'GATEWAY_TLS',
  'CLOCK_OK',
  'CLOCK_SKEW',
  'CLOCK_NOT_CHECKED',
  'KEY_OK',
  'KEY_WRONG',
  'KEY_NOT_PROVEN',
  'MERCHANT_MISMATCH',
  'CERT_OK',
  'CERT_MISSING',
  'CERT_INVALID',
  'CERT_REJECTED',
  'CERT_NOT_PROVEN',
  'CERT_OTHER_MERCHANT',
  'CERT_EXPIRED',
  'NOT_CHECKED',
] as const;
export type PreflightCode = (typeof PREFLIGHT_CODES)[number];

/** The gateway answered (with the time its Date header says, if any), or why it could not be reached. */
export type ProbeResult = Result<
  { readonly dateMs: number | null },
  { readonly kind: 'tls' | 'unreachable'; readonly message: string }
>;

/** One plain HTTP request to the gateway's host, for reachability and its Date header. */
export type GatewayProbe = (baseUrl: string, ca: string | Buffer | null) => Promise<ProbeResult>;

export interface PreflightDeps {
  readonly settings: Pick<SettingsService, 'missing' | 'liveCredentials'>;
  readonly target: GatewayTarget;
  readonly makeClient: ClientFactory;
  readonly probe: GatewayProbe;
  readonly clock: Clock;
  readonly randomOutNo?: () => string;
}

const line = (check: PreflightLine['check'], ok: boolean, code: PreflightCode, detail: string): PreflightLine => ({
  check,
  ok,
  code,
  detail,
});

const notChecked = (check: PreflightLine['check'], why: string): PreflightLine => line(check, false, 'NOT_CHECKED', `Not checked: ${why}`);

const SIGN_WORDS = /签名|SIGN/i;
const MERCHANT_WORDS = /APPID|MCHID|mch_id|appid/i;
/** The client's codes for "never reached the gateway" (src/core/wxpay/codes.ts PRESEND_CODES). */
const PRESEND = new Set(['DNS_FAILURE', 'CONNECTION_REFUSED', 'CONNECT_TIMEOUT', 'NETWORK_UNREACHABLE']);

function describe(o: Exclude<Outcome<unknown>, { kind: 'ok' }>): string {
  return o.kind === 'fail' ? `${o.errCode}: ${o.errCodeDes}` : `${o.code}: ${o.message}`;
}

/** Outcomes that say nothing about the key or certificate: the gateway was not (clearly) reached. */
function unreachable(check: 'key' | 'certificate', o: Exclude<Outcome<unknown>, { kind: 'ok' | 'fail' }>): PreflightLine {
  return line(check, false, 'GATEWAY_UNREACHABLE', `No clear answer from WeChat Pay (${describe(o)}); check the network and try again.`);
}

function tlsLine(check: 'key' | 'certificate', o: { code: string; message: string }): PreflightLine | null {
  if (o.code === 'TLS_CLIENT_CERT_REJECTED') {
    return line('certificate', false, 'CERT_REJECTED', `WeChat Pay rejected the client certificate (${o.message}).`);
  }
  if (o.code.startsWith('TLS_')) {
    return line(check, false, 'GATEWAY_TLS', `The connection to WeChat Pay is not trusted (${o.code}): is a proxy intercepting it?`);
  }
  return null;
}

export function classifyKeyProbe(o: Outcome<unknown>): PreflightLine {
  switch (o.kind) {
    case 'ok':
      return line('key', true, 'KEY_OK', 'The API key and signature were accepted.');
    case 'fail':
      if (o.errCode === 'ORDERNOTEXIST') return line('key', true, 'KEY_OK', 'The API key and signature were accepted.');
      if (MERCHANT_WORDS.test(o.errCode)) {
        return line('key', false, 'MERCHANT_MISMATCH', `The appid and mch_id do not belong together (${describe(o)}).`);
      }
      if (SIGN_WORDS.test(o.errCode)) return line('key', false, 'KEY_WRONG', `Wrong API key: WeChat Pay rejected the signature (${describe(o)}).`);
      return line('key', false, 'KEY_NOT_PROVEN', `Unexpected answer from WeChat Pay (${describe(o)}).`);
    case 'fix': {
      // return_code=FAIL arrives as PROTOCOL_FAIL with WeChat's return_msg, e.g. 签名错误.
      if (SIGN_WORDS.test(o.code) || SIGN_WORDS.test(o.message)) {
        return line('key', false, 'KEY_WRONG', `Wrong API key: WeChat Pay rejected the signature (${o.message}).`);
      }
      if (MERCHANT_WORDS.test(o.code) || MERCHANT_WORDS.test(o.message)) {
        return line('key', false, 'MERCHANT_MISMATCH', `The appid or mch_id is wrong (${describe(o)}).`);
      }
      const tls = tlsLine('key', o);
      if (tls) return tls.check === 'key' ? tls : line('key', false, 'GATEWAY_TLS', tls.detail);
      return line('key', false, 'KEY_NOT_PROVEN', `WeChat Pay refused the request (${describe(o)}).`);
    }
    case 'retry-same':
    case 'unknown':
      if (o.code === 'RESPONSE_IDENTITY_MISMATCH') {
        return line('key', false, 'MERCHANT_MISMATCH', `WeChat Pay answered for another appid or mch_id (${o.message}).`);
      }
      return unreachable('key', o);
    default: {
      const never: never = o;
      return never;
    }
  }
}

export function classifyCertProbe(o: Outcome<unknown>): PreflightLine {
  const accepted = line('certificate', true, 'CERT_OK', 'The client certificate was accepted.');
  switch (o.kind) {
    case 'ok':
    case 'fail':
      // Any business answer from /secapi means the TLS handshake with our certificate succeeded.
      return accepted;
    case 'retry-same':
      // SYSTEMERROR and friends are business answers too; a connect failure is not.
      return PRESEND.has(o.code) ? unreachable('certificate', o) : accepted;
    case 'fix': {
      if (o.code.startsWith('CLIENT_CERT_')) {
        return line('certificate', false, 'CERT_INVALID', `The stored certificate cannot be used (${o.message}).`);
      }
      const tls = tlsLine('certificate', o);
      if (tls) return tls;
      if (o.code === 'CERT_ERROR' || /证书|certificate/i.test(o.message)) {
        return line('certificate', false, 'CERT_REJECTED', `WeChat Pay rejected the client certificate (${describe(o)}).`);
      }
      if (o.code === 'PROTOCOL_FAIL') {
        if (SIGN_WORDS.test(o.message)) return notChecked('certificate', 'the API key is wrong.');
        return line('certificate', false, 'CERT_NOT_PROVEN', `WeChat Pay refused the request (${o.message}).`);
      }
      if (o.code.startsWith('INPUT_')) return line('certificate', false, 'CERT_NOT_PROVEN', `The test request was not sent (${o.message}).`);
      // A business err_code (ORDERNOTEXIST, INVALID_TRANSACTIONID, ...): /secapi let us in.
      return accepted;
    }
    case 'unknown':
      return unreachable('certificate', o);
    default: {
      const never: never = o;
      return never;
    }
  }
}

function defaultOutNo(): string {
  return `PF${randomBytes(15).toString('hex')}`; // 32 chars, never a real order
}

export async function runPreflight(deps: PreflightDeps): Promise<PreflightLine[]> {
  const out: PreflightLine[] = [];
  const gaps = deps.settings.missing();
  if (gaps.length) {
    out.push(line('settings', false, 'SETTINGS_INCOMPLETE', `Settings are incomplete: ${gaps.join(', ')} missing.`));
    for (const c of ['gateway', 'clock', 'key', 'certificate'] as const) out.push(notChecked(c, 'complete the settings first.'));
    return out;
  }
  const creds = deps.settings.liveCredentials();
  if (!creds.ok) {
    out.push(line('settings', false, 'SECRETS_UNREADABLE', creds.message));
    for (const c of ['gateway', 'clock', 'key', 'certificate'] as const) out.push(notChecked(c, 'the stored secrets cannot be read.'));
    return out;
  }
  out.push(line('settings', true, 'SETTINGS_OK', 'appid, mch_id, API key and certificate are set.'));
  const c = creds.value;

  const baseUrl = deps.target.baseUrl ?? DEFAULT_BASE_URL;
  const t0 = deps.clock.now();
  const probe = await deps.probe(baseUrl, deps.target.ca ?? null);
  const localMid = (t0 + deps.clock.now()) / 2;
  if (!probe.ok) {
    const host = new URL(baseUrl).host;
    out.push(
      probe.kind === 'tls'
        ? line('gateway', false, 'GATEWAY_TLS', `The connection to ${host} is not trusted (${probe.message}): is a proxy intercepting it?`)
        : line('gateway', false, 'GATEWAY_UNREACHABLE', `WeChat Pay (${host}) cannot be reached: check the network (${probe.message}).`),
    );
    for (const k of ['clock', 'key', 'certificate'] as const) out.push(notChecked(k, 'the gateway cannot be reached.'));
    return out;
  }
  out.push(line('gateway', true, 'GATEWAY_OK', `WeChat Pay (${new URL(baseUrl).host}) answers.`));

  const gatewayMs = probe.value.dateMs;
  if (gatewayMs === null) {
    out.push(line('clock', true, 'CLOCK_NOT_CHECKED', 'The gateway did not say its time; clock not compared.'));
  } else {
    const skew = Math.round(localMid - gatewayMs);
    const secs = Math.round(Math.abs(skew) / 1000);
    out.push(
      Math.abs(skew) > CLOCK_SKEW_LIMIT_MS
        ? line('clock', false, 'CLOCK_SKEW', `This computer's clock is ${secs} s ${skew > 0 ? 'ahead of' : 'behind'} WeChat Pay's: set the time automatically.`)
        : line('clock', true, 'CLOCK_OK', `The clock agrees with WeChat Pay's (within ${secs} s).`),
    );
  }

  const certUsable = c.cert ? checkForMerchant(c.cert.info, c.mchId, deps.clock.now()) : null;
  const outNo = deps.randomOutNo ?? defaultOutNo;
  let client: WxPayClient;
  try {
    client = deps.makeClient({
      appid: c.appid,
      mchId: c.mchId,
      key: c.key,
      signType: c.signType,
      baseUrl,
      backupUrl: deps.target.backupUrl ?? null,
      ca: deps.target.ca ?? null,
      cert: certUsable?.ok && c.cert ? { certPem: c.cert.certPem, keyPem: c.cert.keyPem } : null,
      clock: deps.clock,
    });
  } catch (e) {
    out.push(line('key', false, 'SETTINGS_INVALID', `The settings cannot be used: ${e instanceof Error ? e.message : String(e)}`));
    out.push(notChecked('certificate', 'the settings are not valid.'));
    return out;
  }
  try {
    const keyLine = classifyKeyProbe(await client.orderQuery({ outTradeNo: outNo() }));
    out.push(keyLine);
    if (!c.cert) {
      out.push(line('certificate', false, 'CERT_MISSING', 'No client certificate is stored: import apiclient_cert.p12.'));
    } else if (certUsable && !certUsable.ok) {
      const other = c.cert.info.commonName !== c.mchId;
      out.push(line('certificate', false, other ? 'CERT_OTHER_MERCHANT' : 'CERT_EXPIRED', certUsable.message));
    } else if (keyLine.code === 'KEY_WRONG' || keyLine.code === 'MERCHANT_MISMATCH') {
      out.push(notChecked('certificate', 'fix the key or merchant ids first.'));
    } else {
      const n = outNo();
      out.push(
        classifyCertProbe(
          await client.refund({ outTradeNo: n, outRefundNo: `R${n.slice(1)}`, totalFee: 1, refundFee: 1, refundDesc: 'preflight' }),
        ),
      );
    }
  } finally {
    await client.close();
  }
  return out;
}
