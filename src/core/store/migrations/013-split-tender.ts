// Migration 13 (issue 13 point 1, i13-split): split tender, cash + WeChat. split_tenders holds the cash
// part of a sale whose rest is one WeChat attempt, written with the sale and the attempt (so it survives a
// crash and restart). It is not drawer money yet: its state is the attempt's (PENDING until final). When
// the attempt's receipt is written, the same transaction adds the cash part to cash_tenders (core:
// store/repos/split-tender-repo.ts payCashPart), and from then on it is an ordinary cash tender of the
// shift (expected cash, day totals, cash refunds). An attempt that ends unpaid leaves it VOID: the cashier
// gives it back and records that (returned_at).
//
// Head office: split_tenders travels as kind 'split_tender' (insert, and the return); receipts carry
// split_cash_fen so HQ can check that the WeChat part plus the cash part make the sale's total.
import type Database from 'better-sqlite3';
import { OUTBOX_SOURCES } from './011-hq-outbox';
import { outboxTriggerSql, type OutboxSource } from './outbox-sources';
import type { Migration } from './types';

export const SCHEMA_013 = `
CREATE TABLE split_tenders (
  sale_id        TEXT PRIMARY KEY REFERENCES sales(id),
  attempt_id     TEXT NOT NULL UNIQUE REFERENCES payment_attempts(id),
  shift_id       TEXT NOT NULL REFERENCES shifts(id),
  mode           TEXT NOT NULL CHECK (mode IN ('SANDBOX', 'LIVE')),
  sale_total_fen INTEGER NOT NULL CHECK (sale_total_fen > 0),
  cash_fen       INTEGER NOT NULL CHECK (cash_fen > 0 AND cash_fen < sale_total_fen),
  wechat_fen     INTEGER NOT NULL CHECK (wechat_fen = sale_total_fen - cash_fen),
  tendered_fen   INTEGER NOT NULL CHECK (tendered_fen >= cash_fen),
  change_fen     INTEGER NOT NULL CHECK (change_fen = tendered_fen - cash_fen),
  taken_at       INTEGER NOT NULL,
  returned_at    INTEGER,
  returned_by    TEXT
) STRICT;
-- History's amount filter finds a split sale by its sale total too.
CREATE INDEX split_tenders_amount ON split_tenders(mode, sale_total_fen);
-- The void cash parts still owed to customers (few): the till shows them until given back.
CREATE INDEX split_tenders_owed ON split_tenders(taken_at) WHERE returned_at IS NULL;
-- Only the return may be written after the insert, and only once.
CREATE TRIGGER split_tenders_fixed BEFORE UPDATE OF sale_id, attempt_id, shift_id, mode, sale_total_fen, cash_fen, wechat_fen,
  tendered_fen, change_fen, taken_at ON split_tenders BEGIN SELECT RAISE(ABORT, 'a split tender cannot change'); END;
CREATE TRIGGER split_tenders_returned_once BEFORE UPDATE OF returned_at, returned_by ON split_tenders WHEN OLD.returned_at IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'a split cash part is given back once'); END;
`;

/** The split rows HQ receives (new in 013). */
export const SPLIT_OUTBOX_SOURCE: OutboxSource = { table: 'split_tenders', kind: 'split_tender', key: 'sale_id', updateOf: ['returned_at'] };

const receiptsSource = OUTBOX_SOURCES.find((s) => s.table === 'receipts');
if (!receiptsSource) throw new Error('outbox: the receipts source is missing');

/** Receipts as of 013: as in 011, plus the split's cash part (0 when the sale was paid by WeChat alone). */
export const RECEIPTS_OUTBOX_SOURCE_013: OutboxSource = {
  ...receiptsSource,
  extra: { ...receiptsSource.extra, split_cash_fen: '(SELECT coalesce(max(t.cash_fen), 0) FROM split_tenders t WHERE t.attempt_id = R.attempt_id)' },
};

/** What the outbox sends from 013 on (enrolment back-fills these): 011's list with receipts replaced, and the split rows. */
export const OUTBOX_SOURCES_NOW: readonly OutboxSource[] = [
  ...OUTBOX_SOURCES.map((s) => (s.table === 'receipts' ? RECEIPTS_OUTBOX_SOURCE_013 : s)),
  SPLIT_OUTBOX_SOURCE,
];

export const migration013: Migration = {
  version: 13,
  name: 'split-tender',
  up(db: Database.Database): void {
    db.exec(SCHEMA_013);
    db.exec('DROP TRIGGER IF EXISTS hq_outbox_receipts_ins; DROP TRIGGER IF EXISTS hq_outbox_receipts_upd;');
    db.exec(outboxTriggerSql(db, RECEIPTS_OUTBOX_SOURCE_013));
    db.exec(outboxTriggerSql(db, SPLIT_OUTBOX_SOURCE));
  },
};
