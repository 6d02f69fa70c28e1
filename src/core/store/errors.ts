// Typed failures of opening the store, so boot can choose what to show (quit dialog, read-only mode)
// without parsing messages. Messages name the file and versions only, never data.

/** Base class: every error the store raises on open is one of these. */
export class StoreError extends Error {
  constructor(
    readonly code: 'DB_FROM_FUTURE' | 'DB_CORRUPT' | 'DB_FOREIGN' | 'DB_SETTINGS' | 'MIGRATION_FAILED',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The file was written by a newer app (user_version above what this build knows). Left untouched. */
export class DbFromFutureError extends StoreError {
  constructor(
    readonly file: string,
    readonly fileVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      'DB_FROM_FUTURE',
      `The receipts database ${file} was written by a newer version of wxpay-pos (schema ${fileVersion}; ` +
        `this version knows up to ${knownVersion}). Install the newer version; the file was not changed.`,
    );
  }
}

/** SQLite reports the file damaged (open failed, or quick_check found problems). */
export class DbCorruptError extends StoreError {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
    options?: { cause?: unknown },
  ) {
    super('DB_CORRUPT', `The receipts database ${file} is damaged: ${problems.slice(0, 3).join('; ')}`, options);
  }
}

/** A SQLite file that is not ours (user_version 0 but it already has tables). Left untouched. */
export class DbForeignError extends StoreError {
  constructor(readonly file: string) {
    super('DB_FOREIGN', `${file} is an SQLite file that wxpay-pos did not create; refusing to change it.`);
  }
}

/** A pragma did not take (e.g. synchronous is not FULL): durability cannot be promised. */
export class DbSettingsError extends StoreError {
  constructor(message: string) {
    super('DB_SETTINGS', message);
  }
}

export class MigrationError extends StoreError {
  constructor(
    readonly version: number,
    readonly migration: string,
    cause: unknown,
  ) {
    super('MIGRATION_FAILED', `Migration ${version} (${migration}) failed and was rolled back: ${String(cause)}`, { cause });
  }
}

/** SQLite error codes that mean "the file is damaged or not a database". */
export function isCorruptionError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || (typeof code === 'string' && code.startsWith('SQLITE_CORRUPT_'));
}
