// The PostgreSQL side of the engine seam: a Kysely handle on a `pg` pool. Everything above src/db/ sees
// the same `Db` as on SQLite; engine-specific SQL branches on engineOf(db) (src/db/engine.ts).
import { Kysely, PostgresDialect, type TransactionBuilder } from 'kysely';
import pg from 'pg';
import type { Db } from './connection';
import { isSerializationFailure } from './db-errors';
import { replicaRoutingDialect } from './read-replica';
import type { DB } from './schema';

export interface PostgresOptions {
  /** Connections in the pool (DATABASE_POOL_MAX). */
  poolMax?: number;
  /** statement_timeout of every connection, in ms: the query budget (0 = none). */
  statementTimeoutMs?: number;
  /** Names the connections in pg_stat_activity. */
  applicationName?: string;
  /** A read replica (DATABASE_READ_URL) for the reads that may lag (src/db/read-replica.ts); a pool of poolMax of its own. */
  readUrl?: string;
  /** After the replica was found unreachable, how long its reads go to the primary (ms; tests shorten it). */
  replicaRetryMs?: number;
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

/** How often a transaction that lost a serialization race runs again before its error goes to the caller (a 503). */
const SERIALIZATION_ATTEMPTS = 8;

/**
 * Every read-then-write rule of Gainsay (a free slug, no claimant twin, the version a form was loaded
 * at) was written for SQLite, where one writer at a time sees the latest data. On PostgreSQL several
 * processes write at once, so transactions run SERIALIZABLE: the database then fails one of two
 * transactions whose reads and writes overlap (40001) instead of letting both commit, and the loser runs
 * again from the start, now seeing the winner's rows. Transaction bodies do database work only, so running
 * one again is safe (the same rule the SQLite write queue already relies on).
 */
class SerializableKysely<T> extends Kysely<T> {
  override transaction(): TransactionBuilder<T> {
    const builder = super.transaction().setIsolationLevel('serializable');
    const execute = builder.execute.bind(builder);
    return Object.assign(builder, {
      execute: async <R>(fn: Parameters<typeof execute<R>>[0]): Promise<R> => {
        for (let attempt = 1; ; attempt++) {
          try {
            return await execute(fn);
          } catch (err) {
            if (!isSerializationFailure(err) || attempt >= SERIALIZATION_ATTEMPTS) throw err;
            // Back off a little, with jitter, so the racers do not collide again in step.
            const pause = Math.min(200, 2 ** attempt) * (0.5 + Math.random());
            await new Promise((resolve) => setTimeout(resolve, pause));
          }
        }
      },
    });
  }
}

export function openPostgres(
  url: string,
  { poolMax = 10, statementTimeoutMs = 0, applicationName = 'gainsay', readUrl, replicaRetryMs }: PostgresOptions = {},
): PostgresConnection {
  const poolOf = (connectionString: string, connectionTimeoutMillis?: number) => {
    const pool = new pg.Pool({
      connectionString,
      max: poolMax,
      connectionTimeoutMillis,
      types,
      application_name: applicationName,
      // A wait for another transaction's lock gives up a little before the statement's budget runs out, so
      // it is reported as the database being busy (try again) rather than as a query too slow to answer.
      ...(statementTimeoutMs > 0
        ? { statement_timeout: statementTimeoutMs, lock_timeout: Math.max(1, Math.floor(statementTimeoutMs * 0.8)) }
        : {}),
    });
    // An idle connection that the server drops (a restart, a failover) must not crash the process.
    pool.on('error', () => undefined);
    return pool;
  };
  const pool = poolOf(url);
  // A replica that does not answer is given up on quickly: its reads then go to the primary.
  const dialect = readUrl ? replicaRoutingDialect(pool, poolOf(readUrl, 2_000), replicaRetryMs) : new PostgresDialect({ pool });
  const db = new SerializableKysely<DB>({ dialect });
  return { db, pool };
}

/** Whether `url` names a PostgreSQL database (postgres:// or postgresql://). */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}
