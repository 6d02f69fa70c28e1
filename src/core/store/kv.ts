// Settings (plain text key/value) and secrets (opaque blobs already encrypted by a SecretBox: this module
// never sees plain secrets and never logs values).
import type Database from 'better-sqlite3';
import { stmt } from './stmt';

export function getSetting(db: Database.Database, key: string): string | null {
  const row = stmt(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setSetting(db: Database.Database, key: string, value: string): void {
  stmt(db, 'INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function deleteSetting(db: Database.Database, key: string): void {
  stmt(db, 'DELETE FROM settings WHERE key = ?').run(key);
}

export function getSecret(db: Database.Database, name: string): Uint8Array | null {
  const row = stmt(db, 'SELECT blob FROM secrets WHERE name = ?').get(name) as { blob: Buffer } | undefined;
  return row ? new Uint8Array(row.blob) : null;
}

/** blob must already be encrypted (SecretBox.encrypt). nowMs comes from the injected clock. */
export function putSecret(db: Database.Database, name: string, blob: Uint8Array, nowMs: number): void {
  stmt(
    db,
    'INSERT INTO secrets(name, blob, updated_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET blob = excluded.blob, updated_at = excluded.updated_at',
  ).run(name, Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength), nowMs);
}

export function deleteSecret(db: Database.Database, name: string): void {
  stmt(db, 'DELETE FROM secrets WHERE name = ?').run(name);
}
