// Who may read the till's files (issue 11 point 2): the data folder is 0700 and the database, its WAL
// and SHM files and every backup 0600, so another account on the computer cannot copy the records (or
// the PIN records) off it. SQLite creates -wal/-shm with the database file's own mode, so making the
// database 0600 before SQLite opens it covers them; existing files are tightened on every open.
// On Windows chmod only toggles read-only; the profile folder's ACL is what protects it there.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

function tighten(path: string, mode: number): void {
  try {
    if (existsSync(path)) chmodSync(path, mode);
  } catch {
    // Not ours to change (e.g. a read-only copy opened for support): leave it; opening still works.
  }
}

export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  tighten(dir, DIR_MODE);
}

/** Creates the file empty with mode 0600 when missing (SQLite treats an empty file as a new database). */
export function privateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', FILE_MODE));
  tighten(file, FILE_MODE);
}

/** The database and its WAL/SHM companions. */
export function privateDbFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) tighten(file + suffix, FILE_MODE);
}
