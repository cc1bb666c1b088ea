import { AsyncLocalStorage } from 'node:async_hooks';
import {
  PostgresAdapter,
  PostgresDriver,
  PostgresIntrospector,
  PostgresQueryCompiler,
  RawNode,
  SelectQueryNode,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type pg from 'pg';

// Reads from a PostgreSQL read replica (DATABASE_READ_URL) for the work that need not read its own
// writes: a signed-out reader's GET (src/accounts/auth.middleware.ts marks it with allowReplicaReads).
// The app keeps one `Db`; its driver routes each query:
// - a read outside a transaction of such work goes to the replica's pool, and so does a read-only
//   transaction (an export's snapshot, src/db/snapshot.ts: a hot standby serves repeatable read);
// - everything else — writes, read-write transactions, any work not so marked (signed-in journalists,
//   the desk, the API with a token, commands, migrations) — goes to the primary.
// A `db.connection()` session that starts reading on the replica moves to the primary at its first
// statement that is not a plain read, and stays there, so it sees its own writes from then on.
// A replica that cannot be reached (down, restarting, a failover) is not an outage: its reads go to the
// primary, and the replica is tried again `retryMs` later (a read it drops mid-way outside a transaction
// is sent to the primary once more).

const replicaReads = new AsyncLocalStorage<boolean>();

/** Runs `work` (and what it continues with asynchronously) letting its reads come from the replica, which may lag. */
export function allowReplicaReads<T>(work: () => T): T {
  return replicaReads.run(true, work);
}

/** Whether the work running now may read from the replica. */
export function replicaReadsAllowed(): boolean {
  return replicaReads.getStore() === true;
}

const READ_SQL = /^\s*\(?\s*(select|with)\b/i;
/** SQL that writes, locks or changes session state although it is a select (a standby refuses it, or it must see the latest rows). */
const NOT_PLAIN_READ =
  /\b(insert|update|delete|merge|nextval|setval|set_config|pg_notify|pg_(try_)?advisory\w*)\b|\bfor\s+(key\s+)?share\b/i;

/** Whether a compiled query only reads, and may run on a replica. */
export function isPlainRead({ query, sql }: CompiledQuery): boolean {
  return (SelectQueryNode.is(query) || (RawNode.is(query) && READ_SQL.test(sql))) && !NOT_PLAIN_READ.test(sql);
}

/** Whether the replica could not be reached: connecting failed, or the connection broke (SQLSTATE class 08, a shutdown). */
function isReplicaUnreachable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (code.startsWith('08') || ['57P01', '57P02', '57P03', '3D000'].includes(code))) return true;
  if (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE'].includes(code))
    return true;
  return err instanceof Error && /Connection terminated|timeout exceeded when trying to connect/i.test(err.message);
}

/** When the replica was last found unreachable; its reads go to the primary until `retryMs` later. */
class ReplicaHealth {
  private downUntil = 0;
  constructor(private readonly retryMs: number) {}
  get up(): boolean {
    return Date.now() >= this.downUntil;
  }
  markDown(): void {
    this.downUntil = Date.now() + this.retryMs;
  }
}

interface Bound {
  driver: Driver;
  connection: DatabaseConnection;
  replica: boolean;
}

/** A connection that takes a pooled client from the primary or the replica at its first statement. */
class RoutedConnection implements DatabaseConnection {
  bound: Bound | null = null;
  /** Between begin and commit or rollback: every statement stays on the connection the transaction began on. */
  inTransaction = false;

  constructor(
    private readonly drivers: { primary: Driver; replica: Driver },
    private readonly health: ReplicaHealth,
  ) {}

  async bind(wantsReplica: boolean): Promise<Bound> {
    const replica = wantsReplica && this.health.up;
    if (this.bound && (this.bound.replica === replica || !this.bound.replica)) return this.bound;
    // On the replica but asked to write: over to the primary, for good (see the top of this file).
    await this.release();
    if (replica) {
      try {
        this.bound = { driver: this.drivers.replica, connection: await this.drivers.replica.acquireConnection(), replica };
        return this.bound;
      } catch (err) {
        if (!isReplicaUnreachable(err)) throw err;
        this.health.markDown();
      }
    }
    this.bound = { driver: this.drivers.primary, connection: await this.drivers.primary.acquireConnection(), replica: false };
    return this.bound;
  }

  async release(): Promise<void> {
    const bound = this.bound;
    this.bound = null;
    if (bound) await bound.driver.releaseConnection(bound.connection);
  }

  private async route(compiled: CompiledQuery): Promise<Bound> {
    if (this.inTransaction && this.bound) return this.bound;
    return this.bind(replicaReadsAllowed() && isPlainRead(compiled));
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const bound = await this.route(compiled);
    try {
      return await bound.connection.executeQuery<R>(compiled);
    } catch (err) {
      // A plain read the replica dropped, outside a transaction: nothing was done, so the primary answers it.
      if (!bound.replica || this.inTransaction || !isReplicaUnreachable(err)) throw err;
      this.health.markDown();
      return (await this.bind(false)).connection.executeQuery<R>(compiled);
    }
  }

  async *streamQuery<R>(compiled: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    yield* (await this.route(compiled)).connection.streamQuery<R>(compiled, chunkSize);
  }
}

class ReplicaRoutingDriver implements Driver {
  private readonly drivers: { primary: Driver; replica: Driver };

  private readonly health: ReplicaHealth;

  constructor(primary: pg.Pool, replica: pg.Pool, retryMs: number) {
    this.drivers = { primary: new PostgresDriver({ pool: primary }), replica: new PostgresDriver({ pool: replica }) };
    this.health = new ReplicaHealth(retryMs);
  }

  async init(): Promise<void> {
    await this.drivers.primary.init();
    await this.drivers.replica.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutedConnection(this.drivers, this.health);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const replica = settings.accessMode === 'read only' && replicaReadsAllowed();
    const routed = connection as RoutedConnection;
    const bound = await routed.bind(replica);
    await bound.driver.beginTransaction(bound.connection, settings);
    routed.inTransaction = true;
  }

  private bound(connection: DatabaseConnection): Bound {
    const bound = (connection as RoutedConnection).bound;
    if (!bound) throw new Error('A transaction statement on a connection that never began one.');
    return bound;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const { driver, connection: inner } = this.bound(connection);
    await driver.commitTransaction(inner);
    (connection as RoutedConnection).inTransaction = false;
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const { driver, connection: inner } = this.bound(connection);
    (connection as RoutedConnection).inTransaction = false;
    await driver.rollbackTransaction(inner);
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    const { driver, connection: inner } = this.bound(connection);
    await driver.savepoint!(inner, name, compile);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    const { driver, connection: inner } = this.bound(connection);
    await driver.rollbackToSavepoint!(inner, name, compile);
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    const { driver, connection: inner } = this.bound(connection);
    await driver.releaseSavepoint!(inner, name, compile);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await (connection as RoutedConnection).release();
  }

  async destroy(): Promise<void> {
    await Promise.all([this.drivers.primary.destroy(), this.drivers.replica.destroy()]);
  }
}

/** How long reads go to the primary after the replica was found unreachable, by default. */
export const REPLICA_RETRY_MS = 10_000;

/** Kysely's PostgreSQL dialect with two pools: the primary's, and the replica's for reads that may lag. */
export function replicaRoutingDialect(primary: pg.Pool, replica: pg.Pool, retryMs = REPLICA_RETRY_MS): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new ReplicaRoutingDriver(primary, replica, retryMs),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}
