// SQLite-only (it reads index definitions from sqlite_master); on PostgreSQL suspendIndexes does nothing:
// dropping an index there takes a lock that stops every reader of the table until the import commits,
// and only speed depends on it.
//
// Why: a bulk import into a table with secondary indexes inserts every new row into each of them at a
// scattered position, which costs more than the row itself (the claim table has five). Building an index
// with CREATE INDEX sorts its entries once instead, several times cheaper when most rows are new. So a
// large import drops these indexes for its remaining rows and creates them again before it commits.
import { sql } from 'kysely';
import type { Db } from './connection';
import { engineOf } from './engine';

/**
 * Drops the plain (non-unique) indexes of `tables` and returns the function that creates them again.
 * Only inside a transaction: the drop is part of it (a rollback brings the indexes back), and its write
 * lock keeps other connections out until they are back. Unique indexes stay: they enforce rules.
 */
export async function suspendIndexes(db: Db, tables: readonly string[]): Promise<() => Promise<void>> {
  if (engineOf(db) === 'postgres') return async () => {};
  const { rows } = await sql<{ name: string; sql: string }>`
    select m.name, m.sql from sqlite_master m
    join pragma_index_list(m.tbl_name) i on i.name = m.name
    where m.type = 'index' and m.tbl_name in (${sql.join(tables)}) and i.origin = 'c' and i."unique" = 0 and m.sql is not null
    order by m.name`.execute(db);
  for (const { name } of rows) await sql`drop index ${sql.id(name)}`.execute(db);
  return async () => {
    for (const { sql: definition } of rows) await sql.raw(definition).execute(db);
  };
}
