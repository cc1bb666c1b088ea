import type { Db } from '../db/connection';

// The per-address limits' counters in the database (table rate_limit, one row per limiter and client):
// a fixed window per row that starts at the client's first hit, as express-rate-limit's memory store
// counts. Each hit is ONE statement, an upsert that starts a new window when the stored one has ended
// and otherwise adds one, so two processes hitting the same row at once both count: on PostgreSQL the
// second waits for the first's row lock and then sees its hit; on SQLite writes are serial anyway.

export interface RateLimitHits {
  hits: number;
  /** When the window ends (ISO), and the count starts again from nothing. */
  resetAt: string;
}

/** Counts one hit of `key` and returns the hits in its window, this one included. */
export async function hitRateLimit(db: Db, key: string, windowMs: number, now = new Date()): Promise<RateLimitHits> {
  const at = now.toISOString();
  const resetAt = new Date(now.getTime() + windowMs).toISOString();
  const row = await db
    .insertInto('rate_limit')
    .values({ key, hits: 1, reset_at: resetAt })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const ended = eb('rate_limit.reset_at', '<=', at);
        return {
          hits: eb
            .case()
            .when(ended)
            .then(1)
            .else(eb('rate_limit.hits', '+', 1))
            .end(),
          reset_at: eb.case().when(ended).then(resetAt).else(eb.ref('rate_limit.reset_at')).end(),
        };
      }),
    )
    .returning(['hits', 'reset_at'])
    .executeTakeFirstOrThrow();
  return { hits: Number(row.hits), resetAt: row.reset_at };
}

/** Takes one hit back (a request that turned out not to count), if its window is still running. */
export async function takeBackRateLimitHit(db: Db, key: string, now = new Date()): Promise<void> {
  await db
    .updateTable('rate_limit')
    .set((eb) => ({ hits: eb('hits', '-', 1) }))
    .where('key', '=', key)
    .where('reset_at', '>', now.toISOString())
    .where('hits', '>', 0)
    .execute();
}

export async function resetRateLimit(db: Db, key: string): Promise<void> {
  await db.deleteFrom('rate_limit').where('key', '=', key).execute();
}

/** The hits of `key` in its running window, if it has one. */
export async function readRateLimit(db: Db, key: string, now = new Date()): Promise<RateLimitHits | undefined> {
  const row = await db
    .selectFrom('rate_limit')
    .select(['hits', 'reset_at'])
    .where('key', '=', key)
    .where('reset_at', '>', now.toISOString())
    .executeTakeFirst();
  return row && { hits: Number(row.hits), resetAt: row.reset_at };
}

/** Deletes the rows whose window has ended (by `gainsay serve`, with the session purge); how many. */
export async function deleteEndedRateLimits(db: Db, now = new Date()): Promise<number> {
  const result = await db.deleteFrom('rate_limit').where('reset_at', '<=', now.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
