// What the settings module needs of the database: plain settings (KV), encrypted secret blobs, the
// audit log and transactions. It is exactly the store's kv surface, so boot passes store.kv in.
// Secret blobs are already encrypted by the SecretBox; never pass plain text to putSecret.
export type { StoreKv as SettingsStorage, AuditEntry } from '../store';
