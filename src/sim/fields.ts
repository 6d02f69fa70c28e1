// Per-endpoint field rules (presence, UTF-8 byte length, charset/format) and the gateway codes they
// produce: missing -> LACK_PARAMS, malformed -> INVALID_REQUEST (order APIs) or PARAM_ERROR (others).
import type { Params } from '../core/wxpay/xml';
import type { SimEndpoint } from './sim-types';

export interface FieldRule {
  readonly name: string;
  readonly required?: boolean;
  readonly maxBytes?: number;
  readonly minLen?: number;
  readonly pattern?: RegExp;
  readonly oneOf?: readonly string[];
}

export interface BizError {
  readonly errCode: string;
  readonly errCodeDes: string;
}

export const OUT_TRADE_NO_RE = /^[0-9A-Za-z_\-|*@]{6,32}$/;
export const OUT_REFUND_NO_RE = /^[0-9A-Za-z_\-|*@]{1,64}$/;
const FEN_RE = /^[1-9]\d{0,9}$/;
const INT_RE = /^(0|[1-9]\d{0,9})$/;
const TIME14_RE = /^\d{14}$/;
const DIGITS_RE = /^\d{1,32}$/;
const URL_RE = /^https?:\/\/[^\s?#]+$/;

const common: Record<string, FieldRule> = {
  device_info: { name: 'device_info', maxBytes: 32 },
  body: { name: 'body', required: true, maxBytes: 127 },
  detail: { name: 'detail', maxBytes: 6144 },
  attach: { name: 'attach', maxBytes: 127 },
  out_trade_no: { name: 'out_trade_no', required: true, pattern: OUT_TRADE_NO_RE },
  fee_type: { name: 'fee_type', oneOf: ['CNY'] },
  total_fee: { name: 'total_fee', required: true, pattern: FEN_RE },
  spbill_create_ip: { name: 'spbill_create_ip', required: true, maxBytes: 64 },
  time_start: { name: 'time_start', pattern: TIME14_RE },
  time_expire: { name: 'time_expire', pattern: TIME14_RE },
  goods_tag: { name: 'goods_tag', maxBytes: 32 },
  limit_pay: { name: 'limit_pay', oneOf: ['no_credit'] },
  receipt: { name: 'receipt', oneOf: ['Y'] },
  scene_info: { name: 'scene_info', maxBytes: 256 },
};

const ref = (name: 'transaction_id' | 'out_trade_no'): FieldRule =>
  name === 'transaction_id' ? { name, pattern: DIGITS_RE } : { name, pattern: OUT_TRADE_NO_RE };

export const FIELD_RULES: Record<SimEndpoint, readonly FieldRule[]> = {
  unifiedorder: [
    common.device_info!, common.body!, common.detail!, common.attach!, common.out_trade_no!, common.fee_type!,
    common.total_fee!, common.spbill_create_ip!, common.time_start!, common.time_expire!, common.goods_tag!,
    { name: 'notify_url', required: true, maxBytes: 256, pattern: URL_RE },
    { name: 'trade_type', required: true, oneOf: ['NATIVE', 'JSAPI', 'APP', 'MWEB'] },
    { name: 'product_id', maxBytes: 32 },
    common.limit_pay!, { name: 'openid', maxBytes: 128 }, common.receipt!, common.scene_info!,
  ],
  orderquery: [ref('transaction_id'), ref('out_trade_no')],
  closeorder: [common.out_trade_no!],
  micropay: [
    common.device_info!, common.body!, common.detail!, common.attach!, common.out_trade_no!, common.total_fee!,
    common.fee_type!, common.spbill_create_ip!, common.goods_tag!, common.limit_pay!, common.time_start!,
    common.time_expire!, common.receipt!, { name: 'auth_code', required: true, maxBytes: 128 }, common.scene_info!,
  ],
  reverse: [ref('transaction_id'), ref('out_trade_no')],
  refund: [
    ref('transaction_id'), ref('out_trade_no'),
    { name: 'out_refund_no', required: true, pattern: OUT_REFUND_NO_RE },
    { name: 'total_fee', required: true, pattern: FEN_RE },
    { name: 'refund_fee', required: true, pattern: FEN_RE },
    { name: 'refund_fee_type', oneOf: ['CNY'] },
    { name: 'refund_desc', maxBytes: 80 },
    { name: 'refund_account', oneOf: ['REFUND_SOURCE_UNSETTLED_FUNDS', 'REFUND_SOURCE_RECHARGE_FUNDS'] },
    { name: 'notify_url', maxBytes: 256, pattern: URL_RE },
    { name: 'op_user_id', maxBytes: 32 },
  ],
  refundquery: [
    { name: 'refund_id', pattern: DIGITS_RE },
    { name: 'out_refund_no', pattern: OUT_REFUND_NO_RE },
    ref('transaction_id'), ref('out_trade_no'),
    { name: 'offset', pattern: INT_RE },
  ],
  downloadbill: [],
  getsignkey: [],
  report: [{ name: 'interface_url', required: true, maxBytes: 127 }],
};

function formatCode(endpoint: SimEndpoint): string {
  return endpoint === 'unifiedorder' || endpoint === 'orderquery' || endpoint === 'closeorder' ? 'INVALID_REQUEST' : 'PARAM_ERROR';
}

/** The first rule the params break, as the gateway would report it; null when all pass. */
export function checkFields(endpoint: SimEndpoint, p: Params): BizError | null {
  for (const rule of FIELD_RULES[endpoint]) {
    const v = p[rule.name];
    if (v === undefined || v === '') {
      if (rule.required) return { errCode: 'LACK_PARAMS', errCodeDes: `缺少参数${rule.name}` };
      continue;
    }
    const bad =
      (rule.maxBytes !== undefined && Buffer.byteLength(v, 'utf8') > rule.maxBytes) ||
      (rule.pattern !== undefined && !rule.pattern.test(v)) ||
      (rule.oneOf !== undefined && !rule.oneOf.includes(v));
    if (bad) {
      const what = rule.maxBytes !== undefined && Buffer.byteLength(v, 'utf8') > rule.maxBytes ? '长度有误' : '格式错误';
      return { errCode: formatCode(endpoint), errCodeDes: `${rule.name}参数${what}` };
    }
  }
  return null;
}

/** WeChat accepts only the 1-3 byte UTF-8 subset: any astral code point (emoji ...) is refused. */
export function hasAstral(p: Params): boolean {
  for (const name of Object.keys(p)) {
    if (/[\uD800-\uDFFF]/.test(p[name] ?? '')) return true;
  }
  return false;
}
