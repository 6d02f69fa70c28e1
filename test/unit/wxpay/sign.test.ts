import { describe, expect, it } from 'vitest';
import { inferSignType, sign, stringToSign, verifySign, verifySignInferred } from '../../../src/core/wxpay/sign';

// wxpay-v2.md section 2.2: the official worked example.
const official = {
  appid: 'wxd930ea5d5a258f4f',
  mch_id: '10000100',
  device_info: '1000',
  body: 'test',
  nonce_str: 'ibuaiVcKdpRxkhJA',
};
const officialKey = '192006250b4c09247ec02edce69f6a2d';

describe('sign: official worked example', () => {
  it('builds stringA in ASCII order', () => {
    expect(stringToSign(official)).toBe(
      'appid=wxd930ea5d5a258f4f&body=test&device_info=1000&mch_id=10000100&nonce_str=ibuaiVcKdpRxkhJA',
    );
  });
  it('MD5', () => {
    expect(sign(official, officialKey, 'MD5')).toBe('9A0A8659F005D6984697E2CA0A9CF3B7');
  });
  it('HMAC-SHA256', () => {
    expect(sign(official, officialKey, 'HMAC-SHA256')).toBe(
      '6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6',
    );
  });
  it('verifies both and rejects tampering', () => {
    expect(verifySign({ ...official, sign: '9A0A8659F005D6984697E2CA0A9CF3B7' }, officialKey, 'MD5')).toBe(true);
    expect(verifySign({ ...official, sign: '9A0A8659F005D6984697E2CA0A9CF3B8' }, officialKey, 'MD5')).toBe(false);
    expect(verifySign({ ...official, body: 'test2', sign: '9A0A8659F005D6984697E2CA0A9CF3B7' }, officialKey, 'MD5')).toBe(false);
    expect(verifySign({ ...official, sign: '9A0A8659F005D6984697E2CA0A9CF3B7' }, officialKey, 'HMAC-SHA256')).toBe(false);
    expect(
      verifySign(
        { ...official, sign: '6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6' },
        officialKey,
        'HMAC-SHA256',
      ),
    ).toBe(true);
  });
});

describe('sign: UTF-8 vector (section 2.2)', () => {
  const params = {
    appid: 'wxa5b511bc130a4d9e',
    device_info: 'WEB',
    err_code: 'INVALID_REQUEST',
    err_code_des: '201 商户订单号重复',
    mch_id: '110605603',
    nonce_str: 'zg9vizP9FSWKP9ku',
    result_code: 'FAIL',
    return_code: 'SUCCESS',
    return_msg: 'OK',
    sub_mch_id: '345923236',
  };
  it('MD5 over raw UTF-8 values with spaces', () => {
    expect(sign(params, '2ab9071b06b9f739b950ddb41db2690d', 'MD5')).toBe('E06AFA945146A138D7F7C3CF4C13234F');
  });
});

describe('sign: field rules', () => {
  it('excludes sign, drops empty/undefined/null, keeps sign_type and unknown fields, numbers as text', () => {
    expect(
      stringToSign({ b: '2', a: 1, sign: 'X', e: '', u: undefined, n: null, sign_type: 'MD5', zz_new: ' x ' }),
    ).toBe('a=1&b=2&sign_type=MD5&zz_new= x ');
  });
  it('sorts by byte order (uppercase before lowercase, _ between)', () => {
    expect(stringToSign({ b: '1', B: '1', a_b: '1', ab: '1', a: '1' })).toBe('B=1&a=1&a_b=1&ab=1&b=1');
  });
  it('verifySign is false without a well-formed sign', () => {
    expect(verifySign({ ...official }, officialKey, 'MD5')).toBe(false);
    expect(verifySign({ ...official, sign: '' }, officialKey, 'MD5')).toBe(false);
    expect(verifySign({ ...official, sign: 'zz' }, officialKey, 'MD5')).toBe(false);
    // Uppercase hex is part of the algorithm; a lowercase signature is a signer bug.
    expect(verifySign({ ...official, sign: '9a0a8659f005d6984697e2ca0a9cf3b7' }, officialKey, 'MD5')).toBe(false);
  });
});

describe('inferSignType', () => {
  it('by length and hex alphabet', () => {
    expect(inferSignType('9A0A8659F005D6984697E2CA0A9CF3B7')).toBe('MD5');
    expect(inferSignType('6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6')).toBe('HMAC-SHA256');
    expect(inferSignType('9A0A8659F005D6984697E2CA0A9CF3B')).toBeNull();
    expect(inferSignType('ZA0A8659F005D6984697E2CA0A9CF3B7')).toBeNull();
    expect(inferSignType('')).toBeNull();
  });
});

describe('verifySignInferred (notifications)', () => {
  const md5Sign = '9A0A8659F005D6984697E2CA0A9CF3B7';
  const hmacSign = '6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6';
  it('infers the algorithm from the sign length when sign_type is absent', () => {
    expect(verifySignInferred({ ...official, sign: md5Sign }, officialKey)).toBe(true);
    expect(verifySignInferred({ ...official, sign: hmacSign }, officialKey)).toBe(true);
    expect(verifySignInferred({ ...official, sign: hmacSign.replace('6A', '6B') }, officialKey)).toBe(false);
    expect(verifySignInferred({ ...official }, officialKey)).toBe(false);
  });
  it('a present sign_type must agree with the length (and is itself signed)', () => {
    const withType = { ...official, sign_type: 'HMAC-SHA256' };
    expect(verifySignInferred({ ...withType, sign: sign(withType, officialKey, 'HMAC-SHA256') }, officialKey)).toBe(true);
    expect(verifySignInferred({ ...withType, sign: sign(withType, officialKey, 'MD5') }, officialKey)).toBe(false);
  });
});
