// The WeChat Pay V2 client: typed endpoints over Transport, every input checked before sending, every
// answer verified before it is read, every outcome classified (wxpay-v2.md sections 4 and 5).
// Calls resolve to an Outcome and never reject.
import { randomInt } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { realClock, type Clock } from '../../common/clock';
import type {
  BillResult,
  CloseOrderRequest,
  CloseOrderResult,
  DownloadBillRequest,
  MicroPayRequest,
  MicroPayResult,
  OrderQueryResult,
  OrderRef,
  Outcome,
  RefundItem,
  RefundQueryRequest,
  RefundQueryResult,
  RefundRequest,
  RefundResult,
  RefundState,
  ReverseResult,
  TradeState,
  UnifiedOrderRequest,
  UnifiedOrderResult,
  WxPayClient,
} from './types';
import { sign } from './sign';
import { buildXml, parseXmlBytes, XmlError, type Params } from './xml';
import { resolveNet, type ResolvedNet, type WxPayConfig } from './config';
import { Transport, type PostResult } from './transport';
import { loadClientCert, type CertLoadResult, type LoadedCert } from './client-cert';
import { fail, ok as okResult, type Result } from '../../common/result';
import { classifyBillFailure, classifyFailure, type Endpoint } from './classify';
import { BillFormatError, parseBill } from './bill';
import {
  InputError,
  checkAsciiToken,
  checkAuthCode,
  checkBillDate,
  checkBody,
  checkFen,
  checkIntactText,
  checkIp,
  checkNotifyUrl,
  checkOffset,
  checkOutRefundNo,
  checkOutTradeNo,
  checkTime,
  checkTransactionId,
  cleanText,
} from './validate';
import { MissingField, failureOutcome, intOf, need, needInt, openEnvelope, verifyResponse, type Echo } from './response';

export type { WxPayConfig, ClientCert } from './config';

export const PATHS = {
  unifiedorder: '/pay/unifiedorder',
  orderquery: '/pay/orderquery',
  closeorder: '/pay/closeorder',
  micropay: '/pay/micropay',
  reverse: '/secapi/pay/reverse',
  refund: '/secapi/pay/refund',
  refundquery: '/pay/refundquery',
  downloadbill: '/pay/downloadbill',
  getsignkey: '/pay/getsignkey',
} as const;

const TRADE_STATES: ReadonlySet<string> = new Set<TradeState>([
  'SUCCESS', 'REFUND', 'NOTPAY', 'CLOSED', 'REVOKED', 'USERPAYING', 'PAYERROR', 'ACCEPT',
]);
const REFUND_STATES: ReadonlySet<string> = new Set<RefundState>(['SUCCESS', 'REFUNDCLOSE', 'PROCESSING', 'CHANGE']);
/** More entries than WeChat's 50-refund limit means a broken answer, not a loop to run. */
const MAX_REFUND_ITEMS = 100;

const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function randomNonce(): string {
  let s = '';
  for (let i = 0; i < 32; i++) s += NONCE_ALPHABET[randomInt(NONCE_ALPHABET.length)];
  return s;
}

type Fields = Record<string, string | number | undefined>;

interface CallSpec<T> {
  readonly endpoint: Endpoint;
  readonly path: string;
  readonly secapi: boolean;
  readonly fields: Fields;
  readonly echo: Echo;
  /** Reads a verified result_code=SUCCESS answer. MissingField -> unknown RESPONSE_MALFORMED. */
  readonly parse: (p: Params) => Outcome<T>;
  /** Special result_code=FAIL handling before the table (closeorder ORDERCLOSED, reverse recall). */
  readonly onFail?: (errCode: string, p: Params) => Outcome<T> | null;
}

function fix(code: string, message: string): Outcome<never> {
  return { kind: 'fix', code, message };
}
function unknown(code: string, message: string): Outcome<never> {
  return { kind: 'unknown', code, message };
}
function ok<T>(value: T): Outcome<T> {
  return { kind: 'ok', value };
}

/** The fields every payment request carries (unifiedorder, micropay), checked the same way for both. */
function paymentFields(req: {
  readonly outTradeNo: string;
  readonly totalFee: number;
  readonly body: string;
  readonly spbillCreateIp: string;
  readonly deviceInfo?: string;
}) {
  // Checked in this order so the first wrong field is the one reported, as before.
  const out_trade_no = checkOutTradeNo(req.outTradeNo);
  const total_fee = checkFen(req.totalFee, 'total_fee');
  return {
    body: checkBody(req.body),
    out_trade_no,
    total_fee,
    spbill_create_ip: checkIp(req.spbillCreateIp),
    device_info: req.deviceInfo === undefined ? undefined : checkAsciiToken(req.deviceInfo, 'device_info', 32),
  };
}

function orderRefFields(ref: OrderRef): Fields {
  return 'transactionId' in ref
    ? { transaction_id: checkTransactionId(ref.transactionId) }
    : { out_trade_no: checkOutTradeNo(ref.outTradeNo) };
}

function withoutEmpty(fields: Fields): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}

/** What the settings preflight learns of the configured certificate (never key material). */
export interface CertStatus {
  readonly subject: string;
  readonly commonName: string | null;
  readonly notAfter: number;
}

/** Implementation of WxPayClient. Construct through createWxPayClient. */
export class WxPayHttpClient implements WxPayClient {
  readonly net: ResolvedNet;
  readonly transport: Transport;
  private readonly clock: Clock;
  private readonly nonce: () => string;
  private cert: CertLoadResult | null = null;
  private readonly needsTlsCert: boolean;

  constructor(private readonly cfg: WxPayConfig) {
    if (!cfg.appid || !cfg.mchId || !cfg.key) throw new TypeError('appid, mchId and key are required');
    if (cfg.signType !== 'MD5' && cfg.signType !== 'HMAC-SHA256') throw new TypeError('signType must be MD5 or HMAC-SHA256');
    this.net = resolveNet(cfg);
    this.clock = cfg.clock ?? realClock;
    this.nonce = cfg.nonce ?? randomNonce;
    this.transport = new Transport({ net: this.net, clock: this.clock, ca: cfg.ca ?? null, lookup: cfg.lookup });
    this.needsTlsCert = [this.net.baseUrl, this.net.backupUrl].some((u) => u !== null && u.startsWith('https:'));
  }

  /**
   * Loads (once) and checks the configured client certificate without sending anything: for the settings
   * preflight. Never returns key material.
   */
  checkCertificate(): Result<CertStatus, { readonly code: string; readonly message: string }> {
    const c = this.loadedCert();
    if (!c.ok) return fail({ code: c.code, message: c.message });
    return okResult({ subject: c.value.subject, commonName: c.value.commonName, notAfter: c.value.notAfter });
  }

  /** The client certificate for /secapi/*: loaded once (p12 -> PEM), expiry re-checked on every call. */
  private clientCert(): Result<{ certPem: string; keyPem: string } | null, { readonly outcome: Outcome<never> }> {
    if (!this.cfg.cert) {
      return this.needsTlsCert
        ? fail({ outcome: fix('CLIENT_CERT_MISSING', 'refund and reverse need the merchant API certificate (apiclient_cert.p12)') })
        : okResult(null);
    }
    const c = this.loadedCert();
    if (!c.ok) return fail({ outcome: fix(c.code, c.message) });
    return okResult({ certPem: c.value.certPem, keyPem: c.value.keyPem });
  }

  /** The configured certificate, loaded once; its expiry checked against the clock on every call. */
  private loadedCert(): Result<LoadedCert, { readonly code: string; readonly message: string }> {
    if (!this.cfg.cert) return fail({ code: 'CLIENT_CERT_MISSING', message: 'no client certificate configured' });
    this.cert ??= loadClientCert(this.cfg.cert, this.cfg.mchId, this.clock.now());
    const c = this.cert;
    if (!c.ok) return c;
    if (c.value.notAfter <= this.clock.now()) return fail({ code: 'CLIENT_CERT_EXPIRED', message: 'the client certificate has expired' });
    return c;
  }

  /** Never rejects: a bug below us after the request may have left is reported as unknown. */
  private async send(path: string, xml: string, clientCert: { certPem: string; keyPem: string } | null, maxBytes: number): Promise<PostResult> {
    try {
      return await this.transport.post({ path, body: xml, clientCert, maxBytes });
    } catch (e) {
      const message = `internal transport error: ${e instanceof Error ? e.message.slice(0, 120) : 'unknown'}`;
      return { kind: 'failure', sent: true, code: 'CONNECTION_RESET', message, domain: 'primary', attempts: 1 };
    }
  }

  /** Builds, signs and sends; verifies and classifies the answer. Input errors never reach the wire. */
  private async call<T>(build: () => CallSpec<T>): Promise<Outcome<T>> {
    let spec: CallSpec<T>;
    let xml: string;
    try {
      spec = build();
      const params: Record<string, string | number> = withoutEmpty({
        appid: this.cfg.appid,
        mch_id: this.cfg.mchId,
        nonce_str: this.nonce(),
        sign_type: this.cfg.signType,
        ...spec.fields,
      });
      params.sign = sign(params, this.cfg.key, this.cfg.signType);
      xml = buildXml(params);
    } catch (e) {
      if (e instanceof InputError) return fix(e.code, e.message);
      if (e instanceof XmlError) return fix('INPUT_FIELD', `a field cannot be sent as XML (${e.code})`);
      throw e;
    }
    let clientCert: { certPem: string; keyPem: string } | null = null;
    if (spec.secapi) {
      const c = this.clientCert();
      if (!c.ok) return c.outcome;
      clientCert = c.value;
    }
    const res = await this.send(spec.path, xml, clientCert, this.net.maxResponseBytes);
    const checked = verifyResponse(
      res,
      { key: this.cfg.key, signType: this.cfg.signType, appid: this.cfg.appid, mchId: this.cfg.mchId, maxBytes: this.net.maxResponseBytes },
      spec.echo,
    );
    if (!checked.ok) return checked.outcome;
    const p = checked.value;
    try {
      if (p.result_code === 'SUCCESS') return spec.parse(p);
      if (p.result_code === 'FAIL') {
        const errCode = p.err_code ?? '';
        const special = spec.onFail?.(errCode, p);
        if (special) return special;
        return classifyFailure(spec.endpoint, errCode, p.err_code_des ?? '');
      }
      return unknown('RESPONSE_MALFORMED', 'result_code missing or unexpected');
    } catch (e) {
      if (e instanceof MissingField) return unknown('RESPONSE_MALFORMED', e.message);
      throw e;
    }
  }

  unifiedOrder(req: UnifiedOrderRequest): Promise<Outcome<UnifiedOrderResult>> {
    return this.call(() => {
      const order = paymentFields(req);
      const timeStart = req.timeStart === undefined ? undefined : checkTime(req.timeStart, 'time_start');
      const timeExpire = req.timeExpire === undefined ? undefined : checkTime(req.timeExpire, 'time_expire');
      if (req.timeExpire !== undefined) {
        if (req.timeExpire <= this.clock.now()) throw new InputError('INPUT_TIME', 'time_expire is already past');
        if (req.timeStart !== undefined && req.timeExpire <= req.timeStart) {
          throw new InputError('INPUT_TIME', 'time_expire must be after time_start');
        }
      }
      return {
        endpoint: 'unifiedorder',
        path: PATHS.unifiedorder,
        secapi: false,
        fields: {
          ...order,
          notify_url: checkNotifyUrl(req.notifyUrl),
          trade_type: 'NATIVE',
          product_id: checkAsciiToken(req.productId, 'product_id', 32),
          time_start: timeStart,
          time_expire: timeExpire,
          attach: req.attach === undefined ? undefined : checkIntactText(req.attach, 'attach', 127),
        },
        echo: { out_trade_no: order.out_trade_no, total_fee: order.total_fee, trade_type: 'NATIVE' },
        parse: (p) => ok({ prepayId: need(p, 'prepay_id'), codeUrl: need(p, 'code_url') }),
      };
    });
  }

  orderQuery(ref: OrderRef): Promise<Outcome<OrderQueryResult>> {
    return this.call(() => {
      const fields = orderRefFields(ref);
      return {
        endpoint: 'orderquery',
        path: PATHS.orderquery,
        secapi: false,
        fields,
        echo: fields,
        parse: (p) => {
          const state = need(p, 'trade_state');
          if (!TRADE_STATES.has(state)) return unknown('RESPONSE_UNEXPECTED_STATE', `trade_state ${state} is not a documented state`);
          const tradeState = state as TradeState;
          const transactionId = p.transaction_id || null;
          const totalFee = intOf(p, 'total_fee');
          // A paid order must say how much and under which WeChat number, or the engine cannot check it.
          if ((tradeState === 'SUCCESS' || tradeState === 'REFUND') && (transactionId === null || totalFee === null)) {
            throw new MissingField('transaction_id/total_fee of a paid order');
          }
          return ok({
            tradeState,
            tradeStateDesc: p.trade_state_desc ?? '',
            outTradeNo: p.out_trade_no || ('outTradeNo' in ref ? ref.outTradeNo : need(p, 'out_trade_no')),
            transactionId,
            totalFee,
            timeEnd: p.time_end || null,
            raw: { ...p },
          });
        },
      };
    });
  }

  closeOrder(req: CloseOrderRequest): Promise<Outcome<CloseOrderResult>> {
    return this.call(() => {
      const outTradeNo = checkOutTradeNo(req.outTradeNo);
      return {
        endpoint: 'closeorder',
        path: PATHS.closeorder,
        secapi: false,
        fields: { out_trade_no: outTradeNo },
        echo: { out_trade_no: outTradeNo },
        parse: () => ok({ closed: true as const }),
        // Closing is idempotent: "already closed" is the state we asked for.
        onFail: (code) => (code === 'ORDERCLOSED' ? ok({ closed: true as const }) : null),
      };
    });
  }

  refund(req: RefundRequest): Promise<Outcome<RefundResult>> {
    return this.call(() => {
      const outTradeNo = checkOutTradeNo(req.outTradeNo);
      const outRefundNo = checkOutRefundNo(req.outRefundNo);
      const totalFee = checkFen(req.totalFee, 'total_fee');
      const refundFee = checkFen(req.refundFee, 'refund_fee');
      if (refundFee > totalFee) throw new InputError('INPUT_REFUND_EXCEEDS_TOTAL', 'refund_fee must not exceed total_fee');
      return {
        endpoint: 'refund',
        path: PATHS.refund,
        secapi: true,
        fields: {
          out_trade_no: outTradeNo,
          out_refund_no: outRefundNo,
          total_fee: totalFee,
          refund_fee: refundFee,
          refund_desc: req.refundDesc === undefined ? undefined : cleanText(req.refundDesc, 80),
        },
        echo: { out_trade_no: outTradeNo, out_refund_no: outRefundNo, total_fee: totalFee, refund_fee: refundFee },
        parse: (p) => ok({ refundId: need(p, 'refund_id'), outRefundNo: p.out_refund_no || outRefundNo, refundFee: needInt(p, 'refund_fee') }),
      };
    });
  }

  refundQuery(req: RefundQueryRequest): Promise<Outcome<RefundQueryResult>> {
    return this.call(() => {
      const byRefund = 'outRefundNo' in req;
      const fields: Fields = byRefund
        ? { out_refund_no: checkOutRefundNo(req.outRefundNo) }
        : {
            out_trade_no: checkOutTradeNo(req.outTradeNo),
            offset: req.offset === undefined ? undefined : checkOffset(req.offset),
          };
      return {
        endpoint: 'refundquery',
        path: PATHS.refundquery,
        secapi: false,
        fields,
        echo: byRefund ? {} : { out_trade_no: fields.out_trade_no },
        parse: (p) => {
          const count = needInt(p, 'refund_count');
          if (count < 0 || count > MAX_REFUND_ITEMS) throw new MissingField('a plausible refund_count');
          const refunds: RefundItem[] = [];
          for (let i = 0; i < count; i++) {
            const status = need(p, `refund_status_${i}`);
            if (!REFUND_STATES.has(status)) {
              return unknown('RESPONSE_UNEXPECTED_STATE', `refund_status_${i} ${status} is not a documented state`);
            }
            refunds.push({
              outRefundNo: need(p, `out_refund_no_${i}`),
              refundId: need(p, `refund_id_${i}`),
              refundFee: needInt(p, `refund_fee_${i}`),
              status: status as RefundState,
              successTime: p[`refund_success_time_${i}`] || null,
            });
          }
          if (byRefund && !refunds.some((r) => r.outRefundNo === fields.out_refund_no)) {
            return unknown('RESPONSE_ECHO_MISMATCH', 'the answer does not list the refund we asked about');
          }
          return ok({
            outTradeNo: need(p, 'out_trade_no'),
            transactionId: need(p, 'transaction_id'),
            totalFee: needInt(p, 'total_fee'),
            totalRefundCount: intOf(p, 'total_refund_count'),
            refunds,
          });
        },
      };
    });
  }

  microPay(req: MicroPayRequest): Promise<Outcome<MicroPayResult>> {
    return this.call(() => {
      const order = paymentFields(req);
      return {
        endpoint: 'micropay',
        path: PATHS.micropay,
        secapi: false,
        fields: { ...order, auth_code: checkAuthCode(req.authCode) },
        echo: { out_trade_no: order.out_trade_no, total_fee: order.total_fee },
        parse: (p) =>
          ok({
            transactionId: need(p, 'transaction_id'),
            outTradeNo: need(p, 'out_trade_no'),
            totalFee: needInt(p, 'total_fee'),
            timeEnd: need(p, 'time_end'),
          }),
      };
    });
  }

  reverse(ref: OrderRef): Promise<Outcome<ReverseResult>> {
    return this.call(() => {
      const fields = orderRefFields(ref);
      return {
        endpoint: 'reverse',
        path: PATHS.reverse,
        secapi: true,
        fields,
        echo: fields,
        parse: (p) => ok({ recall: p.recall === 'Y' }),
        // recall=Y: "call reverse again" even when the err_code is one we do not know.
        onFail: (code, p) =>
          p.recall === 'Y' && classifyFailure('reverse', code, '').kind === 'unknown'
            ? { kind: 'retry-same', code: code || 'RECALL', message: p.err_code_des ?? '' }
            : null,
      };
    });
  }

  async downloadBill(req: DownloadBillRequest): Promise<Outcome<BillResult>> {
    let xml: string;
    try {
      const params: Record<string, string | number> = withoutEmpty({
        appid: this.cfg.appid,
        mch_id: this.cfg.mchId,
        nonce_str: this.nonce(),
        sign_type: this.cfg.signType,
        bill_date: checkBillDate(req.billDate),
        bill_type: req.billType ?? 'ALL',
        tar_type: req.gzip ? 'GZIP' : undefined,
      });
      params.sign = sign(params, this.cfg.key, this.cfg.signType);
      xml = buildXml(params);
    } catch (e) {
      if (e instanceof InputError) return fix(e.code, e.message);
      if (e instanceof XmlError) return fix('INPUT_FIELD', `a field cannot be sent as XML (${e.code})`);
      throw e;
    }
    const res = await this.send(PATHS.downloadbill, xml, null, this.net.maxBillBytes);
    if (res.kind === 'failure') return failureOutcome(res);
    if (res.status !== 200) return unknown('HTTP_STATUS', `HTTP ${res.status} from the gateway`);
    let bytes = res.body;
    // Decide by the bytes, not by what we asked for: failures come back as XML even with tar_type=GZIP.
    if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
      try {
        bytes = gunzipSync(bytes, { maxOutputLength: this.net.maxBillBytes });
      } catch {
        return unknown('BILL_MALFORMED', 'the gzip bill cannot be decompressed (or is over the size cap)');
      }
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return unknown('BILL_MALFORMED', 'the bill is not UTF-8 text');
    }
    if (text.trimStart().startsWith('<')) {
      let p: Params;
      try {
        p = parseXmlBytes(Buffer.from(text, 'utf8'), { maxBytes: this.net.maxResponseBytes });
      } catch (e) {
        const why = e instanceof XmlError ? e.code : 'unreadable';
        return unknown('RESPONSE_MALFORMED', `neither a bill nor WeChat XML (${why})`);
      }
      if (p.return_code === 'FAIL') return classifyBillFailure(p.return_msg ?? '', p.error_code ?? '');
      return unknown('RESPONSE_MALFORMED', 'an XML answer without a bill');
    }
    try {
      return ok(parseBill(text, this.cfg.mchId));
    } catch (e) {
      if (e instanceof BillFormatError) return unknown('BILL_MALFORMED', e.message);
      throw e;
    }
  }

  /**
   * Sandbox only: asks for the sandbox signing key. Signed MD5 with the configured (production) key,
   * answered unsigned (wxpay-v2.md 2.5). Point baseUrl at the sandbox prefix (…/sandboxnew); then build
   * a second client with the returned key and signType MD5 for the sandbox calls.
   */
  async getSignKey(): Promise<Outcome<{ readonly sandboxSignKey: string }>> {
    const params: Record<string, string> = { mch_id: this.cfg.mchId, nonce_str: this.nonce() };
    params.sign = sign(params, this.cfg.key, 'MD5');
    let xml: string;
    try {
      xml = buildXml(params);
    } catch (e) {
      if (e instanceof XmlError) return fix('INPUT_FIELD', `mch_id cannot be sent as XML (${e.code})`);
      throw e;
    }
    const res = await this.send(PATHS.getsignkey, xml, null, this.net.maxResponseBytes);
    const env = openEnvelope(res, this.net.maxResponseBytes);
    if (!env.ok) return env.outcome;
    const p = env.value;
    if (p.mch_id !== undefined && p.mch_id !== this.cfg.mchId) {
      return unknown('RESPONSE_IDENTITY_MISMATCH', 'the answer names another mch_id');
    }
    const key = p.sandbox_signkey ?? '';
    if (!/^[0-9A-Za-z]{32}$/.test(key)) return unknown('RESPONSE_MALFORMED', 'sandbox_signkey missing or not 32 characters');
    return ok({ sandboxSignKey: key });
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}

/** Creates the client. Throws TypeError for a malformed configuration (bad URL, timeouts, missing ids). */
export function createWxPayClient(cfg: WxPayConfig): WxPayHttpClient {
  return new WxPayHttpClient(cfg);
}
