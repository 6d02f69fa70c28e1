// HQ schema step 5 (cross-till refunds at HQ, i16-hqrefunds): a refund made at another till counts on the
// paying till's receipt. Counter 2's refund of counter 1's sale points to counter 2's mirror receipt,
// which HQ never receives, and counter 1's snapshot (receipts.refunded_fen) never learns of it, so HQ's
// history and day totals showed the payment as not refunded.
// - receipts.foreign_refunded_fen: the reservations of this payment settled REFUNDED by a till other than
//   the paying one (a foreign refund always goes through HQ's reservation). Kept by a row trigger on
//   refund_reservations that recomputes the sum (not an increment): a repeated settle, a replayed batch or
//   a late SUCCESS after expiry can never count twice. It fires only when a reservation's state changes
//   (settles are few; ingest of receipts is untouched).
// - hq_day_totals.refunded_fen becomes sum(refunded_fen + foreign_refunded_fen) of the receipts paid that
//   day: the function of schema 3 is replaced, so updating foreign_refunded_fen moves the totals by the
//   difference through the existing statement triggers.
// Order: the function first, then the back-fill UPDATE, which therefore moves hq_day_totals itself.
// ADD COLUMN … DEFAULT 0 does not rewrite receipts (PostgreSQL 11+) and holds off writers until the step commits.
export const HQ_SCHEMA_005 = `
ALTER TABLE receipts ADD COLUMN foreign_refunded_fen BIGINT NOT NULL DEFAULT 0 CHECK (foreign_refunded_fen >= 0);
CREATE INDEX refund_reservations_payment ON refund_reservations(out_trade_no);

CREATE OR REPLACE FUNCTION hq_day_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO hq_day_totals AS d (beijing_day, till_id, tender, receipts, paid_fen, refunded_fen)
    SELECT beijing_day, till_id, tender, count(*), sum(total_fen), sum(refunded_fen + foreign_refunded_fen)
      FROM new_rows GROUP BY beijing_day, till_id, tender ORDER BY beijing_day, till_id, tender
    ON CONFLICT (beijing_day, till_id, tender) DO UPDATE
      SET receipts = d.receipts + excluded.receipts, paid_fen = d.paid_fen + excluded.paid_fen, refunded_fen = d.refunded_fen + excluded.refunded_fen;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO hq_day_totals AS d (beijing_day, till_id, tender, receipts, paid_fen, refunded_fen)
    SELECT beijing_day, till_id, tender, sum(n), sum(paid), sum(refunded) FROM (
        SELECT beijing_day, till_id, tender, 1 AS n, total_fen AS paid, refunded_fen + foreign_refunded_fen AS refunded FROM new_rows
        UNION ALL
        SELECT beijing_day, till_id, tender, -1, -total_fen, -(refunded_fen + foreign_refunded_fen) FROM old_rows) x
     GROUP BY beijing_day, till_id, tender
    HAVING sum(n) <> 0 OR sum(paid) <> 0 OR sum(refunded) <> 0
     ORDER BY beijing_day, till_id, tender
    ON CONFLICT (beijing_day, till_id, tender) DO UPDATE
      SET receipts = d.receipts + excluded.receipts, paid_fen = d.paid_fen + excluded.paid_fen, refunded_fen = d.refunded_fen + excluded.refunded_fen;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE hq_day_totals d SET receipts = d.receipts - o.n, paid_fen = d.paid_fen - o.paid, refunded_fen = d.refunded_fen - o.refunded
      FROM (SELECT beijing_day, till_id, tender, count(*) AS n, sum(total_fen) AS paid, sum(refunded_fen + foreign_refunded_fen) AS refunded
              FROM old_rows GROUP BY beijing_day, till_id, tender) o
     WHERE d.beijing_day = o.beijing_day AND d.till_id = o.till_id AND d.tender = o.tender;
  END IF;
  RETURN NULL;
END
$fn$;

-- The paying till's receipt of one payment takes the sum of the other tills' settled refunds.
CREATE FUNCTION hq_foreign_refunded_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  otn TEXT;
BEGIN
  IF TG_OP = 'DELETE' THEN otn := OLD.out_trade_no; ELSE otn := NEW.out_trade_no; END IF;
  UPDATE receipts r SET foreign_refunded_fen = f.fen
    FROM (SELECT r2.till_id, r2.id, coalesce((SELECT sum(v.amount_fen) FROM refund_reservations v
                 WHERE v.out_trade_no = r2.out_trade_no AND v.state = 'REFUNDED' AND v.till_id <> r2.till_id), 0) AS fen
            FROM receipts r2 WHERE r2.out_trade_no = otn) f
   WHERE r.till_id = f.till_id AND r.id = f.id AND r.foreign_refunded_fen <> f.fen;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER refund_reservations_foreign_refunded AFTER INSERT OR DELETE OR UPDATE OF state, amount_fen, till_id ON refund_reservations
  FOR EACH ROW EXECUTE FUNCTION hq_foreign_refunded_apply();

UPDATE receipts r SET foreign_refunded_fen = f.fen
  FROM (SELECT v.out_trade_no, v2.till_id, sum(v.amount_fen) AS fen
          FROM refund_reservations v JOIN receipts v2 ON v2.out_trade_no = v.out_trade_no
         WHERE v.state = 'REFUNDED' AND v.till_id <> v2.till_id GROUP BY v.out_trade_no, v2.till_id) f
 WHERE r.out_trade_no = f.out_trade_no AND r.till_id = f.till_id;
`;
