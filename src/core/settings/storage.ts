// What the settings module needs of the database: plain settings (KV), encrypted secret blobs and the
// audit log. The store's Store.kv has exactly this shape (src/core/store/open.ts), so boot passes it in.

export interface AuditEntry {
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly detail: string;
}

export interface SettingsStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
  getSecret(name: string): Uint8Array | null;
  /** blob is already encrypted by the SecretBox; never pass plain text. */
  putSecret(name: string, blob: Uint8Array): void;
  deleteSecret(name: string): void;
  audit(entry: AuditEntry): void;
  /** Runs fn in one SQLite transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T;
}
