// Stable codes carried by non-ok Outcomes that the client itself produces (WeChat's own err_codes are
// passed through verbatim). The engine and the UI switch on these; the message says what happened.

/** Input refused before anything was sent (Outcome kind 'fix'). */
export const INPUT_CODES = [
  'INPUT_AMOUNT', // not integer fen in 1 .. 2^31-1
  'INPUT_REFUND_EXCEEDS_TOTAL', // refund_fee > total_fee
  'INPUT_OUT_TRADE_NO', // 6..32 of [0-9A-Za-z_-|*]
  'INPUT_OUT_REFUND_NO', // 1..64 of [0-9A-Za-z_-|*@]
  'INPUT_TRANSACTION_ID',
  'INPUT_BODY', // empty after cleaning
  'INPUT_FIELD', // another field too long / wrong charset (message names it)
  'INPUT_TIME', // not a valid instant, or expire <= start / now
  'INPUT_BILL_DATE',
  'INPUT_OFFSET',
] as const;

/** Certificate problems found locally, before sending (kind 'fix'). */
export const CERT_CODES = [
  'CLIENT_CERT_MISSING', // /secapi/* over https without a configured certificate
  'CLIENT_CERT_PASSWORD', // PKCS#12 password wrong (the password is the mch_id)
  'CLIENT_CERT_INVALID', // unreadable file, key does not match cert, no cert in the p12
  'CLIENT_CERT_EXPIRED', // our own certificate is outside its validity dates
  'CLIENT_CERT_WRONG_MERCHANT', // subject CN is another mch_id
] as const;

/** TLS failures: fail closed, never fail over, never retried (kind 'fix'). */
export const TLS_CODES = [
  'TLS_UNKNOWN_CA', // server chain not trusted
  'TLS_CERT_EXPIRED', // server certificate expired
  'TLS_CERT_NOT_YET_VALID', // server certificate not yet valid (check the clock)
  'TLS_WRONG_HOST', // certificate is for another host name
  'TLS_CLIENT_CERT_REJECTED', // the server refused our client certificate during the handshake
  'TLS_HANDSHAKE_FAILED', // any other handshake failure
] as const;

/** The request provably never left (kind 'retry-same': resending the same request is safe). */
export const PRESEND_CODES = ['DNS_FAILURE', 'CONNECTION_REFUSED', 'CONNECT_TIMEOUT', 'NETWORK_UNREACHABLE'] as const;

/** The request may have been received (kind 'unknown': resolve by query, never by a new number). */
export const UNKNOWN_CODES = [
  'READ_TIMEOUT',
  'CONNECTION_RESET',
  'ABORTED', // overall deadline or client closed while in flight
  'HTTP_STATUS', // non-200 (5xx and anything else)
  'RESPONSE_TOO_LARGE',
  'RESPONSE_MALFORMED', // not XML / missing return_code / missing required fields
  'RESPONSE_SIGNATURE_INVALID', // forged or garbled: never trusted
  'RESPONSE_IDENTITY_MISMATCH', // appid / mch_id differ from ours
  'RESPONSE_ECHO_MISMATCH', // out_trade_no, total_fee, ... differ from the request
  'RESPONSE_UNEXPECTED_STATE', // trade_state / refund_status outside the documented set
  'BILL_MALFORMED',
] as const;

/** return_code=FAIL: rejected before processing (sign, format, permission); message = return_msg. */
export const PROTOCOL_FAIL = 'PROTOCOL_FAIL';

export type InputCode = (typeof INPUT_CODES)[number];
export type CertCode = (typeof CERT_CODES)[number];
export type TlsCode = (typeof TLS_CODES)[number];
export type PresendCode = (typeof PRESEND_CODES)[number];
export type UnknownCode = (typeof UNKNOWN_CODES)[number];
