import { sql, type Kysely } from 'kysely';
import { registerBulkReads } from './bulk-reads';
import { readerPoolOf } from './connection';
import { engineOf } from './engine';
import { sessionReader } from './sqlite-bulk';
import { snapshotKysely } from './sqlite-driver';

// One consistent state of the database for work made of many reads (an export: the ids, then every
// chunk of records, then the total), however long it takes and whatever is written meanwhile.

export interface SnapshotOptions {
  /** The budget of each read in the snapshot (default: the database's EXPORT_TIMEOUT_MS). */
  timeoutMs?: number;
}

/**
 * Runs `fn` on one snapshot: every query through the handle it is given sees the database as it was
 * when the snapshot's first read ran, and nothing written after. SQLite: a reader worker of its own,
 * in one read transaction (WAL), so the pooled readers stay free for pages. PostgreSQL: a read-only
 * `repeatable read` transaction with a statement timeout. A read past `timeoutMs` rejects with
 * GAINSAY_QUERY_TIMEOUT. An in-memory SQLite database (tests) has no readers: `fn` gets `db` itself.
 */
export async function readSnapshot<DB, T>(
  db: Kysely<DB>,
  fn: (snapshot: Kysely<DB>) => Promise<T>,
  options: SnapshotOptions = {},
): Promise<T> {
  if (engineOf(db) === 'postgres') {
    return db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        if (options.timeoutMs !== undefined) {
          await sql.raw(`set local statement_timeout = ${Math.max(1, Math.round(options.timeoutMs))}`).execute(trx);
        }
        return fn(trx);
      });
  }
  const pool = readerPoolOf(db);
  if (!pool || db.isTransaction) return fn(db);
  return pool.snapshot(async (session) => {
    const snapshot = snapshotKysely<DB>(session);
    registerBulkReads(snapshot as Kysely<unknown>, (read) => read(sessionReader(session)));
    return fn(snapshot);
  }, options.timeoutMs);
}
