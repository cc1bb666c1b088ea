import type SqliteDatabase from 'better-sqlite3';
import type { Compilable, Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';

// SQLite-only, and only a shortcut: bulk reads (the exports) run their compiled Kysely selects straight
// through better-sqlite3 prepared statements in raw mode — rows as arrays, no object per row, no promise
// per query. Without a registered handle (a transaction, or another database such as PostgreSQL) the very
// same queries run through Kysely and give the same arrays, only slower.

/** Runs selects and gives every row as an array of its columns, in the order they are selected. */
export interface BulkReader {
  rows(query: Compilable): Promise<unknown[][]>;
  /** The first column of every row, as numbers (ids), without an array of rows in between. */
  numbers(query: Compilable): Promise<Float64Array>;
}

interface RawHandle {
  sqlite: SqliteDatabase.Database;
  statements: LRUCache<string, SqliteDatabase.Statement>;
}

const handles = new WeakMap<object, RawHandle>();
const STATEMENT_CACHE_SIZE = 32;

/** Lets bulk reads on `db` use `sqlite`, the connection under it (called by wrapSqlite). */
export function registerBulkReads(db: Kysely<unknown>, sqlite: SqliteDatabase.Database): void {
  handles.set(db, { sqlite, statements: new LRUCache({ max: STATEMENT_CACHE_SIZE }) });
}

// Why a cache of its own: raw mode is a flag on the statement, so these must never be the statements
// Kysely's own cache hands out for the same SQL.
function rawStatement(handle: RawHandle, source: string): SqliteDatabase.Statement {
  let stmt = handle.statements.get(source);
  if (!stmt) {
    stmt = handle.sqlite.prepare(source).raw(true);
    handle.statements.set(source, stmt);
  }
  return stmt;
}

function growingNumbers() {
  let values = new Float64Array(1024);
  let length = 0;
  return {
    push(value: unknown) {
      if (length === values.length) {
        const bigger = new Float64Array(values.length * 2);
        bigger.set(values);
        values = bigger;
      }
      values[length++] = Number(value);
    },
    done: () => values.slice(0, length),
  };
}

function rawReader(handle: RawHandle): BulkReader {
  return {
    rows: async (query) => {
      const { sql, parameters } = query.compile();
      return rawStatement(handle, sql).all(...parameters) as unknown[][];
    },
    numbers: async (query) => {
      const { sql, parameters } = query.compile();
      const out = growingNumbers();
      for (const row of rawStatement(handle, sql).iterate(...parameters) as IterableIterator<unknown[]>) out.push(row[0]);
      return out.done();
    },
  };
}

function kyselyReader(conn: Kysely<unknown>): BulkReader {
  const rows = async (query: Compilable) =>
    (await conn.executeQuery(query.compile())).rows.map((row) => Object.values(row as Record<string, unknown>));
  return {
    rows,
    numbers: async (query) => {
      const out = growingNumbers();
      for (const row of await rows(query)) out.push(row[0]);
      return out.done();
    },
  };
}

/**
 * Runs `read` holding the database connection: other requests wait until it ends, and it never sees
 * another request's transaction half-done. Keep each call short (one chunk of rows) so they do not wait long.
 */
export async function withBulkReader<DB, T>(db: Kysely<DB>, read: (reader: BulkReader) => Promise<T>): Promise<T> {
  if (db.isTransaction) return read(kyselyReader(db as Kysely<unknown>));
  const handle = handles.get(db);
  return db.connection().execute((conn) => read(handle ? rawReader(handle) : kyselyReader(conn as Kysely<unknown>)));
}

/**
 * The rows of an ordered id list, `chunkSize` ids at a time: the ids are read first (8 bytes each), then
 * `readChunk` reads each chunk's records by id. Between chunks other requests get the connection.
 */
export async function* inIdChunks<DB, R>(
  db: Kysely<DB>,
  orderedIds: Compilable,
  chunkSize: number,
  readChunk: (reader: BulkReader, ids: number[]) => Promise<R[]>,
): AsyncGenerator<R[]> {
  const ids = await withBulkReader(db, (read) => read.numbers(orderedIds));
  for (let start = 0; start < ids.length; start += chunkSize) {
    if (start) await new Promise<void>((resolve) => setImmediate(resolve));
    const chunk = Array.from(ids.subarray(start, start + chunkSize));
    const records = await withBulkReader(db, (read) => readChunk(read, chunk));
    if (records.length) yield records;
  }
}
