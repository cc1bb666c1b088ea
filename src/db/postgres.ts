// The PostgreSQL side of the engine seam: a Kysely handle on a `pg` pool. Everything above src/db/ sees
// the same `Db` as on SQLite; engine-specific SQL branches on engineOf(db) (src/db/engine.ts).
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Db } from './connection';
import type { DB } from './schema';

export interface PostgresOptions {
  /** Connections in the pool (DATABASE_POOL_MAX). */
  poolMax?: number;
  /** statement_timeout of every connection, in ms: the query budget (0 = none). */
  statementTimeoutMs?: number;
  /** Names the connections in pg_stat_activity. */
  applicationName?: string;
}

export interface PostgresConnection {
  db: Db;
  pool: pg.Pool;
}

/**
 * Why custom type parsers: `count(*)` and `sum()` are bigint and `pg` hands bigints over as strings, where
 * SQLite gives numbers. Gainsay's counts and ids stay far below 2^53, so they are read as numbers.
 */
const BIGINT_OIDS = new Set<number>([pg.types.builtins.INT8, pg.types.builtins.NUMERIC]);
const defaultParser = pg.types.getTypeParser as (oid: number, format?: 'text' | 'binary') => (value: string) => unknown;
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    BIGINT_OIDS.has(oid) ? (value: string) => Number(value) : defaultParser(oid, format),
};

export function openPostgres(
  url: string,
  { poolMax = 10, statementTimeoutMs = 0, applicationName = 'gainsay' }: PostgresOptions = {},
): PostgresConnection {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolMax,
    types,
    application_name: applicationName,
    ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs, lock_timeout: statementTimeoutMs } : {}),
  });
  // An idle connection that the server drops (a restart, a failover) must not crash the process.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, pool };
}

/** Whether `url` names a PostgreSQL database (postgres:// or postgresql://). */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}
