/** How long a statement waits for another connection's lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;
/** Files above this size get quick_check after ready (backgroundCheck), not during open: docs/bench/store.md. */
export const DEFAULT_QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024;
/** journal_size_limit: the WAL file shrinks back to at most this after a checkpoint. */
export const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;
