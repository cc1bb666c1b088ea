// What database errors mean for a request, whichever engine raised them. (Created by the PostgreSQL work
// with the names the engine seam agreed on; the SQLite read pool adds its own timeout code here.)

const codeOf = (err: unknown): unknown => (err as { code?: unknown } | null)?.code;

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
 * The database is held by someone else and trying again shortly will work: SQLite's "locked by another
 * connection" (better-sqlite3 puts SQLITE_BUSY… / SQLITE_LOCKED… on `code`) or PostgreSQL's
 * serialization failures and lock timeouts. The error handler answers 503 with Retry-After.
 */
export function isDatabaseBusy(err: unknown): boolean {
  const code = codeOf(err);
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || POSTGRES_BUSY.has(code));
}

/** A query ran past its budget: PostgreSQL's statement_timeout (57014, query_canceled) or the SQLite read pool's. */
export function isQueryTimeout(err: unknown): boolean {
  const code = codeOf(err);
  return code === '57014' || code === 'GAINSAY_QUERY_TIMEOUT';
}
