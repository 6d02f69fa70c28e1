// HQ schema step 4 (issue 16 point 4, i16-xrefund): reservations expire, and HQ can answer a till's
// search for a payment made at another till.
// - refund_reservations.expires_at: a RESERVED row past it is released lazily by the next reservation
//   of the same payment, under that payment's row lock (state EXPIRED, expired_at set). A till that
//   crashed or lost its network for good no longer locks the balance forever.
// - A late SUCCESS of an expired reservation is still counted (money left WeChat): state REFUNDED with
//   expired_at kept as the flag. So refunded + reserved may briefly exceed total at HQ (a second till may
//   have reserved the released amount; WeChat refuses that refund, see docs/hq.md): the combined CHECK of
//   schema 1 would refuse the late report and stall the till's outbox, so it goes; each part stays >= 0.
// - receipts_transaction_id_rev: the till's search by transaction_id (exact or tail), like out_trade_no.
export const HQ_SCHEMA_004 = `
ALTER TABLE refund_reservations ADD COLUMN expires_at TIMESTAMPTZ;
UPDATE refund_reservations SET expires_at = created_at + interval '7 days';
ALTER TABLE refund_reservations ALTER COLUMN expires_at SET NOT NULL;
ALTER TABLE refund_reservations ADD COLUMN expired_at TIMESTAMPTZ;
ALTER TABLE refund_reservations DROP CONSTRAINT refund_reservations_state_check;
ALTER TABLE refund_reservations ADD CONSTRAINT refund_reservations_state_check CHECK (state IN ('RESERVED', 'REFUNDED', 'RELEASED', 'EXPIRED'));
CREATE INDEX refund_reservations_open ON refund_reservations(out_trade_no, expires_at) WHERE state = 'RESERVED';
CREATE INDEX refund_reservations_late ON refund_reservations(settled_at) WHERE expired_at IS NOT NULL;
ALTER TABLE payment_balances DROP CONSTRAINT payment_balances_check;
CREATE INDEX receipts_transaction_id_rev ON receipts(reverse(transaction_id) text_pattern_ops);
`;
