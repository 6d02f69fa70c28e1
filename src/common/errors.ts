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
  // --- issue 11 (i11-staff): staff accounts, sign-in, first run ---
  'NOT_SIGNED_IN', // nobody is signed in (or the till was locked / idle)
  'ROLE_REQUIRED', // the signed-in person's role may not do this
  'AUTH_DAMAGED', // the PIN key or a PIN record cannot be read: fails closed
  'SETUP_CODE_WRONG',
  'SETUP_DONE', // an owner exists: first run is over
  'OWNER_UNLOCK_REQUIRED', // locked out too often: only an owner can unlock
  'SECOND_APPROVER_REQUIRED', // above the threshold: another manager's PIN
  'STAFF_NAME_TAKEN',
  'LAST_OWNER', // the last owner cannot be removed or demoted
  'PIN_NOT_UNIQUE', // PIN alone matches several people: pick a name
  'REASON_REQUIRED', // a security alert is dismissed with a reason
  // --- issue 11 points 4, 7, 8 (i11-audit) ---
  'AUDIT_BROKEN', // the audit chain failed its tamper check: refunds, mode and staff changes wait for the owner
  'AUDIT_ACK_REFUSED', // acknowledging a broken chain needs the signed-in owner and a note
  'TEST_MATERIAL_IN_LIVE', // LIVE refuses the sandbox merchant and certificates from the bundled test CA
  'CHECK_TOO_FREQUENT', // testConnection asked again too soon
  // --- issue 13 shifts, cash, Z reports (i13-day) ---
  'SHIFT_NO_STAFF', // nobody signed in: no shift, cash or Z
  'SHIFT_NOT_OPEN', // no open shift: every way of taking money is refused
  'SHIFT_ALREADY_OPEN',
  'SHIFT_WORK_UNRESOLVED', // a payment, quick pay or refund is not final: the shift cannot close
  'SHIFT_DIFF_NEEDS_MANAGER', // the counted cash differs by more than the limit: a manager accepts it
  'CASH_TENDER_SHORT', // less cash tendered than due
  'Z_ALREADY_CLOSED', // a Z report cannot be redone
  // --- issue 12 quick pay (i12-engine) ---
  'NOT_A_PAYMENT_CODE', // scanned text is not a WeChat payment code (^1[0-5]\d{16}$): nothing was sent
  'QUICK_PAY_IN_PROGRESS', // a quick pay is still in flight on this till: finish or cancel it first
  // --- issue 16.2 till enrolment (i16-enrol) ---
  'HQ_CODE_REFUSED', // HQ does not know the one-time code, or it was used or has expired
  'HQ_FINGERPRINT_MISMATCH', // the certificate at that address is not the one whose fingerprint HQ shows
  'HQ_UNREACHABLE', // no answer from HQ at that address (or, for a payment search, this till is not enrolled)
  'HQ_REFUSED', // HQ refused the enrolment for another reason (its words in the message)
  'HQ_STORE_WEAK', // this computer cannot keep the HQ credential safely (weak secret storage)
  'HQ_ALREADY_ENROLLED', // leave head office first (enrolling under a new id re-sends the whole history)
  'HQ_NOT_ENROLLED', // nothing to leave
  // --- issue 16.4 cross-till refund (i16-xrefund) ---
  'FOREIGN_REFUND_NEEDS_HQ', // a sale made at another till is refunded only with head office's reservation
  // --- issue 13.1 split tender (i13-split) ---
  'SPLIT_CASH_INVALID', // the cash part of a split is not above zero and below the sale's total
  'SPLIT_NOT_OWED', // no void cash part of this sale is waiting to be given back
  'SHIFT_CASH_OWED', // a void split cash part is not yet given back: the shift cannot close
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
