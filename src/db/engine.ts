import { PostgresAdapter, type Kysely } from 'kysely';

/** The database engines Gainsay runs on: embedded SQLite (the default) and a PostgreSQL server. */
export type Engine = 'sqlite' | 'postgres';

/**
 * Which engine a Kysely handle talks to, read from its adapter, so engine-specific SQL (search, bulk
 * loading) can branch without the handle being wrapped or the engine threaded through every call.
 */
export function engineOf<DB>(db: Kysely<DB>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
