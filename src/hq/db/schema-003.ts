// HQ schema step 3 (issue 16.7): day totals per Beijing day, till and tender, kept as a table so the HQ
// page reads a few rows instead of aggregating a day of receipts (over 10M receipts that aggregate alone
// was the p99 of the page). Statement-level triggers with transition tables keep it equal to the
// aggregate of `receipts` whoever writes there: a new receipt adds itself (ON CONFLICT DO NOTHING adds
// nothing, so a replayed or duplicated batch never counts twice), a newer snapshot of a receipt (a refund
// that settled on the till raises refunded_fen) adds the difference, a delete takes the row out. One
// upsert per statement, not per row. The triggers are made before the back-fill, in the same transaction:
// CREATE TRIGGER locks `receipts` against writers until the step commits, so no row is missed or counted
// twice while the existing receipts are summed.
//
// Also: the raw outbox payloads (till_events, and till_rows' latest snapshots) become json, the till's text
// as it was sent, instead of jsonb. Building jsonb was about two thirds of PostgreSQL's work per stored row
// at ingest, for columns never searched by content (the projections are what HQ reads; json still answers
// ->, ->> for the odd query). The change rewrites both tables once, at this step.
export const HQ_SCHEMA_003 = `
ALTER TABLE till_events ALTER COLUMN payload TYPE json USING payload::json;
ALTER TABLE till_rows ALTER COLUMN payload TYPE json USING payload::json;

CREATE TABLE hq_day_totals (
  beijing_day  DATE NOT NULL,
  till_id      TEXT NOT NULL REFERENCES tills(id),
  tender       TEXT NOT NULL,
  receipts     BIGINT NOT NULL CHECK (receipts >= 0),
  paid_fen     BIGINT NOT NULL CHECK (paid_fen >= 0),
  refunded_fen BIGINT NOT NULL CHECK (refunded_fen >= 0),
  PRIMARY KEY (beijing_day, till_id, tender)
);

-- Adds the rows of new_rows and takes away those of old_rows (either may be absent for the event).
CREATE FUNCTION hq_day_totals_apply() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO hq_day_totals AS d (beijing_day, till_id, tender, receipts, paid_fen, refunded_fen)
    SELECT beijing_day, till_id, tender, count(*), sum(total_fen), sum(refunded_fen)
      FROM new_rows GROUP BY beijing_day, till_id, tender ORDER BY beijing_day, till_id, tender
    ON CONFLICT (beijing_day, till_id, tender) DO UPDATE
      SET receipts = d.receipts + excluded.receipts, paid_fen = d.paid_fen + excluded.paid_fen, refunded_fen = d.refunded_fen + excluded.refunded_fen;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO hq_day_totals AS d (beijing_day, till_id, tender, receipts, paid_fen, refunded_fen)
    SELECT beijing_day, till_id, tender, sum(n), sum(paid), sum(refunded) FROM (
        SELECT beijing_day, till_id, tender, 1 AS n, total_fen AS paid, refunded_fen AS refunded FROM new_rows
        UNION ALL
        SELECT beijing_day, till_id, tender, -1, -total_fen, -refunded_fen FROM old_rows) x
     GROUP BY beijing_day, till_id, tender
    HAVING sum(n) <> 0 OR sum(paid) <> 0 OR sum(refunded) <> 0
     ORDER BY beijing_day, till_id, tender
    ON CONFLICT (beijing_day, till_id, tender) DO UPDATE
      SET receipts = d.receipts + excluded.receipts, paid_fen = d.paid_fen + excluded.paid_fen, refunded_fen = d.refunded_fen + excluded.refunded_fen;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE hq_day_totals d SET receipts = d.receipts - o.n, paid_fen = d.paid_fen - o.paid, refunded_fen = d.refunded_fen - o.refunded
      FROM (SELECT beijing_day, till_id, tender, count(*) AS n, sum(total_fen) AS paid, sum(refunded_fen) AS refunded
              FROM old_rows GROUP BY beijing_day, till_id, tender) o
     WHERE d.beijing_day = o.beijing_day AND d.till_id = o.till_id AND d.tender = o.tender;
  END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER receipts_day_totals_ins AFTER INSERT ON receipts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hq_day_totals_apply();
CREATE TRIGGER receipts_day_totals_upd AFTER UPDATE ON receipts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hq_day_totals_apply();
CREATE TRIGGER receipts_day_totals_del AFTER DELETE ON receipts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION hq_day_totals_apply();

INSERT INTO hq_day_totals (beijing_day, till_id, tender, receipts, paid_fen, refunded_fen)
SELECT beijing_day, till_id, tender, count(*), sum(total_fen), sum(refunded_fen) FROM receipts GROUP BY beijing_day, till_id, tender;
`;
