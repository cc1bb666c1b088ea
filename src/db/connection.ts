import SqliteDatabase from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { DB } from './schema';

export type Db = Kysely<DB>;

export interface Connection {
  db: Db;
  sqlite: SqliteDatabase.Database;
}

/** Applies the settings every Gainsay connection needs, whatever file or buffer it came from. */
export function configureSqlite(sqlite: SqliteDatabase.Database): SqliteDatabase.Database {
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // WAL needs a real file; an in-memory database keeps its own journal mode.
  if (sqlite.name !== ':memory:' && sqlite.name !== '') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  return sqlite;
}

export function wrapSqlite(sqlite: SqliteDatabase.Database): Connection {
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: configureSqlite(sqlite) }) });
  return { db, sqlite };
}

export function openDatabase(path: string): Connection {
  return wrapSqlite(new SqliteDatabase(path));
}
