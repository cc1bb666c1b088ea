import { readChangeStamp } from './change-stamp';
import type { Db } from './connection';

/**
 * Results of expensive read queries (facet counts over a million claims), kept until the database
 * changes. One cache per database handle, so two databases never share answers; bounded in entries.
 */
export class StampedCache<V> {
  private readonly perDb = new WeakMap<Db, { stamp: string; entries: Map<string, V> }>();

  constructor(private readonly maxEntries = 500) {}

  async get(db: Db, key: string, compute: () => Promise<V>): Promise<V> {
    const stamp = await readChangeStamp(db);
    let state = this.perDb.get(db);
    if (!state || state.stamp !== stamp) {
      state = { stamp, entries: new Map() };
      this.perDb.set(db, state);
    }
    const hit = state.entries.get(key);
    if (hit !== undefined) {
      state.entries.delete(key);
      state.entries.set(key, hit);
      return hit;
    }
    const value = await compute();
    // Kept only if nothing was written while it was computed.
    if (state.stamp === stamp && this.perDb.get(db) === state && (await readChangeStamp(db)) === stamp) {
      if (state.entries.size >= this.maxEntries) state.entries.delete(state.entries.keys().next().value!);
      state.entries.set(key, value);
    }
    return value;
  }
}
