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

/** A query cancelled because it ran past its budget: the SQLite read pool's, or PostgreSQL's statement_timeout (57014). */
export function isQueryTimeout(err: unknown): boolean {
  const code = codeOf(err);
  return code === QUERY_TIMEOUT_CODE || code === '57014';
}

/**
 * PostgreSQL's "try again" errors: serialization_failure (40001) and deadlock_detected (40P01), which a
 * SERIALIZABLE transaction meets when a concurrent one got there first, and lock_not_available (55P03,
 * lock_timeout).
 */
const POSTGRES_BUSY = new Set(['40001', '40P01', '55P03']);

/** PostgreSQL's serialization failures: the transaction can simply run again (src/db/postgres.ts does). */
export function isSerializationFailure(err: unknown): boolean {
  const code = codeOf(err);
  return code === '40001' || code === '40P01';
}

/**
 * The database is held by someone else, or has no reader free, and trying again shortly will work:
 * SQLite's "locked by another connection" (better-sqlite3 puts SQLITE_BUSY… / SQLITE_LOCKED… on `code`),
 * the SQLite read pool's "all readers taken", PostgreSQL's serialization failures and lock timeouts.
 */
export function isDatabaseBusy(err: unknown): boolean {
  const code = codeOf(err);
  return (
    code !== undefined &&
    (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code === DATABASE_BUSY_CODE || POSTGRES_BUSY.has(code))
  );
}
