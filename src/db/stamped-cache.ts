import { AsyncLocalStorage } from 'node:async_hooks';
import { LRUCache } from 'lru-cache';
import { readChangeStamp } from './change-stamp';
import type { Db } from './connection';

/**
 * What the work running now accepts from a StampedCache: results up to `maxStaleMs` old (an
 * anonymous reader's page, src/http/page-cache.ts), and when the oldest one it was given was read
 * (null: all were current), so the page built from them can be kept as stale as its oldest part.
 * Outside `allowStaleReads` every kept result is checked against the change stamp: a journalist
 * sees their own write at once, and so do the API, the desk and the command line.
 */
export interface StaleReads {
  readonly maxStaleMs: number;
  oldestReadAt: number | null;
  /** The recounts running for the stale results it was given: once they settle, a page can be shown current. */
  readonly recounts: Set<Promise<unknown>>;
}

const allowance = new AsyncLocalStorage<StaleReads>();

/** Runs `work` (and whatever it continues with asynchronously) accepting kept results up to maxStaleMs old. */
export function allowStaleReads(maxStaleMs: number, work: () => void): StaleReads {
  const reads: StaleReads = { maxStaleMs, oldestReadAt: null, recounts: new Set() };
  allowance.run(reads, work);
  return reads;
}

/** Runs `work` needing current results, whatever the caller accepted (a background refresh). */
export function requireCurrentReads<T>(work: () => T): T {
  return allowance.exit(work);
}

// Background recounts run one at a time in the process, whichever cache asked. After a write every
// kept count goes stale at once; recounting them all together took both reader threads for seconds (a
// wave of hundreds of ms each), so pages waited. In one lane the other reader stays free for pages, and
// a recount still waiting when its count passes the bound is simply done by the reader who needs it.
let laneTail: Promise<unknown> = Promise.resolve();
function inBackgroundLane<T>(work: () => Promise<T>): Promise<T> {
  const run = laneTail.then(work, work);
  laneTail = run.catch(() => undefined);
  return run;
}

interface Kept<V> {
  value: V;
  /** The change stamp read before the value was computed: the value is at least this new. */
  stamp: string;
  /** When that stamp was read (ms, from the cache's clock). */
  readAt: number;
  /** Whether a background recount made it (those are recounted at most once per half the bound). */
  background: boolean;
}

interface PerDb<V> {
  entries: LRUCache<string, Kept<V>>;
  /** At most one computation per key runs at a time for each state of the database. */
  running: Map<string, { stamp: string; promise: Promise<V> }>;
}

export interface StampedCacheOptions {
  /** The most memory kept per database, counted as the JSON length of the values. */
  maxBytes?: number;
  /** Milliseconds; tests move it. */
  now?: () => number;
}

/**
 * Results of expensive read queries (facet counts and totals over a million claims), kept per
 * database handle (two databases never share answers), bounded in entries and bytes, the least
 * recently used going first. A result is current while the change stamp is the one it was computed
 * under. After a write, work that accepts stale results (see StaleReads) gets the kept result at
 * once while one recount per key runs in the background (a background result is recounted again
 * only once it is half that bound old) — but never a result older than it allows,
 * which is then recounted while it waits; everyone else waits for the recount (shared when several ask).
 */
export class StampedCache<V> {
  private readonly perDb = new WeakMap<Db, PerDb<V>>();
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly now: () => number;

  /** `maxEntries`: the most entries kept per database. */
  constructor(maxEntries = 500, { maxBytes = 8 * 1024 * 1024, now = Date.now }: StampedCacheOptions = {}) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    this.now = now;
  }

  async get(db: Db, key: string, compute: () => Promise<V>): Promise<V> {
    const state = this.stateOf(db);
    const reads = allowance.getStore();
    const readAt = this.now();
    const stamp = await readChangeStamp(db);
    const kept = state.entries.get(key);
    if (kept && kept.stamp === stamp) return kept.value;
    if (kept && reads && reads.maxStaleMs > 0 && readAt - kept.readAt <= reads.maxStaleMs) {
      reads.oldestReadAt = Math.min(reads.oldestReadAt ?? kept.readAt, kept.readAt);
      // A background recount is recounted again only once it is half the bound old (like the pages):
      // at most twice per bound, whatever the write rate.
      if ((!kept.background || readAt - kept.readAt >= reads.maxStaleMs / 2) && !state.running.has(key)) {
        // Off this request: its failure is the next asker's to see, when it counts again.
        requireCurrentReads(() => this.compute(state, key, compute, stamp, readAt, true)).catch(() => undefined);
      }
      const recount = state.running.get(key);
      if (recount) reads.recounts.add(recount.promise.catch(() => undefined));
      return kept.value;
    }
    const running = state.running.get(key);
    if (running && running.stamp === stamp) return running.promise;
    return this.compute(state, key, compute, stamp, readAt);
  }

  private compute(state: PerDb<V>, key: string, compute: () => Promise<V>, stamp: string, readAt: number, background = false): Promise<V> {
    const run: { stamp: string; promise: Promise<V> } = { stamp, promise: null as unknown as Promise<V> };
    run.promise = (async () => {
      try {
        const value = await (background ? inBackgroundLane(compute) : compute());
        const kept = state.entries.peek(key);
        // A slower computation under an older state never replaces a newer result.
        if (!kept || kept.readAt <= readAt) state.entries.set(key, { value, stamp, readAt, background });
        return value;
      } finally {
        if (state.running.get(key) === run) state.running.delete(key);
      }
    })();
    state.running.set(key, run);
    return run.promise;
  }

  private stateOf(db: Db): PerDb<V> {
    let state = this.perDb.get(db);
    if (!state) {
      state = {
        entries: new LRUCache<string, Kept<V>>({
          max: this.maxEntries,
          maxSize: this.maxBytes,
          sizeCalculation: (kept) => Math.max(1, JSON.stringify(kept.value)?.length ?? 1),
        }),
        running: new Map(),
      };
      this.perDb.set(db, state);
    }
    return state;
  }
}
