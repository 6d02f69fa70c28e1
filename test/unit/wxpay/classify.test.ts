// The err_code -> action tables of wxpay-v2.md section 5, row by row.
import { describe, expect, it } from 'vitest';
import { classifyBillFailure, classifyFailure, ERR_TABLES, type Endpoint } from '../../../src/core/wxpay/classify';

type Row = [Endpoint, string, 'retry-same' | 'unknown' | 'fail' | 'fix'];

const rows: Row[] = [
  // 5.1 unifiedorder
  ['unifiedorder', 'SYSTEMERROR', 'retry-same'],
  ['unifiedorder', 'ORDERPAID', 'unknown'],
  ['unifiedorder', 'NOTENOUGH', 'fail'],
  ['unifiedorder', 'ORDERCLOSED', 'fail'],
  ['unifiedorder', 'INVALID_REQUEST', 'fix'],
  ['unifiedorder', 'OUT_TRADE_NO_USED', 'fix'],
  ['unifiedorder', 'NOAUTH', 'fix'],
  ['unifiedorder', 'APPID_MCHID_NOT_MATCH', 'fix'],
  ['unifiedorder', 'SIGNERROR', 'fix'],
  ['unifiedorder', 'NOT_UTF8', 'fix'],
  // orderquery
  ['orderquery', 'SYSTEMERROR', 'retry-same'],
  ['orderquery', 'ORDERNOTEXIST', 'fail'],
  ['orderquery', 'PARAM_ERROR', 'retry-same'],
  // closeorder
  ['closeorder', 'ORDERPAID', 'unknown'],
  ['closeorder', 'SYSTEMERROR', 'retry-same'],
  ['closeorder', 'ORDERNOTEXIST', 'fail'],
  // 5.4 refund
  ['refund', 'SYSTEMERROR', 'retry-same'],
  ['refund', 'BIZERR_NEED_RETRY', 'retry-same'],
  ['refund', 'FREQUENCY_LIMITED', 'retry-same'],
  ['refund', 'INVALID_REQ_TOO_MUCH', 'retry-same'],
  ['refund', 'TRADE_OVERDUE', 'fail'],
  ['refund', 'ERROR', 'fail'],
  ['refund', 'USER_ACCOUNT_ABNORMAL', 'fail'],
  ['refund', 'NOTENOUGH', 'fail'],
  ['refund', 'REFUND_FEE_INVALID', 'fail'],
  ['refund', 'INVALID_TRANSACTIONID', 'fix'],
  ['refund', 'PARAM_ERROR', 'fix'],
  ['refund', 'ORDERNOTEXIST', 'fix'],
  ['refund', 'XML_FORMAT_ERROR', 'fix'],
  // 5.5 refundquery
  ['refundquery', 'SYSTEMERROR', 'retry-same'],
  ['refundquery', 'REFUNDNOTEXIST', 'fail'],
  ['refundquery', 'PARAM_ERROR', 'fix'],
  // 5.2 micropay
  ['micropay', 'SYSTEMERROR', 'unknown'],
  ['micropay', 'BANKERROR', 'unknown'],
  ['micropay', 'USERPAYING', 'unknown'],
  ['micropay', 'ORDERPAID', 'unknown'],
  ['micropay', 'PARAM_ERROR', 'fix'],
  ['micropay', 'AUTHCODEEXPIRE', 'fail'],
  ['micropay', 'NOTENOUGH', 'fail'],
  ['micropay', 'NOTSUPORTCARD', 'fail'],
  ['micropay', 'ORDERCLOSED', 'fail'],
  ['micropay', 'ORDERREVERSED', 'fail'],
  ['micropay', 'AUTH_CODE_ERROR', 'fail'],
  ['micropay', 'AUTH_CODE_INVALID', 'fail'],
  ['micropay', 'BUYER_MISMATCH', 'fail'],
  // reverse
  ['reverse', 'SYSTEMERROR', 'retry-same'],
  ['reverse', 'REVERSE_EXPIRE', 'fail'],
  ['reverse', 'INVALID_TRANSACTIONID', 'fix'],
];

describe('classifyFailure', () => {
  it.each(rows)('%s %s -> %s', (endpoint, code, kind) => {
    const o = classifyFailure(endpoint, code, '说明 verbatim');
    expect(o.kind).toBe(kind);
    if (o.kind === 'fail') expect(o).toEqual({ kind: 'fail', errCode: code, errCodeDes: '说明 verbatim' });
    else expect(o).toMatchObject({ code, message: '说明 verbatim' });
  });

  it('an err_code no table knows is unknown (resolve by query), on every endpoint', () => {
    for (const endpoint of Object.keys(ERR_TABLES) as Endpoint[]) {
      expect(classifyFailure(endpoint, 'BRAND_NEW_CODE', 'x').kind).toBe('unknown');
      expect(classifyFailure(endpoint, '', '').kind).toBe('unknown');
    }
  });

  it('downloadbill failures', () => {
    expect(classifyBillFailure('No Bill Exist', '20002')).toEqual({ kind: 'fail', errCode: '20002', errCodeDes: 'No Bill Exist' });
    expect(classifyBillFailure('NO Bill Exist', '')).toMatchObject({ kind: 'fail' });
    expect(classifyBillFailure('Bill Creating', '20003').kind).toBe('retry-same');
    expect(classifyBillFailure('SYSTEMERROR', '').kind).toBe('retry-same');
    expect(classifyBillFailure('invalid bill_type', '20001').kind).toBe('fix');
  });
});

describe('outcomeErrorCode (bridge ErrorCode for an Outcome)', () => {
  it('maps each kind', async () => {
    const { outcomeErrorCode } = await import('../../../src/core/wxpay/error-code');
    expect(outcomeErrorCode({ kind: 'ok', value: 1 })).toBeNull();
    expect(outcomeErrorCode({ kind: 'fail', errCode: 'NOTENOUGH', errCodeDes: '余额不足' })).toBe('GATEWAY_ERROR');
    expect(outcomeErrorCode({ kind: 'unknown', code: 'READ_TIMEOUT', message: '' })).toBe('GATEWAY_UNKNOWN');
    expect(outcomeErrorCode({ kind: 'retry-same', code: 'CONNECTION_REFUSED', message: '' })).toBe('GATEWAY_UNREACHABLE');
    expect(outcomeErrorCode({ kind: 'retry-same', code: 'SYSTEMERROR', message: '' })).toBe('GATEWAY_ERROR');
    expect(outcomeErrorCode({ kind: 'fix', code: 'CLIENT_CERT_PASSWORD', message: '' })).toBe('CERT_ERROR');
    expect(outcomeErrorCode({ kind: 'fix', code: 'TLS_CLIENT_CERT_REJECTED', message: '' })).toBe('CERT_ERROR');
    expect(outcomeErrorCode({ kind: 'fix', code: 'INPUT_AMOUNT', message: '' })).toBe('INVALID_AMOUNT');
    expect(outcomeErrorCode({ kind: 'fix', code: 'INPUT_OUT_TRADE_NO', message: '' })).toBe('INVALID_PAYLOAD');
    expect(outcomeErrorCode({ kind: 'fix', code: 'PROTOCOL_FAIL', message: '签名错误' })).toBe('CONFIG_ERROR');
  });
});
