// `gainsay copy --to postgres://…`: moves a whole SQLite database to an empty PostgreSQL one — every
// table, every row, ids kept — in one PostgreSQL transaction, so a failed copy leaves nothing behind.
// Rows travel by COPY (copySqliteToPostgresByCopy), or by multi-row inserts through Kysely
// (copySqliteToPostgres); the benchmark measures both.
import type SqliteDatabase from 'better-sqlite3';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect, sql, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from './connection';
import { migrateToLatest } from './migrator';
import type { DB } from './schema';

/** SQLite's own tables, the search index (rebuilt by PostgreSQL's triggers as rows arrive) and the migration log. */
const NOT_COPIED = /^(sqlite_|search_fts|kysely_migration)/;

/** PostgreSQL binds at most 65,535 parameters per statement. */
const MAX_PARAMETERS = 60_000;

export interface CopyReport {
  tables: Array<{ table: string; rows: number }>;
}

/** The tables to copy, each after the tables its foreign keys point at. */
export function tablesInDependencyOrder(sqlite: SqliteDatabase.Database): string[] {
  const tables = (sqlite.prepare(`select name from sqlite_master where type = 'table' order by name`).pluck().all() as string[]).filter(
    (name) => !NOT_COPIED.test(name),
  );
  const dependsOn = new Map(
    tables.map((t) => [
      t,
      (sqlite.prepare(`select "table" from pragma_foreign_key_list(?)`).pluck().all(t) as string[]).filter((d) => d !== t),
    ]),
  );
  const ordered: string[] = [];
  const visit = (t: string, path: Set<string>) => {
    if (ordered.includes(t) || path.has(t)) return;
    path.add(t);
    for (const d of dependsOn.get(t) ?? []) if (tables.includes(d)) visit(d, path);
    ordered.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return ordered;
}

async function isEmpty(db: Db): Promise<boolean> {
  for (const table of ['claim', 'claimant', 'source', 'user_account'] as const) {
    if (await db.selectFrom(table).select('id').limit(1).executeTakeFirst()) return false;
  }
  return true;
}

/**
 * Copies every table of `sqlite` into `target` (migrated here first; it must hold no records), then moves
 * each identity sequence past the largest id SQLite ever gave (its AUTOINCREMENT record included, so the
 * ids of deleted rows are never handed out again).
 */
export function copySqliteToPostgres(
  sqlite: SqliteDatabase.Database,
  target: Db,
  onTable: (table: string, rows: number) => void = () => undefined,
): Promise<CopyReport> {
  return copyTables(sqlite, target, onTable, insertRows);
}

/**
 * The same copy with each table's rows sent by COPY … FROM STDIN on `client` (one connection: the
 * transaction and the COPY streams must share it). Several times faster than the inserts at scale.
 */
export function copySqliteToPostgresByCopy(
  sqlite: SqliteDatabase.Database,
  client: pg.ClientBase,
  onTable: (table: string, rows: number) => void = () => undefined,
): Promise<CopyReport> {
  return copyTables(sqlite, onClient(client), onTable, (_trx, table, columns, rows) => copyRows(client, table, columns, rows), {
    deferIndexes: true,
  });
}

/** `gainsay copy`: the copy by COPY into the database at `url`, on a connection of its own. */
export async function copySqliteToPostgresAt(
  sqlite: SqliteDatabase.Database,
  url: string,
  onTable: (table: string, rows: number) => void = () => undefined,
): Promise<CopyReport> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await copySqliteToPostgresByCopy(sqlite, client, onTable);
  } finally {
    await client.end();
  }
}

/** Writes one table's rows inside the copy's transaction; returns how many. */
type RowWriter = (trx: Db, table: string, columns: string[], rows: Iterable<unknown[]>) => Promise<number>;

async function insertRows(trx: Db, table: string, columns: string[], rows: Iterable<unknown[]>): Promise<number> {
  const db = trx as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  let batch: Array<Record<string, unknown>> = [];
  let count = 0;
  const flush = async () => {
    if (batch.length) await db.insertInto(table).values(batch).execute();
    count += batch.length;
    batch = [];
  };
  for (const row of rows) {
    batch.push(Object.fromEntries(columns.map((c, i) => [c, row[i]])));
    if (batch.length >= perStatement) await flush();
  }
  await flush();
  return count;
}

/** One value in COPY's text format: \N for null, backslash escapes for the characters the format uses, bytea as hex. */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (Buffer.isBuffer(value)) return `\\\\x${value.toString('hex')}`;
  // SQLite hands over text, numbers (integers beyond 2^53 as bigint) and buffers.
  const text =
    typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'bigint' ? String(value) : JSON.stringify(value);
  return text.replace(/[\\\n\r\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : '\\t'));
}

async function copyRows(client: pg.ClientBase, table: string, columns: string[], rows: Iterable<unknown[]>): Promise<number> {
  let count = 0;
  // Lines go out in chunks of a thousand rows: one stream write per row would cost more than the row.
  function* chunks() {
    let lines: string[] = [];
    for (const row of rows) {
      lines.push(`${row.map(copyText).join('\t')}\n`);
      count++;
      if (lines.length === 1000) {
        yield lines.join('');
        lines = [];
      }
    }
    if (lines.length) yield lines.join('');
  }
  const list = columns.map((c) => `"${c}"`).join(', ');
  await pipeline(Readable.from(chunks()), client.query(copyFrom(`copy "${table}" (${list}) from stdin`)));
  return count;
}

/**
 * A Kysely handle whose every query runs on `client`, so the copy's transaction and its COPY streams use
 * the one connection (a pool would hand Kysely another).
 */
function onClient(client: pg.ClientBase): Db {
  const shared = { query: client.query.bind(client), release: () => undefined } as unknown as PostgresPoolClient;
  return new Kysely<DB>({
    dialect: new PostgresDialect({ pool: { connect: () => Promise.resolve(shared), end: () => Promise.resolve() } }),
  });
}

async function copyTables(
  sqlite: SqliteDatabase.Database,
  target: Db,
  onTable: (table: string, rows: number) => void,
  writeRows: RowWriter,
  { deferIndexes = false } = {},
): Promise<CopyReport> {
  await migrateToLatest(target);
  if (!(await isEmpty(target))) throw new Error('The PostgreSQL database already holds records: copy into an empty database.');
  const tables = tablesInDependencyOrder(sqlite);
  const report: CopyReport = { tables: [] };
  const sequences = sqlite
    .prepare(`select name, seq from sqlite_sequence`)
    .all()
    .reduce<Map<string, number>>((m, r) => m.set((r as { name: string }).name, Number((r as { seq: number }).seq)), new Map());
  await target.transaction().execute(async (trx) => {
    const db = trx as unknown as Kysely<Record<string, Record<string, unknown>>>;
    // A bulk load: indexes that back no constraint (the search index's GIN among them) are built once at
    // the end from their own definitions, cheaper than keeping them row by row. DDL is transactional here.
    const deferred = deferIndexes ? await secondaryIndexes(trx) : [];
    for (const index of deferred) await sql`drop index ${sql.id(index.name)}`.execute(trx);
    for (const table of tables) {
      // Rows a migration put in (the verdict scale) are replaced by the source's own.
      await db.deleteFrom(table).execute();
      const columns = (sqlite.prepare(`select name from pragma_table_info(?)`).pluck().all(table) as string[]).filter(Boolean);
      const select = sqlite.prepare(`select ${columns.map((c) => `"${c}"`).join(', ')} from "${table}" order by rowid`).raw();
      const rows = await writeRows(trx, table, columns, select.iterate() as IterableIterator<unknown[]>);
      if (columns.includes('id') && (await hasIdentity(trx, table))) {
        const high = sql`greatest(coalesce((select max(id) from ${sql.table(table)}), 0), ${sequences.get(table) ?? 0})`;
        await sql`select setval(pg_get_serial_sequence(${table}, 'id'), greatest(${high}, 1), ${high} > 0)`.execute(trx);
      }
      report.tables.push({ table, rows });
      onTable(table, rows);
    }
    // The content tables' triggers counted every copied row: the counter goes back to the source's value.
    const stamp = sqlite.prepare(`select version from content_version where id = 1`).pluck().get();
    if (stamp !== undefined) {
      // The rows the copy's own triggers made (one per server process) go: the stamp is their sum.
      await sql`delete from content_version where id <> 1`.execute(trx);
      await sql`update content_version set version = ${stamp} where id = 1`.execute(trx);
    }
    for (const index of deferred) await sql.raw(index.definition).execute(trx);
    // A database filled in one go has no planner statistics until autovacuum's next round; lists
    // filtered by topic, among others, are planned from them (migration 2026_12_01_06_00_00_topic_statistics).
    await sql`analyze`.execute(trx);
  });
  return report;
}

/** The indexes of the schema that back no constraint (primary keys and unique constraints stay). */
async function secondaryIndexes(db: Db): Promise<Array<{ name: string; definition: string }>> {
  const { rows } = await sql<{ name: string; definition: string }>`
    select c.relname as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`.execute(db);
  return rows;
}

async function hasIdentity(db: Db, table: string): Promise<boolean> {
  const { rows } = await sql<{ seq: string | null }>`select pg_get_serial_sequence(${table}, 'id') as seq`.execute(db);
  return rows[0]?.seq != null;
}
