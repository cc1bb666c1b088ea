import { sql } from 'kysely';
import { BUSY_TIMEOUT_MS, type Db } from './connection';
import { isDatabaseBusy } from './db-errors';
import { engineOf } from './engine';

export interface WriteQueueOptions {
  /** How long a write may wait for another process (an import, a backup) to let go of the database. */
  maxWaitMs?: number;
  /** How long each attempt to take the write lock blocks before waiting asynchronously. */
  lockAttemptMs?: number;
}

interface Job {
  fn: (trx: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for many small concurrent writes (the JSON API). `run(fn)` is like
 * `db.transaction().execute(fn)`, but the writes that arrive while a commit is under way wait and then
 * share ONE transaction; one that throws is rolled back alone and rejects alone (see runBatch), and the
 * others commit together. Committing is most of the cost of a small write
 * (SQLite writes every changed page to the log), so sharing it multiplies throughput. Every write is
 * still all-or-nothing, and its promise settles only after the commit that made it durable.
 *
 * The transaction starts with BEGIN IMMEDIATE, taking the write lock before any read: a deferred
 * transaction that read first and then found another process had written meanwhile would fail at once
 * (SQLITE_BUSY_SNAPSHOT), which no busy timeout can wait out. While another process holds the lock,
 * the queue retries asynchronously — the server keeps answering reads — and after `maxWaitMs` the
 * waiting writes reject with SQLite's SQLITE_BUSY error (the error handler makes that a 503).
 */
export function createWriteQueue(db: Db, { maxWaitMs = 8_000, lockAttemptMs = 20 }: WriteQueueOptions = {}) {
  // PostgreSQL takes many writers at once and groups their commits itself: each write is its own
  // SERIALIZABLE transaction, run again on a serialization failure (src/db/postgres.ts).
  if (engineOf(db) === 'postgres') return { run: <T>(fn: (trx: Db) => Promise<T>): Promise<T> => db.transaction().execute(fn) };
  let waiting: Job[] = [];
  let running = false;

  async function beginImmediate(conn: Db): Promise<void> {
    const deadline = Date.now() + maxWaitMs;
    for (let pause = 5; ; pause = Math.min(pause * 2, 100)) {
      await sql.raw(`pragma busy_timeout = ${lockAttemptMs}`).execute(conn);
      try {
        await sql`begin immediate`.execute(conn);
        return;
      } catch (err) {
        if (!isDatabaseBusy(err) || Date.now() + pause > deadline) throw err;
      } finally {
        await sql.raw(`pragma busy_timeout = ${BUSY_TIMEOUT_MS}`).execute(conn);
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  /** A write that threw in a batch run without savepoints: the batch is rolled back and run again, isolated. */
  class Retry extends Error {}

  /**
   * Runs the batch in one transaction. First without savepoints: a savepoint per write makes the search
   * index (FTS5) write its pending changes at each one, which costs about as much as the rest of the
   * write. Should a write throw, everything is rolled back and the batch runs again with a savepoint
   * per write, so only that one fails. (Writes are database work only, so running them twice is safe.)
   */
  async function runBatch(jobs: Job[], isolated = jobs.length === 1): Promise<void> {
    const settled: Array<() => void> = [];
    try {
      await db.connection().execute(async (conn) => {
        await beginImmediate(conn);
        try {
          for (const job of jobs) {
            if (!isolated) {
              const value = await job.fn(conn).catch(() => {
                throw new Retry();
              });
              settled.push(() => job.resolve(value));
              continue;
            }
            await sql`savepoint api_write`.execute(conn);
            try {
              const value = await job.fn(conn);
              await sql`release api_write`.execute(conn);
              settled.push(() => job.resolve(value));
            } catch (err) {
              await sql`rollback to api_write`.execute(conn);
              await sql`release api_write`.execute(conn);
              settled.push(() => job.reject(err));
            }
          }
          await sql`commit`.execute(conn);
        } catch (err) {
          await sql`rollback`.execute(conn).catch(() => undefined);
          throw err;
        }
      });
    } catch (err) {
      if (err instanceof Retry) return runBatch(jobs, true);
      // Nothing of this batch was committed: every write in it fails with the same error.
      for (const job of jobs) job.reject(err);
      return;
    }
    for (const settle of settled) settle();
  }

  async function drain(): Promise<void> {
    while (waiting.length) {
      const jobs = waiting;
      waiting = [];
      await runBatch(jobs);
      // Let the requests that arrived meanwhile reach the queue, so they share the next commit.
      await new Promise((resolve) => setImmediate(resolve));
    }
    running = false;
  }

  return {
    /**
     * Runs `fn` in a transaction shared with the writes queued beside it; resolves after the commit.
     * `fn` may run twice (when another write of its batch fails): it must do database work only.
     */
    run<T>(fn: (trx: Db) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        waiting.push({ fn, resolve: resolve as (value: unknown) => void, reject });
        if (running) return;
        running = true;
        // Starts after this turn of the event loop, once every request that has arrived got here too.
        setImmediate(() => void drain());
      });
    },
  };
}

export type WriteQueue = ReturnType<typeof createWriteQueue>;

const queues = new WeakMap<Db, WriteQueue>();

/** The one write queue of a database, shared by everything that writes through it (the API, token bookkeeping). */
export function writeQueueFor(db: Db): WriteQueue {
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = createWriteQueue(db)));
  return queue;
}
