// result_code=FAIL -> Outcome kind, per endpoint (wxpay-v2.md section 5). err_code and err_code_des are
// carried verbatim. An err_code missing from a table is 'unknown' (resolve by query): a code we have
// never seen must not be read as a definite failure on a call that may move money.
import type { Outcome } from './types';

export type Endpoint =
  | 'unifiedorder'
  | 'orderquery'
  | 'closeorder'
  | 'refund'
  | 'refundquery'
  | 'micropay'
  | 'reverse';

type Kind = 'retry-same' | 'unknown' | 'fail' | 'fix';

/** Protocol-level codes that can also arrive as err_code: always our mistake or our configuration. */
const PROTOCOL_FIX = [
  'SIGNERROR',
  'XML_FORMAT_ERROR',
  'REQUIRE_POST_METHOD',
  'POST_DATA_EMPTY',
  'NOT_UTF8',
  'LACK_PARAMS',
  'APPID_NOT_EXIST',
  'MCHID_NOT_EXIST',
  'APPID_MCHID_NOT_MATCH',
  'NOAUTH',
] as const;

function table(entries: Record<string, Kind>): ReadonlyMap<string, Kind> {
  const m = new Map<string, Kind>(PROTOCOL_FIX.map((c) => [c, 'fix']));
  for (const [code, kind] of Object.entries(entries)) m.set(code, kind);
  return m;
}

export const ERR_TABLES: Readonly<Record<Endpoint, ReadonlyMap<string, Kind>>> = {
  // 5.1
  unifiedorder: table({
    SYSTEMERROR: 'retry-same',
    ORDERPAID: 'unknown', // paid already: the query will say SUCCESS
    NOTENOUGH: 'fail',
    ORDERCLOSED: 'fail', // this number is finished; a new sale needs a new number
    INVALID_REQUEST: 'fix', // incl. "201 商户订单号重复": same number, different parameters
    OUT_TRADE_NO_USED: 'fix',
    PARAM_ERROR: 'fix',
    CUSTOM_ERROR: 'fix', // e.g. missing product_id
  }),
  // 4.2 / 5.3
  orderquery: table({
    SYSTEMERROR: 'retry-same',
    ORDERNOTEXIST: 'fail', // never created: definite
    // Seen transiently while a micropay settles ("微信订单号非法"); our own ids are validated before
    // sending, so a PARAM_ERROR here is treated as "ask again", not as a bug to fix.
    PARAM_ERROR: 'retry-same',
  }),
  // 4.3 (ORDERCLOSED is handled as ok by the client: closing is idempotent)
  closeorder: table({
    SYSTEMERROR: 'retry-same',
    ORDERPAID: 'unknown', // paid wins: the query will say SUCCESS
    ORDERNOTEXIST: 'fail',
    TRADE_STATE_ERROR: 'unknown',
    PARAM_ERROR: 'fix',
  }),
  // 5.4
  refund: table({
    SYSTEMERROR: 'retry-same',
    BIZERR_NEED_RETRY: 'retry-same',
    FREQUENCY_LIMITED: 'retry-same', // later, same out_refund_no
    INVALID_REQ_TOO_MUCH: 'retry-same', // after a minute
    ORDER_NOT_READY: 'retry-same',
    TRADE_OVERDUE: 'fail',
    ERROR: 'fail', // read err_code_des, e.g. 订单已全额退款
    USER_ACCOUNT_ABNORMAL: 'fail',
    NOTENOUGH: 'fail',
    REFUND_FEE_INVALID: 'fail',
    TRADE_STATE_ERROR: 'fail',
    INVALID_TRANSACTIONID: 'fix',
    PARAM_ERROR: 'fix',
    ORDERNOTEXIST: 'fix',
    REFUND_FEE_MISMATCH: 'fix',
    CERT_ERROR: 'fix',
  }),
  // 5.5
  refundquery: table({
    SYSTEMERROR: 'retry-same',
    REFUNDNOTEXIST: 'fail', // no such refund: it was never accepted
    INVALID_TRANSACTIONID: 'fix',
    PARAM_ERROR: 'fix', // also offset > total_refund_count
    ORDERNOTEXIST: 'fail',
  }),
  // 5.2
  micropay: table({
    SYSTEMERROR: 'unknown', // result unknown: query after 5 s
    BANKERROR: 'unknown',
    USERPAYING: 'unknown', // waiting for the password: query loop, then reverse
    ORDERPAID: 'unknown',
    PARAM_ERROR: 'fix',
    OUT_TRADE_NO_USED: 'fix',
    INVALID_REQUEST: 'fix',
    AUTHCODEEXPIRE: 'fail',
    NOTENOUGH: 'fail',
    NOTSUPORTCARD: 'fail',
    ORDERCLOSED: 'fail',
    ORDERREVERSED: 'fail',
    AUTH_CODE_ERROR: 'fail',
    AUTH_CODE_INVALID: 'fail',
    BUYER_MISMATCH: 'fail',
    TRADE_ERROR: 'fail',
  }),
  // 4.5
  reverse: table({
    SYSTEMERROR: 'retry-same', // "if reverse errors, call it again"
    REVERSE_EXPIRE: 'fail', // > 7 days: refund instead
    INVALID_TRANSACTIONID: 'fix',
    PARAM_ERROR: 'fix',
    TRADE_ERROR: 'fail',
    INVALID_REQUEST: 'fix',
    ORDERNOTEXIST: 'fail',
  }),
};

/** Classifies a signed, verified result_code=FAIL response. */
export function classifyFailure(endpoint: Endpoint, errCode: string, errCodeDes: string): Outcome<never> {
  const kind: Kind = ERR_TABLES[endpoint].get(errCode) ?? 'unknown';
  switch (kind) {
    case 'fail':
      return { kind: 'fail', errCode, errCodeDes };
    case 'retry-same':
      return { kind: 'retry-same', code: errCode, message: errCodeDes };
    case 'unknown':
      return { kind: 'unknown', code: errCode || 'RESULT_FAIL_WITHOUT_CODE', message: errCodeDes };
    case 'fix':
      return { kind: 'fix', code: errCode, message: errCodeDes };
    default: {
      const never: never = kind;
      throw new Error(`unhandled kind ${String(never)}`);
    }
  }
}

/**
 * downloadbill failures arrive as return_code=FAIL with `error_code` (not err_code) and the reason in
 * return_msg (wxpay-v2.md 4.8). "No Bill Exist" is a definite answer (nothing traded that day).
 */
export function classifyBillFailure(returnMsg: string, errorCode: string): Outcome<never> {
  const msg = returnMsg.trim().toLowerCase();
  if (msg === 'no bill exist' || errorCode === '20002') {
    return { kind: 'fail', errCode: errorCode || 'No Bill Exist', errCodeDes: returnMsg };
  }
  if (msg === 'bill creating' || msg === 'systemerror' || errorCode === 'SYSTEMERROR') {
    return { kind: 'retry-same', code: errorCode || returnMsg, message: returnMsg };
  }
  return { kind: 'fix', code: errorCode || 'PROTOCOL_FAIL', message: returnMsg };
}
