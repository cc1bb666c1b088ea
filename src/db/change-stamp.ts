import { sql } from 'kysely';
import type { Db } from './connection';
import { engineOf } from './engine';

/**
 * A value that changes whenever the database content may have changed, read in one cheap query:
 * what this connection has written (`total_changes()`, which counts trigger writes too) and whether
 * any other connection — a `gainsay import` or a second server process — has committed since
 * (`data_version`). SQLite-only; on PostgreSQL a counter bumped by a statement trigger would do.
 * A rolled-back write also moves the stamp: that only costs a cache miss.
 */
export async function readChangeStamp(db: Db): Promise<string> {
  if (engineOf(db) === 'postgres') {
    // PostgreSQL: the position of the write-ahead log, which every committed change of any process moves
    // forward (as do bookkeeping writes and vacuum, which only cost cache misses). Replaced by the
    // content_version counter where that lands.
    const { rows } = await sql<{ lsn: string }>`select pg_current_wal_insert_lsn()::text as lsn`.execute(db);
    return rows[0]!.lsn;
  }
  const { rows } = await sql<{ changes: number; version: number }>`
    select total_changes() as changes, data_version as version from pragma_data_version()`.execute(db);
  const row = rows[0]!;
  return `${row.version}.${row.changes}`;
}
