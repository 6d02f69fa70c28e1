// The WeChat side of the handler: protocol checks in the gateway's order (method, body, XML,
// envelope fields, client certificate, signature, appid), then faults, field rules and the
// endpoint; replies signed with the request's algorithm (CDATA strings, bare integers).
import { sign, verifySign } from '../core/wxpay/sign';
import { buildXml, parseXml, XmlError, type Params } from '../core/wxpay/xml';
import type { SignType } from '../core/wxpay/types';
import { downloadBill } from './endpoints/bill';
import { closeOrder, orderQuery, unifiedOrder } from './endpoints/orders';
import { microPay, reverse } from './endpoints/quickpay';
import { refund, refundQuery } from './endpoints/refunds';
import { DEFAULT_FAULT_DELAY_MS, type FaultTable } from './faults';
import { checkFields, hasAstral } from './fields';
import type { Journal } from './journal';
import type { Route } from './routes';
import { bizErr, protocolFail, type Call, type EndpointReply, type Fields, type SimContext } from './sim-context';
import type { FaultKind, FaultRule, SimMerchant, SimRequest, SimResult } from './sim-types';

export const MAX_BODY_BYTES = 64 * 1024;
const XML_TYPE = 'text/xml; charset=utf-8';
const SANDBOX_SIGN_MSG = '沙箱验证签名失败，请确认沙箱签名key是否正确（通过getsignkey调用生成）';

const FAULT_DES: Partial<Record<FaultKind, string>> = {
  SYSTEMERROR: '系统超时，请稍后再试',
  BANKERROR: '银行系统异常',
  USERPAYING: '需要用户输入支付密码',
  FREQUENCY_LIMITED: '请求频率过高，请降低频率后重试',
  BIZERR_NEED_RETRY: '退款业务流程错误，需要商户触发重试来解决',
};

export interface GatewayDeps {
  readonly ctx: SimContext;
  readonly now: () => number;
  readonly merchant: (mchId: string) => SimMerchant | undefined;
  readonly sandboxKey: (mchId: string) => string;
  readonly faults: FaultTable;
  readonly journal: Journal;
  readonly mintNonce: () => string;
}

interface Trace {
  mchId: string | null;
  outTradeNo: string | null;
  outRefundNo: string | null;
  returnCode: string | null;
  resultCode: string | null;
  errCode: string | null;
  fault: FaultKind | null;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function toText(body: Uint8Array | string | undefined): { text: string; bytes: number } | 'not-utf8' {
  if (body === undefined) return { text: '', bytes: 0 };
  if (typeof body === 'string') return { text: body, bytes: Buffer.byteLength(body, 'utf8') };
  try {
    return { text: decoder.decode(body), bytes: body.byteLength };
  } catch {
    return 'not-utf8';
  }
}

function xmlResult(fields: Record<string, string | number>, status = 200): SimResult {
  return { kind: 'reply', status, headers: { 'content-type': XML_TYPE }, body: Buffer.from(buildXml(fields), 'utf8'), delayMs: 0 };
}

/** return_code=FAIL, unsigned (a module function: no closure per request). */
function fail(trace: Trace, msg: string): SimResult {
  trace.returnCode = 'FAIL';
  return xmlResult({ return_code: 'FAIL', return_msg: msg });
}

const HTML_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>stgw</center>\r\n</body>\r\n</html>\r\n';

export class Gateway {
  constructor(private readonly deps: GatewayDeps) {}

  handle(route: Route, req: SimRequest): SimResult {
    const trace: Trace = { mchId: null, outTradeNo: null, outRefundNo: null, returnCode: null, resultCode: null, errCode: null, fault: null };
    const at = this.deps.now();
    const result = this.process(route, req, trace, at);
    this.deps.journal.add({
      seq: this.deps.journal.nextSeq(),
      at,
      method: req.method,
      path: req.path,
      endpoint: route.endpoint,
      ...trace,
      result: result.kind,
      status: result.kind === 'reply' ? result.status : null,
    });
    return result;
  }

  private process(route: Route, req: SimRequest, trace: Trace, now: number): SimResult {
    if (req.method !== 'POST') return fail(trace, '请使用post方法');
    const decoded = toText(req.body);
    if (decoded === 'not-utf8') return fail(trace, '编码格式错误，请使用UTF-8编码');
    if (decoded.bytes === 0) return fail(trace, 'post数据为空');
    if (decoded.bytes > MAX_BODY_BYTES) return fail(trace, '请求数据过大');
    let p: Params;
    try {
      p = parseXml(decoded.text, { maxBytes: MAX_BODY_BYTES });
    } catch (e) {
      if (e instanceof XmlError) return fail(trace, 'XML格式错误');
      throw e;
    }
    trace.mchId = p.mch_id ?? null;
    trace.outTradeNo = p.out_trade_no ?? null;
    trace.outRefundNo = p.out_refund_no ?? null;
    if (hasAstral(p)) return fail(trace, '编码格式错误，仅支持UTF-8的1-3字节字符');
    const envelope = this.checkEnvelope(route, p);
    if (envelope) return fail(trace, envelope);
    const mchId = p.mch_id ?? '';
    const merchant = this.deps.merchant(mchId);
    if (!merchant) return fail(trace, 'mch_id参数错误，商户号不存在');
    if (route.secapi && req.peer?.kind === 'tls') {
      // The listener already refused untrusted certificates at the TLS layer; here: none, or another merchant's.
      const cert = req.peer.cert;
      if (!cert || !cert.trusted) return { kind: 'drop' };
      if (cert.cn !== mchId) return fail(trace, '证书验证失败：certificate not match');
    }
    const signType: SignType = p.sign_type === 'HMAC-SHA256' ? 'HMAC-SHA256' : 'MD5';
    let key = merchant.key;
    if (route.sandboxKeyed) {
      key = this.deps.sandboxKey(mchId);
      if (signType !== 'MD5' || !verifySign(p, key, 'MD5')) return fail(trace, SANDBOX_SIGN_MSG);
    } else if (!verifySign(p, key, signType)) {
      return fail(trace, '签名错误');
    }
    if (route.endpoint !== 'getsignkey') {
      const appids = [merchant.appid, ...(merchant.extraAppids ?? [])];
      if (!appids.includes(p.appid ?? '')) return fail(trace, 'appid和mch_id不匹配');
    }
    const call: Call = { now, merchant, p };
    const rule = this.deps.faults.pick(route.endpoint, mchId);
    if (rule) {
      trace.fault = rule.kind;
      return this.withFault(rule, route, call, key, signType, trace);
    }
    return this.encode(this.run(route, call), call, key, signType, trace);
  }

  /** The envelope fields every call carries; a message when one is missing or malformed. */
  private checkEnvelope(route: Route, p: Params): string | null {
    const need = route.endpoint === 'getsignkey' ? ['mch_id', 'nonce_str'] : ['appid', 'mch_id', 'nonce_str'];
    for (const name of need) {
      const v = p[name];
      if (!v) return `缺少参数${name}`;
      if (v.length > 32) return `${name}参数长度有误`;
    }
    if (!p.sign) return '缺少参数sign';
    if (p.sign_type !== undefined && p.sign_type !== 'MD5' && p.sign_type !== 'HMAC-SHA256') return 'sign_type参数格式错误';
    return null;
  }

  private run(route: Route, call: Call): EndpointReply {
    const ctx = this.deps.ctx;
    const problem = checkFields(route.endpoint, call.p);
    if (problem) return bizErr(problem.errCode, problem.errCodeDes);
    switch (route.endpoint) {
      case 'unifiedorder':
        return unifiedOrder(ctx, call);
      case 'orderquery':
        return orderQuery(ctx, call);
      case 'closeorder':
        return closeOrder(ctx, call);
      case 'micropay':
        return microPay(ctx, call);
      case 'reverse':
        return reverse(ctx, call);
      case 'refund':
        return refund(ctx, call);
      case 'refundquery':
        return refundQuery(ctx, call);
      case 'downloadbill':
        return downloadBill(ctx, call);
      case 'getsignkey':
        return {
          type: 'unsigned',
          fields: { return_code: 'SUCCESS', return_msg: 'ok', mch_id: call.merchant.mchId, sandbox_signkey: this.deps.sandboxKey(call.merchant.mchId) },
        };
      case 'report':
        return { type: 'unsigned', fields: { return_code: 'SUCCESS', return_msg: 'OK', result_code: 'SUCCESS' } };
      default: {
        const never: never = route.endpoint;
        throw new Error(`unknown endpoint ${String(never)}`);
      }
    }
  }

  private withFault(rule: FaultRule, route: Route, call: Call, key: string, signType: SignType, trace: Trace): SimResult {
    const kind = rule.kind;
    switch (kind) {
      case 'drop':
        return { kind: 'drop' };
      case 'SYSTEMERROR':
      case 'BANKERROR':
      case 'USERPAYING':
      case 'FREQUENCY_LIMITED':
      case 'BIZERR_NEED_RETRY': {
        if (rule.applied) this.run(route, call);
        const des = FAULT_DES[kind] ?? kind;
        const reply: EndpointReply =
          route.endpoint === 'downloadbill' || route.endpoint === 'getsignkey' || route.endpoint === 'report'
            ? protocolFail(kind)
            : bizErr(kind, des, route.endpoint === 'reverse' ? { recall: 'Y' } : undefined);
        return this.encode(reply, call, key, signType, trace);
      }
      case 'html502':
        if (rule.applied) this.run(route, call);
        return { kind: 'reply', status: 502, headers: { 'content-type': 'text/html' }, body: Buffer.from(HTML_502), delayMs: 0 };
      case 'reset':
        this.run(route, call);
        return { kind: 'reset' };
      case 'delay': {
        const r = this.encode(this.run(route, call), call, key, signType, trace);
        return r.kind === 'reply' ? { ...r, delayMs: rule.delayMs ?? DEFAULT_FAULT_DELAY_MS } : r;
      }
      case 'truncated': {
        const r = this.encode(this.run(route, call), call, key, signType, trace);
        return r.kind === 'reply' ? { ...r, body: r.body.subarray(0, Math.floor(r.body.byteLength / 2)) } : r;
      }
      case 'badsign': {
        const r = this.encode(this.run(route, call), call, key, signType, trace, true);
        return r;
      }
      default: {
        const never: never = kind;
        throw new Error(`unknown fault ${String(never)}`);
      }
    }
  }

  private encode(reply: EndpointReply, call: Call, key: string, signType: SignType, trace: Trace, corruptSign = false): SimResult {
    switch (reply.type) {
      case 'unsigned':
        trace.returnCode = String(reply.fields.return_code ?? '');
        return xmlResult(reply.fields);
      case 'raw':
        trace.returnCode = 'SUCCESS';
        return { kind: 'reply', status: 200, headers: { 'content-type': reply.contentType }, body: reply.body, delayMs: 0 };
      case 'ok':
      case 'err': {
        const p = call.p;
        const fields: Fields = { return_code: 'SUCCESS', return_msg: 'OK', appid: p.appid ?? call.merchant.appid, mch_id: call.merchant.mchId };
        if (p.device_info) fields.device_info = p.device_info;
        fields.nonce_str = this.deps.mintNonce();
        if (reply.type === 'ok') {
          fields.result_code = 'SUCCESS';
        } else {
          fields.result_code = 'FAIL';
          fields.err_code = reply.errCode;
          fields.err_code_des = reply.errCodeDes;
          trace.errCode = reply.errCode;
        }
        Object.assign(fields, reply.fields ?? {});
        let signature = sign(fields, key, signType);
        if (corruptSign) signature = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
        fields.sign = signature;
        trace.returnCode = 'SUCCESS';
        trace.resultCode = String(fields.result_code);
        return xmlResult(fields);
      }
      default: {
        const never: never = reply;
        throw new Error(`unknown reply ${JSON.stringify(never)}`);
      }
    }
  }
}
