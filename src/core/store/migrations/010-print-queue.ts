// Migration 10 (issue 14, printing): the persistent print queue. A slip is queued in its own row after
// the sale has committed and printed from there, so a printer that is offline, out of paper or silent
// never blocks a sale and a restart loses no slip. The document is stored as the model (JSON), not as
// bytes: it is rendered for the printer configured when it prints.
//   dedupe_key  e.g. 'auto:<saleId>' - the paid screen's auto-print queues a sale once, however often
//               the paid event arrives; NULL for reprints and test pages (each is a new slip).
//   state       queued → printed, or queued → discarded (the cashier gave up on it).
//   fault       the last failure kind (offline, paper_out, no_answer, garbage, config), for the status line.
import type Database from 'better-sqlite3';
import type { Migration } from './types';

export const SCHEMA_010 = `
CREATE TABLE print_jobs (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  dedupe_key  TEXT UNIQUE,
  kind        TEXT NOT NULL,
  doc_json    TEXT NOT NULL,
  open_drawer INTEGER NOT NULL DEFAULT 0 CHECK (open_drawer IN (0, 1)),
  state       TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'printed', 'discarded')),
  attempts    INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  fault       TEXT,
  next_at     INTEGER NOT NULL,
  created_at  INTEGER NOT NULL,
  printed_at  INTEGER
);
CREATE INDEX print_jobs_queued ON print_jobs(state, id);
`;

export const migration010: Migration = {
  version: 10,
  name: 'print-queue',
  up(db: Database.Database): void {
    db.exec(SCHEMA_010);
  },
};
