// HQ schema step 1: tills and their credentials, the raw event log of every till's outbox, and the
// projections the head office reads (receipts, refunds, audit rows). Money is BIGINT fen; till times are
// epoch ms as the till wrote them (its clock may be wrong), received_at is HQ's own clock.
export const HQ_SCHEMA_001 = `
CREATE TABLE shops (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO shops (id, name) VALUES ('main', 'Main shop');

-- Owner credentials of the HQ web page and API: only a SHA-256 of the key is kept.
CREATE TABLE owner_keys (
  key_hash   TEXT PRIMARY KEY,
  label      TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A till exists once it has enrolled. token_hash is SHA-256 of its bearer token (the token itself never
-- stays at HQ). revoked_at set: every call of that till is refused.
CREATE TABLE tills (
  id          TEXT PRIMARY KEY,
  shop_id     TEXT NOT NULL REFERENCES shops(id),
  name        TEXT NOT NULL,
  token_hash  TEXT NOT NULL UNIQUE,
  enrolled_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  revoked_at  TIMESTAMPTZ,
  acked_seq   BIGINT NOT NULL DEFAULT 0,
  last_seen_at TIMESTAMPTZ,
  clock_skew_ms BIGINT
);

-- One-time enrolment codes made by the owner; stored hashed, used once, expire.
CREATE TABLE enrol_codes (
  code_hash  TEXT PRIMARY KEY,
  shop_id    TEXT NOT NULL REFERENCES shops(id),
  till_name  TEXT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  used_at    TIMESTAMPTZ,
  till_id    TEXT REFERENCES tills(id)
);

-- Every outbox row of every till, exactly once: (till_id, seq) is the idempotency key.
CREATE TABLE till_events (
  till_id     TEXT NOT NULL REFERENCES tills(id),
  seq         BIGINT NOT NULL CHECK (seq > 0),
  kind        TEXT NOT NULL,
  ref         TEXT NOT NULL,
  payload     JSONB NOT NULL,
  created_at  BIGINT NOT NULL,
  received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (till_id, seq)
);

-- Latest snapshot of each till receipt (the row with the highest seq wins; replays change nothing).
CREATE TABLE receipts (
  till_id        TEXT NOT NULL REFERENCES tills(id),
  id             TEXT NOT NULL,
  seq            BIGINT NOT NULL,
  sale_id        TEXT NOT NULL,
  out_trade_no   TEXT NOT NULL,
  transaction_id TEXT NOT NULL,
  tender         TEXT NOT NULL,
  mode           TEXT NOT NULL,
  total_fen      BIGINT NOT NULL CHECK (total_fen > 0),
  refunded_fen   BIGINT NOT NULL CHECK (refunded_fen >= 0),
  paid_at        BIGINT NOT NULL,
  beijing_day    DATE NOT NULL,
  lines          JSONB NOT NULL,
  PRIMARY KEY (till_id, id)
);
CREATE UNIQUE INDEX receipts_out_trade_no ON receipts(out_trade_no);
-- Day totals per till and tender: an index-only scan over (day, till, tender) covering total_fen.
CREATE INDEX receipts_day_till ON receipts(beijing_day, till_id, tender) INCLUDE (total_fen, refunded_fen);
-- History tail search (newest first) and search by the tail of an order number.
CREATE INDEX receipts_paid_at ON receipts(paid_at DESC);
CREATE INDEX receipts_out_trade_no_rev ON receipts(reverse(out_trade_no) text_pattern_ops);

CREATE TABLE refunds (
  till_id       TEXT NOT NULL REFERENCES tills(id),
  id            TEXT NOT NULL,
  seq           BIGINT NOT NULL,
  receipt_id    TEXT NOT NULL,
  out_refund_no TEXT NOT NULL,
  amount_fen    BIGINT NOT NULL CHECK (amount_fen > 0),
  state         TEXT NOT NULL,
  created_at    BIGINT NOT NULL,
  PRIMARY KEY (till_id, id)
);

-- Any other synced row kind (audit rows, shifts, Z reports, ...): the latest snapshot per (till, kind, ref).
CREATE TABLE till_rows (
  till_id TEXT NOT NULL REFERENCES tills(id),
  kind    TEXT NOT NULL,
  ref     TEXT NOT NULL,
  seq     BIGINT NOT NULL,
  payload JSONB NOT NULL,
  PRIMARY KEY (till_id, kind, ref)
);

-- Refused batches, with the reason, for the owner to see; nothing of the batch itself is stored.
CREATE TABLE ingest_refusals (
  id        BIGSERIAL PRIMARY KEY,
  till_id   TEXT,
  reason    TEXT NOT NULL,
  detail    TEXT NOT NULL,
  at        TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Refundable balance per payment, across tills. reserved_fen is held while a till calls WeChat.
CREATE TABLE payment_balances (
  out_trade_no TEXT PRIMARY KEY,
  till_id      TEXT NOT NULL,
  total_fen    BIGINT NOT NULL CHECK (total_fen > 0),
  refunded_fen BIGINT NOT NULL DEFAULT 0 CHECK (refunded_fen >= 0),
  reserved_fen BIGINT NOT NULL DEFAULT 0 CHECK (reserved_fen >= 0),
  -- refunds the paying till made on its own (offline or before HQ knew), learnt from its outbox
  local_refunded_fen BIGINT NOT NULL DEFAULT 0 CHECK (local_refunded_fen >= 0),
  CHECK (refunded_fen + reserved_fen <= total_fen)
);

CREATE TABLE refund_reservations (
  out_refund_no TEXT PRIMARY KEY,
  out_trade_no  TEXT NOT NULL REFERENCES payment_balances(out_trade_no),
  till_id       TEXT NOT NULL REFERENCES tills(id),
  amount_fen    BIGINT NOT NULL CHECK (amount_fen > 0),
  state         TEXT NOT NULL CHECK (state IN ('RESERVED', 'REFUNDED', 'RELEASED')),
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  settled_at    TIMESTAMPTZ
);
`;
