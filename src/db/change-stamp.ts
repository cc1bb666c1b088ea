import { sql } from 'kysely';
import type { Db } from './connection';

/**
 * A value that changes whenever the database content may have changed, read in one cheap query:
 * what this connection has written (`total_changes()`, which counts trigger writes too) and whether
 * any other connection — a `gainsay import` or a second server process — has committed since
 * (`data_version`). SQLite-only; on PostgreSQL a counter bumped by a statement trigger would do.
 * A rolled-back write also moves the stamp: that only costs a cache miss.
 */
export async function readChangeStamp(db: Db): Promise<string> {
  const { rows } = await sql<{ changes: number; version: number }>`
    select total_changes() as changes, data_version as version from pragma_data_version()`.execute(db);
  const row = rows[0]!;
  return `${row.version}.${row.changes}`;
}
