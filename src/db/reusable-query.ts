import type { CompiledQuery, Compilable } from 'kysely';
import type { Db } from './connection';
import { engineOf, type Engine } from './engine';

// Building a Kysely query and compiling it to SQL costs more than SQLite running a small one, and a
// claim written through the API runs a few dozen. A reusable query is built and compiled once, with
// placeholder values; each call binds its own values to the same SQL (which the connection's statement
// cache keeps prepared). The SQL is still Kysely's, so it stays as portable as the builder's.

const PLACEHOLDER = '\u0000gainsay-value:';

interface Compiled<R> {
  query: CompiledQuery<R>;
  /** For each parameter of the SQL: the name of the value bound there, or null for a constant. */
  slots: Array<string | null>;
}

/**
 * `build(db, values)` is compiled once, with a placeholder string for each of `names`: each value must
 * become bound parameters as it is (a `where`, `values` or `set` operand — not a list for `in`, not
 * `null` for `is`, not something the builder inspects). Calls bind their values (undefined as null).
 */
export function reusableQuery<V extends Record<string, unknown>, R>(
  names: ReadonlyArray<keyof V & string>,
  build: (db: Db, values: V) => Compilable<R>,
) {
  // One compiled form per engine: SQLite's SQL binds `?`, PostgreSQL's `$1`, and one process may hold both
  // (`gainsay copy`, the tests).
  const compiled = new Map<Engine, Compiled<R>>();
  const compile = (db: Db): Compiled<R> => {
    const placeholders = Object.fromEntries(names.map((name) => [name, PLACEHOLDER + name])) as unknown as V;
    const query = build(db, placeholders).compile();
    const slots = query.parameters.map((p) => (typeof p === 'string' && p.startsWith(PLACEHOLDER) ? p.slice(PLACEHOLDER.length) : null));
    const unbound = names.filter((name) => !slots.includes(name));
    if (unbound.length) throw new Error(`reusableQuery: ${unbound.join(', ')} not bound as parameters in: ${query.sql}`);
    return { query, slots };
  };
  const bind = (db: Db, values: V): CompiledQuery<R> => {
    const engine = engineOf(db);
    let forEngine = compiled.get(engine);
    if (!forEngine) compiled.set(engine, (forEngine = compile(db)));
    const { query, slots } = forEngine;
    return { ...query, parameters: query.parameters.map((p, i) => (slots[i] === null ? p : (values[slots[i]!] ?? null))) };
  };
  return {
    /** The rows the query returns (for inserts, updates and deletes: with `returning`). */
    async rows(db: Db, values: V): Promise<R[]> {
      return (await db.executeQuery(bind(db, values))).rows;
    },
    async first(db: Db, values: V): Promise<R | undefined> {
      return (await db.executeQuery(bind(db, values))).rows[0];
    },
    /** Runs an insert, update or delete; how many rows it changed. */
    async run(db: Db, values: V): Promise<number> {
      return Number((await db.executeQuery(bind(db, values))).numAffectedRows ?? 0);
    },
  };
}
