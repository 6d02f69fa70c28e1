import type Database from 'better-sqlite3';

/** One schema step. up() runs inside a transaction that also sets PRAGMA user_version = version. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}
