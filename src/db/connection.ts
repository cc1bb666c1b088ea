import SqliteDatabase from 'better-sqlite3';
import { Kysely, type KyselyConfig } from 'kysely';
import { LRUCache } from 'lru-cache';
import { registerBulkReads } from './bulk-reads';
import type { DB } from './schema';
import { writerBulkSession, sessionReader } from './sqlite-bulk';
import { routingDialect } from './sqlite-driver';
import { ReaderPool } from './sqlite-pool';

export type Db = Kysely<DB>;

export interface Connection {
  db: Db;
  /** The writer connection (an in-memory database's only one). */
  sqlite: SqliteDatabase.Database;
}

/** How the SQLite seam spreads work (config: DATABASE_READERS, QUERY_TIMEOUT_MS, EXPORT_TIMEOUT_MS). */
export interface SqliteOptions {
  /** Reader workers for reads outside transactions; 0 runs them on the main thread (exports still read a snapshot on a worker). Default 2. */
  readers?: number;
  /** The budget of each pooled read, in milliseconds. */
  queryTimeoutMs?: number;
  /** The budget of each read of an export's snapshot, in milliseconds. */
  exportTimeoutMs?: number;
}

/** How long a statement waits for another connection's lock before failing with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;
export const DEFAULT_READERS = 2;
export const DEFAULT_QUERY_TIMEOUT_MS = 3000;
export const DEFAULT_EXPORT_TIMEOUT_MS = 30_000;

/** Applies the settings every Gainsay connection needs, whatever file or buffer it came from. */
function configureSqlite(sqlite: SqliteDatabase.Database): SqliteDatabase.Database {
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // WAL needs a real file; an in-memory database keeps its own journal mode.
  if (!sqlite.memory) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  return sqlite;
}

/**
 * Kysely prepares every statement it runs, and preparing an insert into a table with triggers and
 * constraints costs more than running it. Reusing prepared statements (the most recent 500) makes
 * bulk work such as imports several times faster. Safe because Kysely runs one query at a time on a
 * SQLite connection. (Each reader worker keeps its own cache: sqlite-reader.worker.cjs.)
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

const pools = new WeakMap<object, ReaderPool>();

/** The reader pool under `db` (a database file's handle), or undefined (in-memory, a transaction, PostgreSQL). */
export function readerPoolOf<T>(db: Kysely<T>): ReaderPool | undefined {
  return pools.get(db);
}

/**
 * Why a subclass: Kysely's `destroy()` ends the driver only if the driver was ever initialized, and snapshots
 * and bulk reads use the pool without going through the driver. A database only exported from, then destroyed,
 * would leave its reader workers running (and, once a terminated one exits, refilling the pool).
 */
class PooledKysely extends Kysely<DB> {
  constructor(
    private readonly pool: ReaderPool,
    config: KyselyConfig,
  ) {
    super(config);
  }

  override async destroy(): Promise<void> {
    await this.pool.close();
    await super.destroy();
  }
}

/**
 * Kysely on a better-sqlite3 connection: the writer. A database file also gets `readers` reader
 * workers for the reads outside transactions (see sqlite-driver.ts); an in-memory one has none.
 */
export function wrapSqlite(sqlite: SqliteDatabase.Database, options: SqliteOptions = {}): Connection {
  configureSqlite(sqlite);
  const readers = options.readers ?? DEFAULT_READERS;
  // A file always gets a pool, for the snapshots of exports (a worker of their own each); with
  // readers < 1 no read is routed to it and its workers are never started.
  const pool = sqlite.memory
    ? null
    : new ReaderPool({
        path: sqlite.name,
        readers: Math.max(0, readers),
        queryTimeoutMs: options.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS,
        exportTimeoutMs: options.exportTimeoutMs ?? DEFAULT_EXPORT_TIMEOUT_MS,
        busyTimeoutMs: BUSY_TIMEOUT_MS,
      });
  const routed = pool && readers >= 1 ? pool : null;
  const { dialect, withWriter } = routingDialect(withStatementCache(sqlite), routed);
  const db = pool ? new PooledKysely(pool, { dialect }) : new Kysely<DB>({ dialect });
  if (pool) pools.set(db, pool);
  if (routed) registerBulkReads(db as Kysely<unknown>, (read) => routed.lease((session) => read(sessionReader(session))));
  else registerBulkReads(db as Kysely<unknown>, writerBulkSession(sqlite, withWriter));
  return { db, sqlite };
}

export function openDatabase(path: string, options: SqliteOptions = {}): Connection {
  return wrapSqlite(new SqliteDatabase(path), options);
}
