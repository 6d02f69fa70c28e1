// Every error code that may cross the bridge. The renderer maps each to plain words (zh-CN and en).
export const ERROR_CODES = [
  'INVALID_PAYLOAD', // schema validation failed in the IPC wrapper
  'FORBIDDEN_SENDER', // IPC from a frame that is not the app's own page
  'UNKNOWN_METHOD',
  'INTERNAL', // a bug; details go to the log, not to the renderer
  'NOT_FOUND',
  'NOT_READY', // recovery still running: no new sale yet
  'INVALID_AMOUNT',
  'SALE_IN_PROGRESS', // one open attempt per sale / till
  'GATEWAY_UNREACHABLE',
  'GATEWAY_ERROR', // definite failure reported by WeChat; message carries err_code_des verbatim
  'GATEWAY_UNKNOWN', // outcome unknown, being resolved by query
  'CONFIG_ERROR', // wrong key, appid/mch_id, permission
  'CERT_ERROR', // client certificate missing, wrong password, for another mch_id
  'REFUND_EXCEEDS_REFUNDABLE',
  'REFUND_LIMIT_REACHED', // 50 refunds per order
  'REFUND_CAP_EXCEEDED', // per-refund or per-day cap
  'REFUND_TOO_FREQUENT',
  'PIN_WRONG',
  'PIN_LOCKED',
  'PIN_NOT_SET',
  'CONFIRMATION_REQUIRED',
  'SANDBOX_ONLY',
  'MODE_MISMATCH', // e.g. refunding a sandbox receipt while LIVE: it would go to the wrong gateway
  'REFUND_BALANCE_LOW', // NOTENOUGH: the merchant's refundable balance is too low; top up, refund again
  'CLOCK_WRONG', // the till's clock is more than a minute off the gateway's: no charge until it is set
  // --- issue 12 quick pay (i12-engine) ---
  'NOT_A_PAYMENT_CODE', // scanned text is not a WeChat payment code (^1[0-5]\d{16}$): nothing was sent
  'QUICK_PAY_IN_PROGRESS', // a quick pay is still in flight on this till: finish or cancel it first
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
