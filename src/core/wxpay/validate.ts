// Input checks run before anything is signed or sent (issue 3 point 5). A failure becomes Outcome
// 'fix' with a message naming the field; values themselves are not echoed beyond what is harmless.
import { isIP } from 'node:net';
import { MAX_FEN } from '../../common/money';
import type { InputCode } from './codes';
import { formatBeijing } from '../../common/beijing-time';

export class InputError extends Error {
  constructor(
    readonly code: InputCode,
    message: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;
const OUT_REFUND_NO = /^[0-9A-Za-z_\-|*@]{1,64}$/;
const TRANSACTION_ID = /^[0-9A-Za-z_-]{1,32}$/;
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;
const AUTH_CODE = /^1[0-5]\d{16}$/;

/** Integer fen, 1 .. 2^31-1. */
export function checkFen(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > MAX_FEN) {
    throw new InputError('INPUT_AMOUNT', `${field} must be an integer number of fen from 1 to ${MAX_FEN}`);
  }
  return value;
}

export function checkOutTradeNo(value: unknown): string {
  if (typeof value !== 'string' || !OUT_TRADE_NO.test(value)) {
    throw new InputError('INPUT_OUT_TRADE_NO', 'out_trade_no must be 6 to 32 characters of 0-9 A-Z a-z _ - | *');
  }
  return value;
}

export function checkOutRefundNo(value: unknown): string {
  if (typeof value !== 'string' || !OUT_REFUND_NO.test(value)) {
    throw new InputError('INPUT_OUT_REFUND_NO', 'out_refund_no must be 1 to 64 characters of 0-9 A-Z a-z _ - | * @');
  }
  return value;
}

export function checkTransactionId(value: unknown): string {
  if (typeof value !== 'string' || !TRANSACTION_ID.test(value)) {
    throw new InputError('INPUT_TRANSACTION_ID', 'transaction_id must be 1 to 32 letters or digits');
  }
  return value;
}

export function checkAuthCode(value: unknown): string {
  if (typeof value !== 'string' || !AUTH_CODE.test(value)) {
    throw new InputError('INPUT_FIELD', 'auth_code must be the 18-digit payment code starting 10..15');
  }
  return value;
}

/** Printable ASCII without spaces, 1..max chars (product_id, device_info). */
export function checkAsciiToken(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || value.length > max || !PRINTABLE_ASCII.test(value)) {
    throw new InputError('INPUT_FIELD', `${field} must be 1 to ${max} printable ASCII characters without spaces`);
  }
  return value;
}

export function checkIp(value: unknown): string {
  if (typeof value !== 'string' || value.length > 64 || isIP(value) === 0) {
    throw new InputError('INPUT_FIELD', 'spbill_create_ip must be an IPv4 or IPv6 address');
  }
  return value;
}

export function checkNotifyUrl(value: unknown): string {
  let ok = false;
  if (typeof value === 'string' && value.length <= 256) {
    try {
      const u = new URL(value);
      ok = (u.protocol === 'https:' || u.protocol === 'http:') && u.search === '' && u.hash === '' && value === value.trim();
    } catch {
      ok = false;
    }
  }
  if (!ok) throw new InputError('INPUT_FIELD', 'notify_url must be an http(s) URL of at most 256 characters without a query string');
  return value as string;
}

// Characters XML 1.0 cannot carry (C0 controls except tab/LF/CR, U+FFFE/U+FFFF) and lone surrogates.
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ASTRAL = /[\ud800-\udbff][\udc00-\udfff]/g;

/**
 * Makes free text (body, refund_desc) sendable: WeChat accepts only the 1-3-byte UTF-8 subset, so each
 * 4-byte code point (emoji, supplementary CJK) is REPLACED by '?' rather than rejected - a cashier cannot
 * fix a product name at the counter, and '?' shows honestly that something was dropped. Characters XML
 * cannot carry become a space. Then it is cut to maxBytes of UTF-8 without splitting a character.
 */
export function cleanText(value: string, maxBytes: number): string {
  const cleaned = value.replace(ASTRAL, '?').replace(XML_FORBIDDEN, ' ');
  return truncateUtf8(cleaned, maxBytes);
}

/** Longest prefix whose UTF-8 encoding fits in maxBytes, cut on a code point boundary. */
export function truncateUtf8(value: string, maxBytes: number): string {
  if (Buffer.byteLength(value, 'utf8') <= maxBytes) return value;
  let bytes = 0;
  let end = 0;
  for (const ch of value) {
    const cp = ch.codePointAt(0) ?? 0;
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (bytes + n > maxBytes) break;
    bytes += n;
    end += ch.length;
  }
  return value.slice(0, end);
}

export function checkBody(value: unknown): string {
  if (typeof value !== 'string') throw new InputError('INPUT_BODY', 'body must be text');
  const body = cleanText(value, 127);
  if (body.trim() === '') throw new InputError('INPUT_BODY', 'body (what is being sold) must not be empty');
  return body;
}

/** Optional free text that must arrive intact (attach is echoed back): refuse instead of cutting. */
export function checkIntactText(value: unknown, field: string, maxBytes: number): string {
  if (typeof value !== 'string' || Buffer.byteLength(value, 'utf8') > maxBytes || cleanText(value, maxBytes) !== value) {
    throw new InputError('INPUT_FIELD', `${field} must be at most ${maxBytes} UTF-8 bytes without emoji or control characters`);
  }
  return value;
}

export function checkTime(value: unknown, field: string): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InputError('INPUT_TIME', `${field} must be an epoch-millisecond instant`);
  }
  try {
    return formatBeijing(value);
  } catch {
    throw new InputError('INPUT_TIME', `${field} is out of range`);
  }
}

export function checkOffset(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > 1000) {
    throw new InputError('INPUT_OFFSET', 'offset must be an integer from 0');
  }
  return value;
}

export function checkBillDate(value: unknown): string {
  const m = typeof value === 'string' ? /^(\d{4})(\d{2})(\d{2})$/.exec(value) : null;
  if (m) {
    const [y, mo, d] = m.slice(1).map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, mo - 1, d));
    if (t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d) return value as string;
  }
  throw new InputError('INPUT_BILL_DATE', 'bill_date must be a real date as yyyyMMdd');
}
