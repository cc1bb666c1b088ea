import type SqliteDatabase from 'better-sqlite3';
import type { Compilable } from 'kysely';
import { LRUCache } from 'lru-cache';
import { growingNumbers, type BulkReader, type BulkSession } from './bulk-reads';
import type { ReaderSession } from './sqlite-pool';

// SQLite's bulk readers (see bulk-reads.ts): rows as arrays straight from better-sqlite3's raw mode,
// on a reader worker (made into arrays there, sent back one chunk per request; ids as a transferred
// Float64Array) or, for an in-memory database, on the writer.

/** Bulk reads on a reader session (a pooled lease or a snapshot). */
export function sessionReader(session: ReaderSession): BulkReader {
  return {
    rows: async (query: Compilable) => {
      const { sql, parameters } = query.compile();
      const reply = await session.read({ sql, params: parameters, mode: 'raw' });
      if (!('rows' in reply)) throw new Error(`A bulk read only reads: ${sql.slice(0, 60)}`);
      return reply.rows as unknown[][];
    },
    numbers: async (query: Compilable) => {
      const { sql, parameters } = query.compile();
      const reply = await session.read({ sql, params: parameters, mode: 'numbers' });
      if (!('numbers' in reply)) throw new Error(`A bulk read only reads: ${sql.slice(0, 60)}`);
      return reply.numbers;
    },
  };
}

const STATEMENT_CACHE_SIZE = 32;

/**
 * Bulk reads on the writer connection itself (an in-memory database has no readers), holding it like
 * a Kysely connection would. Its own statement cache: raw mode is a flag on the statement, so these
 * must never be the statements Kysely's cache hands out for the same SQL.
 */
export function writerBulkSession(sqlite: SqliteDatabase.Database, withWriter: <T>(fn: () => Promise<T>) => Promise<T>): BulkSession {
  const statements = new LRUCache<string, SqliteDatabase.Statement>({ max: STATEMENT_CACHE_SIZE });
  const raw = (source: string) => {
    let stmt = statements.get(source);
    if (!stmt) {
      stmt = sqlite.prepare(source).raw(true);
      statements.set(source, stmt);
    }
    return stmt;
  };
  const reader: BulkReader = {
    rows: async (query) => {
      const { sql, parameters } = query.compile();
      return raw(sql).all(...parameters) as unknown[][];
    },
    numbers: async (query) => {
      const { sql, parameters } = query.compile();
      const out = growingNumbers();
      for (const row of raw(sql).iterate(...parameters) as IterableIterator<unknown[]>) out.push(row[0]);
      return out.done();
    },
  };
  return (read) => withWriter(() => read(reader));
}
