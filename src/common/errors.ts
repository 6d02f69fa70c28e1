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
  // --- issue 13 shifts, cash, Z reports (i13-day) ---
  'SHIFT_NO_STAFF', // nobody signed in: no shift, cash or Z
  'SHIFT_NOT_OPEN', // no open shift: every way of taking money is refused
  'SHIFT_ALREADY_OPEN',
  'SHIFT_WORK_UNRESOLVED', // a payment, quick pay or refund is not final: the shift cannot close
  'SHIFT_DIFF_NEEDS_MANAGER', // the counted cash differs by more than the limit: a manager accepts it
  'CASH_TENDER_SHORT', // less cash tendered than due
  'Z_ALREADY_CLOSED', // a Z report cannot be redone
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
