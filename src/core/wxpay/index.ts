// Public surface of the WeChat Pay V2 client (src/core/wxpay). Import from here outside this folder.
export type * from './types';
export { createWxPayClient, WxPayHttpClient, PATHS } from './client';
export type { WxPayConfig, ClientCert } from './config';
export {
  DEFAULT_BASE_URL,
  DEFAULT_BACKUP_URL,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_READ_TIMEOUT_MS,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_BILL_BYTES,
} from './config';
export { loadClientCert, type CertLoadResult, type LoadedCert, type CertLoadError } from './client-cert';
export {
  INPUT_CODES,
  CERT_CODES,
  TLS_CODES,
  PRESEND_CODES,
  UNKNOWN_CODES,
  PROTOCOL_FAIL,
  type InputCode,
  type CertCode,
  type TlsCode,
  type PresendCode,
  type UnknownCode,
} from './codes';
export { truncateUtf8, cleanText } from './validate';
export { parseBill, BillFormatError } from './bill';
export { ERR_TABLES, classifyFailure, classifyBillFailure, type Endpoint } from './classify';
export { DomainSelector, SWITCH_BACK_MS, type DomainRole } from './domain-selector';
export { sign, verifySign, inferSignType, stringToSign, type Params } from './sign';
export { buildXml, parseXml, XmlError } from './xml';
export { outcomeErrorCode } from './error-code';
