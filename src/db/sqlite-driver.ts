import type SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  RawNode,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
  type RootOperationNode,
} from 'kysely';
import type { ReaderPool, ReaderSession } from './sqlite-pool';

// The Kysely driver of Gainsay's SQLite seam. It routes each query:
// - reads outside a transaction (a SelectQueryNode, or raw SQL that starts with select or with) go to a
//   pooled reader in a worker thread (sqlite-pool.ts), which sees every commit made before it was sent;
// - everything else — transactions, writes, pragmas, `begin immediate`, index maintenance — runs on the
//   one writer connection on the main thread, one connection holder at a time (a mutex, as Kysely's own
//   SQLite driver does). A `db.connection()` session stays on the writer from its first statement that
//   is not a read to its end, so a session that writes then reads sees its own writes.
// Without a pool (an in-memory database) everything runs on the writer, as Kysely's SqliteDriver would.
//
// Why not a published dialect: kysely-sqlite-worker (better-sqlite3 in one worker) and
// kysely-generic-sqlite run every query, writes included, on a single worker, have no pool, no
// routing of reads and writes and no budget, and need another Kysely version (0.26 / ≥ 0.29).

/** SQL that reads the state of the connection it runs on, not the database: it must run on the writer. */
const CONNECTION_STATE = /\b(total_changes|changes|last_insert_rowid)\s*\(|\bdata_version\b/i;
const READ_SQL = /^\s*\(?\s*(select|with)\b/i;

/** Whether a compiled query only reads, decided from its query node (a worker double-checks: see the worker). */
export function isReadQuery(query: RootOperationNode, sql: string): boolean {
  if (CONNECTION_STATE.test(sql)) return false;
  return SelectQueryNode.is(query) || (RawNode.is(query) && READ_SQL.test(sql));
}

const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Runs compiled queries on a better-sqlite3 connection (its `prepare` may be a statement cache). */
function runOn(sqlite: SqliteDatabase.Database, { sql, parameters }: CompiledQuery): QueryResult<unknown> {
  const stmt = sqlite.prepare(sql);
  if (stmt.reader) return { rows: stmt.all(parameters) };
  const { changes, lastInsertRowid } = stmt.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

/** Kysely's ConnectionMutex: one holder of the writer at a time. */
class Mutex {
  private held: Promise<void> | undefined;
  private unlockHeld: (() => void) | undefined;

  async lock(): Promise<void> {
    while (this.held) await this.held;
    this.held = new Promise((resolve) => (this.unlockHeld = resolve));
  }

  unlock(): void {
    const unlock = this.unlockHeld;
    this.held = undefined;
    this.unlockHeld = undefined;
    unlock?.();
  }
}

class RoutedConnection implements DatabaseConnection {
  private onWriter = false;

  constructor(
    private readonly writer: SqliteDatabase.Database,
    private readonly mutex: Mutex,
    private readonly pool: ReaderPool | null,
  ) {}

  /** From here to the end of this connection's use, everything runs on the writer. */
  async holdWriter(): Promise<void> {
    if (this.onWriter) return;
    await this.mutex.lock();
    this.onWriter = true;
  }

  release(): void {
    if (!this.onWriter) return;
    this.onWriter = false;
    this.mutex.unlock();
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (!this.onWriter && this.pool && isReadQuery(compiled.query, compiled.sql)) {
      const reply = await this.pool.run({ sql: compiled.sql, params: compiled.parameters, mode: 'rows' });
      if ('rows' in reply) return { rows: reply.rows as R[] };
      // The worker found the statement writes (a `with … insert`): it runs on the writer below.
    }
    await this.holdWriter();
    return runOn(this.writer, compiled) as QueryResult<R>;
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    await this.holdWriter();
    for (const row of this.writer.prepare(compiled.sql).iterate(compiled.parameters)) yield { rows: [row as R] };
  }
}

/**
 * Kysely's SQLite transactions start with a plain (deferred) BEGIN. Every Gainsay transaction writes,
 * and a deferred one that reads first fails at its first write, at once and whatever the busy timeout
 * (SQLITE_BUSY_SNAPSHOT), when another process committed in between — the server's API writes while
 * `gainsay import` runs, for example. BEGIN IMMEDIATE takes the write lock first, waiting the busy timeout.
 */
class RoutingDriver implements Driver {
  private readonly mutex = new Mutex();

  constructor(
    private readonly writer: SqliteDatabase.Database,
    private readonly pool: ReaderPool | null,
  ) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this.writer, this.mutex, this.pool);
  }

  private async onWriter(connection: DatabaseConnection, sql: string): Promise<void> {
    const routed = connection as RoutedConnection;
    await routed.holdWriter();
    await routed.executeQuery(CompiledQuery.raw(sql));
  }

  beginTransaction(connection: DatabaseConnection): Promise<void> {
    return this.onWriter(connection, 'begin immediate');
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.onWriter(connection, 'commit');
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.onWriter(connection, 'rollback');
  }

  savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    return this.onWriter(connection, `savepoint ${quoteId(name)}`);
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    return this.onWriter(connection, `rollback to ${quoteId(name)}`);
  }

  releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    return this.onWriter(connection, `release ${quoteId(name)}`);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as RoutedConnection).release();
  }

  /** Runs `fn` holding the writer, for work that uses the writer's better-sqlite3 handle directly (bulk reads). */
  async withWriter<T>(fn: () => Promise<T>): Promise<T> {
    await this.mutex.lock();
    try {
      return await fn();
    } finally {
      this.mutex.unlock();
    }
  }

  async destroy(): Promise<void> {
    await this.pool?.close();
    this.writer.close();
  }
}

/** A Kysely dialect from a driver: SQLite's adapter, compiler and introspector. */
function sqliteDialect(driver: Driver): Dialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => driver,
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  };
}

/**
 * The dialect of an open database: the writer, and the reader pool for a file (null for an in-memory
 * database); `withWriter` runs work that holds the writer like a Kysely connection would.
 */
export function routingDialect(
  writer: SqliteDatabase.Database,
  pool: ReaderPool | null,
): { dialect: Dialect; withWriter: <T>(fn: () => Promise<T>) => Promise<T> } {
  const driver = new RoutingDriver(writer, pool);
  return { dialect: sqliteDialect(driver), withWriter: (fn) => driver.withWriter(fn) };
}

class SnapshotConnection implements DatabaseConnection {
  constructor(private readonly session: ReaderSession) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const reply = await this.session.read({ sql: compiled.sql, params: compiled.parameters, mode: 'rows' });
    if ('rows' in reply) return { rows: reply.rows as R[] };
    throw new Error(`A snapshot only reads: ${compiled.sql.slice(0, 60)}`);
  }

  // eslint-disable-next-line require-yield -- an interface method that only refuses
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('A snapshot does not stream; read in chunks (see bulk-reads.ts).');
  }
}

class SnapshotDriver implements Driver {
  private readonly connection: SnapshotConnection;

  constructor(session: ReaderSession) {
    this.connection = new SnapshotConnection(session);
  }

  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.connection;
  }
  async beginTransaction(): Promise<void> {
    throw new Error('A snapshot only reads: it has no transactions of its own.');
  }
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

/** A Kysely handle whose every query runs in `session`'s read transaction (readSnapshot). */
export function snapshotKysely<DB>(session: ReaderSession): Kysely<DB> {
  return new Kysely<DB>({ dialect: sqliteDialect(new SnapshotDriver(session)) });
}
