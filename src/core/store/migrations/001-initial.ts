// Migration 1: the first schema, as written by the lead (was schema-001.sql). Kept as a TypeScript string
// so the same source works under tsx/vitest and when Vite bundles Electron main. Never edit once shipped:
// later changes go in new numbered migrations.
import type Database from 'better-sqlite3';
import type { Migration } from './types';

export const SCHEMA_001 = `
-- wxpay-pos schema, version 1. Money is INTEGER fen. Times are epoch ms (INTEGER).
-- Owned by src/core/store; the checkout and refund engines read and write these tables through
-- their repositories. Later changes go in new numbered migrations, never by editing this file
-- once it has shipped.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Encrypted blobs (API key, certificate, PIN hash) written through a SecretBox; never plain text.
CREATE TABLE secrets (
  name       TEXT PRIMARY KEY,
  blob       BLOB NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE sales (
  id         TEXT PRIMARY KEY,
  till_id    TEXT NOT NULL,
  cashier    TEXT NOT NULL,
  total_fen  INTEGER NOT NULL CHECK (total_fen > 0),
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE sale_lines (
  sale_id  TEXT NOT NULL REFERENCES sales(id),
  line_no  INTEGER NOT NULL,
  name     TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  unit_fen INTEGER NOT NULL CHECK (unit_fen >= 0),
  line_fen INTEGER NOT NULL CHECK (line_fen = quantity * unit_fen),
  PRIMARY KEY (sale_id, line_no)
) STRICT;

-- One row per money-moving order sent to WeChat. kind leaves room for quick pay (MICROPAY).
-- state is the engine's persisted state; it only moves forward (enforced by the engine with
-- UPDATE ... WHERE state IN (allowed predecessors)).
CREATE TABLE payment_attempts (
  id                  TEXT PRIMARY KEY,
  sale_id             TEXT NOT NULL REFERENCES sales(id),
  kind                TEXT NOT NULL CHECK (kind IN ('NATIVE', 'MICROPAY')),
  out_trade_no        TEXT NOT NULL UNIQUE,
  total_fen           INTEGER NOT NULL CHECK (total_fen > 0),
  body                TEXT NOT NULL,
  state               TEXT NOT NULL,
  code_url            TEXT,
  expires_at          INTEGER,
  transaction_id      TEXT,
  cancel_requested_at INTEGER,
  last_reason         TEXT,
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL,
  final_at            INTEGER
) STRICT;
CREATE INDEX payment_attempts_open ON payment_attempts(state) WHERE final_at IS NULL;
CREATE INDEX payment_attempts_sale ON payment_attempts(sale_id);

-- A receipt exists only for a gateway-confirmed payment (UNIQUE out_trade_no: never two).
CREATE TABLE receipts (
  id                 TEXT PRIMARY KEY,
  sale_id            TEXT NOT NULL REFERENCES sales(id),
  attempt_id         TEXT NOT NULL UNIQUE REFERENCES payment_attempts(id),
  out_trade_no       TEXT NOT NULL UNIQUE,
  transaction_id     TEXT NOT NULL UNIQUE,
  total_fen          INTEGER NOT NULL CHECK (total_fen > 0),
  refunded_fen       INTEGER NOT NULL DEFAULT 0 CHECK (refunded_fen >= 0 AND refunded_fen <= total_fen),
  paid_at            INTEGER NOT NULL,
  paid_after_cancel  INTEGER NOT NULL DEFAULT 0 CHECK (paid_after_cancel IN (0, 1))
) STRICT;
CREATE INDEX receipts_paid_at ON receipts(paid_at, id);
CREATE INDEX receipts_total ON receipts(total_fen, paid_at);

CREATE TABLE refunds (
  id            TEXT PRIMARY KEY,
  receipt_id    TEXT NOT NULL REFERENCES receipts(id),
  out_refund_no TEXT NOT NULL UNIQUE,
  amount_fen    INTEGER NOT NULL CHECK (amount_fen > 0),
  reason        TEXT NOT NULL,
  approver      TEXT NOT NULL,
  state         TEXT NOT NULL,
  refund_id     TEXT,
  last_reason   TEXT,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  final_at      INTEGER
) STRICT;
CREATE INDEX refunds_receipt ON refunds(receipt_id);
CREATE INDEX refunds_open ON refunds(state) WHERE final_at IS NULL;

-- Alerts the till must show until dismissed (e.g. paid after cancel: offer a refund).
CREATE TABLE alerts (
  id           TEXT PRIMARY KEY,
  kind         TEXT NOT NULL,
  sale_id      TEXT REFERENCES sales(id),
  amount_fen   INTEGER NOT NULL DEFAULT 0,
  message      TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  dismissed_at INTEGER
) STRICT;

-- Append-only; h = SHA-256(prev_hash || canonical row), verified at start-up.
CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY,
  at        INTEGER NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  subject   TEXT NOT NULL,
  detail    TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
`;

export const migration001: Migration = {
  version: 1,
  name: 'initial',
  up(db: Database.Database): void {
    db.exec(SCHEMA_001);
  },
};
