import { createHash } from 'node:crypto';
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Db } from '../db/connection';
import { engineOf } from '../db/engine';
import { hitRateLimit, readRateLimit, resetRateLimit, takeBackRateLimitHit, type RateLimitHits } from './rate-limit.repository';

// Where the per-address limits count (searches, exports: read-limits.ts; tips and error reports:
// inbox.pages.ts), chosen per engine:
// - PostgreSQL, where several app processes may serve one database behind a proxy: in the database
//   (table rate_limit), so a limit reached through one process holds on all of them. One upsert per hit.
// - SQLite, one serving process by design: in that process's memory (express-rate-limit's own store).
//   Counting there is exact already, and a database write per anonymous search would take the single
//   writer from the newsroom's writes for bookkeeping (measured: see the README, "Limits").

/** An express-rate-limit store on the rate_limit table; one per limiter (`name` keeps their counts apart). */
export class DatabaseRateLimitStore implements Store {
  /** Hits counted through one process count in every other: express-rate-limit checks its set-up by this. */
  readonly localKeys = false;
  readonly prefix: string;
  private windowMs = 60_000;

  constructor(
    private readonly db: Db,
    name: string,
  ) {
    this.prefix = `${name}:`;
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  /**
   * The row's key: a hash of the limiter's name and the client address, so no address is stored as such
   * (an IPv4 address could still be found by hashing them all; the row goes once its window has ended).
   */
  private rowKey(key: string): string {
    return createHash('sha256').update(this.prefix).update(key).digest('base64url');
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const row = await readRateLimit(this.db, this.rowKey(key));
    return row && info(row);
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    return info(await hitRateLimit(this.db, this.rowKey(key), this.windowMs));
  }

  /**
   * Takes back a hit that should not count (called after the response has gone, when the database may be
   * closing: express-rate-limit logged "driver has already been destroyed" at shutdown). A take-back
   * that fails leaves the hit counted: the limit errs on the strict side until its window ends.
   */
  async decrement(key: string): Promise<void> {
    await takeBackRateLimitHit(this.db, this.rowKey(key)).catch(() => undefined);
  }

  async resetKey(key: string): Promise<void> {
    await resetRateLimit(this.db, this.rowKey(key));
  }
}

const info = (row: RateLimitHits): ClientRateLimitInfo => ({ totalHits: row.hits, resetTime: new Date(row.resetAt) });

/** The store a limiter named `name` counts in on this engine (above); undefined is express-rate-limit's memory store. */
export function rateLimitStore(db: Db, name: string): Store | undefined {
  return engineOf(db) === 'postgres' ? new DatabaseRateLimitStore(db, name) : undefined;
}
