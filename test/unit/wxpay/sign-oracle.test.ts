// Property test: our signer against two peer SDKs, used only as oracles (devDependencies).
//   tenpay 2.1.18:            Payment#_getSign(params, type) = util.toQueryString(params) + '&key=' + partnerKey,
//                             then md5 / hmac-sha256 (key = partnerKey), uppercased.
//   wechatpay-axios-plugin:   Hash.sign(type, data, key) = queryStringLike(ksort(data)) then Hash.md5/Hash.hmac
//                             (both append '&key=' + key), uppercased.
// Where the peers differ from wxpay-v2.md by design, the generator stays out of that corner:
//   - null values: tenpay signs "k=null", the plugin signs "k="; we drop them (spec: absent). No nulls generated.
//   - names: the plugin rebuilds an object, so integer-like names ("9", "10") move to the front in numeric
//     order; and both sort by UTF-16 code units, not UTF-8 bytes. Names are generated as WeChat names are:
//     ASCII, starting with a letter (upper case included, to exercise byte order).
//   - no peer trims values (only the Java SDK does), so whitespace-only and padded values are generated.
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sign, stringToSign, verifySign } from '../../../src/core/wxpay/sign';
import { suitePlan } from '../../support/sizes';
import type { SignType } from '../../../src/core/wxpay/sign';

interface TenpayPayment {
  _getSign(params: Record<string, string>, type: SignType): string;
}
interface TenpayModule {
  init(cfg: { appid: string; mchid: string; partnerKey: string }): TenpayPayment;
}
interface PluginHash {
  sign(type: SignType, data: Record<string, string>, key: string): string;
}
const require = createRequire(import.meta.url);
const tenpay = require('tenpay') as TenpayModule;
const tenpayUtil = require('tenpay/lib/util') as { toQueryString(o: Record<string, string>): string };
const pluginHash = require('wechatpay-axios-plugin/lib/hash') as PluginHash;

const { seed, size: RUNS } = suitePlan(import.meta.url, { seedVar: 'SIGN_ORACLE_SEED', unit: 2_000, soak: 10_000 });

const cjk = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
const symbol = fc.constantFrom(' ', '\t', '&', '=', '<', '>', ']]>', '%', '+', '?', '#', '"', "'", '\\', '/', '，', '￥', '·', '😀', '\n');
const valueArb = fc.oneof(
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.constantFrom(' ', '  ', '\t') },
  { weight: 3, arbitrary: fc.string({ unit: cjk, maxLength: 12 }) },
  { weight: 3, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 3, arbitrary: fc.string({ unit: fc.oneof(cjk, symbol, fc.string({ minLength: 1, maxLength: 1 })), maxLength: 16 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 2 ** 31 - 1 }).map(String) },
);
const known = ['appid', 'mch_id', 'nonce_str', 'body', 'out_trade_no', 'total_fee', 'sign', 'sign_type', 'attach', 'detail'];
const nameArb = fc.oneof(fc.constantFrom(...known), fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,15}$/));
const paramsArb = fc.dictionary(nameArb, valueArb, { maxKeys: 14 });
const keyArb = fc.stringMatching(/^[0-9a-zA-Z]{32}$/);
const typeArb = fc.constantFrom<SignType>('MD5', 'HMAC-SHA256');

describe('sign vs peer SDK oracles', () => {
  it(`matches tenpay and wechatpay-axios-plugin on ${RUNS} random maps`, () => {
    let runs = 0;
    fc.assert(
      fc.property(paramsArb, keyArb, typeArb, (params, key, type) => {
        runs++;
        const ours = sign(params, key, type);
        expect(stringToSign(params)).toBe(tenpayUtil.toQueryString(params));
        expect(ours).toBe(tenpay.init({ appid: 'wx', mchid: '1', partnerKey: key })._getSign(params, type));
        expect(ours).toBe(pluginHash.sign(type, params, key));
        expect(verifySign({ ...params, sign: ours }, key, type)).toBe(true);
      }),
      { seed, numRuns: RUNS },
    );
    expect(runs).toBeGreaterThanOrEqual(RUNS);
  });
});
