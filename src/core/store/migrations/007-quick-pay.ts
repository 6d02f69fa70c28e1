// Migration 7 (issue 12, quick pay): what a MICROPAY attempt needs to survive kill -9, and the payment
// kind on receipts so the history list shows it without a join (its keyset indexes stay as they are).
//   payment_attempts.auth_code     the customer's payment code, so a resend (only where WeChat allows
//                                  one) is byte-for-byte the same micropay; never a second number
//   payment_attempts.pay_sent_at   when the first micropay was sent: reverse is not sent earlier than
//                                  15 s after it (wxpay-v2.md 4.5), across restarts too
//   payment_attempts.reverse_sends how many reverse calls were sent: the recall=Y loop has a bound
//   receipts.kind                  NATIVE / MICROPAY, copied from the attempt when the receipt is written
import type Database from 'better-sqlite3';
import type { Migration } from './types';

export const SCHEMA_007 = `
ALTER TABLE payment_attempts ADD COLUMN auth_code TEXT;
ALTER TABLE payment_attempts ADD COLUMN pay_sent_at INTEGER;
ALTER TABLE payment_attempts ADD COLUMN reverse_sends INTEGER NOT NULL DEFAULT 0 CHECK (reverse_sends >= 0);
ALTER TABLE receipts ADD COLUMN kind TEXT NOT NULL DEFAULT 'NATIVE' CHECK (kind IN ('NATIVE', 'MICROPAY'));
`;

export const migration007: Migration = {
  // 7 once 005 (i11-staff) and 006 (i11-audit) are merged; 5 on this branch so the list stays contiguous.
  version: 5,
  name: 'quick-pay',
  up(db: Database.Database): void {
    db.exec(SCHEMA_007);
  },
};
