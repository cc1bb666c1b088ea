import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, SqliteDriver, type DatabaseConnection, type Driver, type SqliteDialectConfig } from 'kysely';
import { LRUCache } from 'lru-cache';
import { registerBulkReads } from './bulk-reads';
import type { DB } from './schema';

export type Db = Kysely<DB>;

export interface Connection {
  db: Db;
  sqlite: SqliteDatabase.Database;
}

/** How long a statement waits for another connection's lock before failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

/** Applies the settings every Gainsay connection needs, whatever file or buffer it came from. */
function configureSqlite(sqlite: SqliteDatabase.Database): SqliteDatabase.Database {
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // WAL needs a real file; an in-memory database keeps its own journal mode.
  if (sqlite.name !== ':memory:' && sqlite.name !== '') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  return sqlite;
}

/**
 * Kysely prepares every statement it runs, and preparing an insert into a table with triggers and
 * constraints costs more than running it. Reusing prepared statements (the most recent 500) makes
 * bulk work such as imports several times faster. Safe because Kysely runs one query at a time on a
 * SQLite connection.
 */
function withStatementCache(sqlite: SqliteDatabase.Database, size = 500): SqliteDatabase.Database {
  const cache = new LRUCache<string, SqliteDatabase.Statement>({ max: size });
  const prepare = (source: string) => {
    let stmt = cache.get(source);
    if (!stmt) {
      stmt = sqlite.prepare(source);
      cache.set(source, stmt);
    }
    return stmt;
  };
  return new Proxy(sqlite, {
    get(target, prop) {
      if (prop === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Kysely's SQLite transactions start with a plain (deferred) BEGIN. Every Gainsay transaction writes,
 * and a deferred one that reads first fails at its first write, at once and whatever the busy timeout
 * (SQLITE_BUSY_SNAPSHOT), when another process committed in between — the server's API writes while
 * `gainsay import` runs, for example. BEGIN IMMEDIATE takes the write lock first, waiting the busy timeout.
 */
class ImmediateTransactionDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class GainsaySqliteDialect extends SqliteDialect {
  constructor(private readonly dialectConfig: SqliteDialectConfig) {
    super(dialectConfig);
  }

  override createDriver(): Driver {
    return new ImmediateTransactionDriver(this.dialectConfig);
  }
}

export function wrapSqlite(sqlite: SqliteDatabase.Database): Connection {
  const db = new Kysely<DB>({ dialect: new GainsaySqliteDialect({ database: withStatementCache(configureSqlite(sqlite)) }) });
  registerBulkReads(db as Kysely<unknown>, sqlite);
  return { db, sqlite };
}

export function openDatabase(path: string): Connection {
  return wrapSqlite(new SqliteDatabase(path));
}
