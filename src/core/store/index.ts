// Public surface of the store. Engine, settings and boot import from here.
export { openStore, DEFAULT_QUICK_CHECK_MAX_BYTES, BUSY_TIMEOUT_MS } from './open';
export type { Store, StoreKv, OpenStoreOptions, StartupReport, BackgroundCheckResult } from './open';
export { GENESIS_HASH, canonicalRow, chainHash, createAuditLog } from './audit';
export type { AuditLog, AuditEntry, AuditRow, AuditVerifyResult } from './audit';
export { getSetting, setSetting, deleteSetting, getSecret, putSecret, deleteSecret } from './kv';
export {
  listReceipts,
  getReceiptDetail,
  dayTotals,
  encodeCursor,
  decodeCursor,
  InvalidQueryError,
  MAX_PAGE_SIZE,
  REFUND_SUCCESS_STATE,
} from './history';
export { receiptStatus } from './repos/receipt-repo';
export { refundStatus } from './repos/refund-repo';
export { insertAlert } from './repos/alert-repo';
export { openWorkCount } from './repos/attempt-repo';
export { MIGRATIONS, latestVersion, migrate, assertOrdered, userVersion } from './migrations';
export type { Migration } from './migrations';
export {
  StoreError,
  DbFromFutureError,
  DbCorruptError,
  DbForeignError,
  DbSettingsError,
  MigrationError,
  isCorruptionError,
} from './errors';
