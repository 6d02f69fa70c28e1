// Names and defaults of everything the settings module keeps. Plain settings live in the settings
// table; the API key and the certificate live only as SecretBox blobs in the secrets table.
import type { Locale, Mode, SignType } from '../../common/api';
import { SCANNER_GAP_DEFAULT_MS } from '../../common/scanner-limits';
import { DEFAULT_STORE_NAME } from '../../common/settings-rules';

export const KEY = {
  mode: 'mode',
  storeName: 'shell.storeName',
  tillId: 'shell.tillId',
  locale: 'shell.locale',
  appid: 'merchant.appid',
  mchId: 'merchant.mchId',
  signType: 'merchant.signType',
  certInfo: 'merchant.certInfo', // subject/CN/expiry/fingerprint: public facts, no key material
  refundCapFen: 'refund.capFen',
  dailyRefundCapFen: 'refund.dailyCapFen',
  scannerGapMs: 'till.scannerGapMs', // issue 12 quick pay
} as const;

export const SECRET = {
  apiKey: 'merchant.apiKey',
  certificate: 'merchant.certificate',
} as const;

export const DEFAULTS = {
  mode: 'SANDBOX' as Mode,
  storeName: DEFAULT_STORE_NAME,
  tillId: 'T01',
  locale: 'zh-CN' as Locale,
  signType: 'HMAC-SHA256' as SignType,
  refundCapFen: 50_000, // ¥500 per refund
  dailyRefundCapFen: 200_000, // ¥2,000 per day per till
  scannerGapMs: SCANNER_GAP_DEFAULT_MS, // issue 12 quick pay
} as const;
