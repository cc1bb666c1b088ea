import { LRUCache } from 'lru-cache';
import { readChangeStamp } from './change-stamp';
import type { Db } from './connection';

/**
 * Results of expensive read queries (facet counts over a million claims), kept until the database
 * changes. One cache per database handle, so two databases never share answers; bounded in entries,
 * the least recently used going first.
 */
export class StampedCache<V> {
  // Values are boxed: the LRU cache cannot hold `undefined`, and V may include it.
  private readonly perDb = new WeakMap<Db, { stamp: string; entries: LRUCache<string, { value: V }> }>();

  constructor(private readonly maxEntries = 500) {}

  async get(db: Db, key: string, compute: () => Promise<V>): Promise<V> {
    const stamp = await readChangeStamp(db);
    let state = this.perDb.get(db);
    if (!state || state.stamp !== stamp) {
      state = { stamp, entries: new LRUCache({ max: this.maxEntries }) };
      this.perDb.set(db, state);
    }
    const hit = state.entries.get(key);
    if (hit) return hit.value;
    const value = await compute();
    // Kept only if nothing was written while it was computed.
    if (state.stamp === stamp && this.perDb.get(db) === state && (await readChangeStamp(db)) === stamp) {
      state.entries.set(key, { value });
    }
    return value;
  }
}
