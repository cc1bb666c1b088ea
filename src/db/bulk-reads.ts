import type { Compilable, Kysely } from 'kysely';
import { engineOf } from './engine';
import { cursorIdChunks } from './postgres-cursor';

// Bulk reads (the exports) give every row as an array of its columns, no object per row. On SQLite a
// registered session runs them where the database says (sqlite-bulk.ts): on a reader worker in raw mode,
// rows made into arrays there and sent back a chunk at a time, or on the writer connection of an
// in-memory database. Without one (a transaction, or another database such as PostgreSQL) the very same
// queries run through Kysely and give the same arrays, only slower.

/** Runs selects and gives every row as an array of its columns, in the order they are selected. */
export interface BulkReader {
  rows(query: Compilable): Promise<unknown[][]>;
  /** The first column of every row, as numbers (ids), without an array of rows in between. */
  numbers(query: Compilable): Promise<Float64Array>;
}

/** Runs `read` with a reader that sees one state of the database throughout. */
export type BulkSession = <T>(read: (reader: BulkReader) => Promise<T>) => Promise<T>;

const sessions = new WeakMap<object, BulkSession>();

/** Lets bulk reads on `db` run through `session` (called by wrapSqlite and readSnapshot). */
export function registerBulkReads(db: Kysely<unknown>, session: BulkSession): void {
  sessions.set(db, session);
}

/** A growing Float64Array of ids. */
export function growingNumbers() {
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
 * Runs `read` on one state of the database: it never sees another request's transaction half-done,
 * nor a commit between two of its reads. Keep each call short (one chunk of rows): it holds a reader.
 */
export async function withBulkReader<DB, T>(db: Kysely<DB>, read: (reader: BulkReader) => Promise<T>): Promise<T> {
  if (db.isTransaction) return read(kyselyReader(db as Kysely<unknown>));
  const session = sessions.get(db);
  if (session) return session(read);
  return db.connection().execute((conn) => read(kyselyReader(conn as Kysely<unknown>)));
}

/**
 * The rows of an ordered id list, `chunkSize` ids at a time: the ids are read first (8 bytes each; on
 * PostgreSQL in a transaction, a chunk at a time through a cursor), then `readChunk` reads each chunk's
 * records by id. Between chunks other requests get the event loop.
 */
export async function* inIdChunks<DB, R>(
  db: Kysely<DB>,
  orderedIds: Compilable,
  chunkSize: number,
  readChunk: (reader: BulkReader, ids: number[]) => Promise<R[]>,
): AsyncGenerator<R[]> {
  for await (const chunk of idChunks(db, orderedIds, chunkSize)) {
    const records = await withBulkReader(db, (read) => readChunk(read, chunk));
    if (records.length) yield records;
  }
}

async function* idChunks<DB>(db: Kysely<DB>, orderedIds: Compilable, chunkSize: number): AsyncGenerator<number[]> {
  if (db.isTransaction && engineOf(db) === 'postgres') {
    yield* cursorIdChunks(db, orderedIds, chunkSize);
    return;
  }
  const ids = await withBulkReader(db, (read) => read.numbers(orderedIds));
  for (let start = 0; start < ids.length; start += chunkSize) {
    if (start) await new Promise<void>((resolve) => setImmediate(resolve));
    yield Array.from(ids.subarray(start, start + chunkSize));
  }
}
