// The database errors the app answers alike on every engine (the error handler makes both a 503 with
// Retry-After): a query stopped past its budget, and a database too busy to take the work now.

/** The `code` of a query cancelled past its budget (QUERY_TIMEOUT_MS, EXPORT_TIMEOUT_MS). */
export const QUERY_TIMEOUT_CODE = 'GAINSAY_QUERY_TIMEOUT';
/** The `code` of work refused at once because the readers are all taken (see sqlite-pool.ts). */
export const DATABASE_BUSY_CODE = 'GAINSAY_DATABASE_BUSY';

/** An error with a `code`, as the drivers make them (better-sqlite3's SqliteError, pg's DatabaseError). */
export class DatabaseError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'DatabaseError';
  }
}

function codeOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A query cancelled because it ran past its budget. */
export function isQueryTimeout(err: unknown): boolean {
  return codeOf(err) === QUERY_TIMEOUT_CODE;
}

/**
 * The database is locked by another connection (SQLite's SQLITE_BUSY and SQLITE_LOCKED codes, which
 * better-sqlite3 puts on `code`), or has no reader free: trying again shortly will work.
 */
export function isDatabaseBusy(err: unknown): boolean {
  const code = codeOf(err);
  return code !== undefined && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code === DATABASE_BUSY_CODE);
}
