import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DATABASE_BUSY_CODE, DatabaseError, QUERY_TIMEOUT_CODE } from './db-errors';

// The SQLite readers: read-only connections to the database file, each in its own worker thread, so a
// long read (a crafted search, the ids of a million-claim export) runs beside the event loop instead of
// on it. WAL gives every read a consistent view of what was committed before it started. Every read
// has a budget: past it the worker is terminated and replaced, and the read rejects with
// GAINSAY_QUERY_TIMEOUT. better-sqlite3 has no interrupt, so a terminated worker's thread runs its
// query to the end before it exits: such abandoned threads are counted, and while MAX_ABANDONED of
// them run, reads that find no free reader are refused at once (GAINSAY_DATABASE_BUSY, a 503) rather
// than queued behind them, and no more workers are started.

export type ReadMode = 'rows' | 'raw' | 'numbers' | 'exec';

export interface ReadRequest {
  sql: string;
  params: readonly unknown[];
  mode: ReadMode;
}

/** Rows (objects, or arrays of columns in raw mode), ids, or "this statement writes: run it on the writer". */
export type ReadReply = { rows: unknown[] } | { numbers: Float64Array } | { notRead: true };

interface WireReply {
  id?: number;
  ready?: boolean;
  rows?: unknown[];
  numbers?: Float64Array;
  notRead?: boolean;
  error?: { message: string; code?: string };
}

export interface ReaderPoolOptions {
  /** The database file (the writer has created it and set WAL). */
  path: string;
  /** Workers kept for reads outside transactions. */
  readers: number;
  /** The budget of each pooled read, waiting for a free reader included. */
  queryTimeoutMs: number;
  /** The budget of each read in a snapshot (exports). */
  exportTimeoutMs: number;
  busyTimeoutMs: number;
  /** Terminated workers whose thread may still be running a query; beyond it, see the top of this file. */
  maxAbandoned?: number;
}

const WORKER_FILE = join(__dirname, 'sqlite-reader.worker.cjs');

/** One read in flight at a time: the pool hands a thread out only when it is free. */
class ReaderThread {
  private readonly worker: Worker;
  private nextId = 0;
  private current: { id: number; resolve: (reply: ReadReply) => void; reject: (err: Error) => void } | undefined;
  alive = true;
  abandoned = false;
  /** The worker opened the database (one that never did is not replaced at once: see ReaderPool.exited). */
  opened = false;
  /** Settles once the worker has opened the database (budgets start then: starting is not the query's time). */
  readonly ready: Promise<void>;
  private started!: (err?: Error) => void;

  constructor(spec: Record<string, unknown>, onExit: (thread: ReaderThread) => void) {
    this.ready = new Promise((resolve, reject) => (this.started = (err) => (err ? reject(err) : resolve())));
    // Handled where it is awaited; this only keeps a thread that never started from an unhandled rejection.
    this.ready.catch(() => undefined);
    this.worker = new Worker(WORKER_FILE, { workerData: spec });
    this.worker.on('message', (m: WireReply) => {
      if (m.ready) {
        this.opened = true;
        // Until now the worker kept the process alive: whoever awaits `ready` has nothing else pending
        // (the first read of `gainsay serve` exited the process when it was unref'd from the start).
        this.worker.unref();
        this.started();
        return;
      }
      const current = this.current;
      if (!current || current.id !== m.id) return;
      this.current = undefined;
      if (m.error) current.reject(new DatabaseError(m.error.message, m.error.code ?? 'SQLITE_ERROR'));
      else if (m.notRead) current.resolve({ notRead: true });
      else if (m.numbers) current.resolve({ numbers: m.numbers });
      else current.resolve({ rows: m.rows ?? [] });
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', () => {
      this.alive = false;
      this.fail(new DatabaseError('The database reader stopped.', 'GAINSAY_READER_EXITED'));
      onExit(this);
    });
    // An idle reader never keeps the process alive (the writer's owner decides when it ends): it is
    // unref'd once it has opened the database (above), with no listener added after (adding a 'message'
    // listener refs the worker's port again). A read in flight is kept alive by its budget's timer.
  }

  private fail(err: Error): void {
    this.started(err);
    const current = this.current;
    this.current = undefined;
    current?.reject(err);
  }

  request(request: ReadRequest): Promise<ReadReply> {
    if (!this.alive) return Promise.reject(new DatabaseError('The database reader stopped.', 'GAINSAY_READER_EXITED'));
    return new Promise((resolve, reject) => {
      const id = ++this.nextId;
      this.current = { id, resolve, reject };
      this.worker.postMessage({ id, sql: request.sql, params: request.params, mode: request.mode });
    });
  }

  terminate(): void {
    this.alive = false;
    void this.worker.terminate();
  }
}

/** Reads on one reader inside one read transaction (one snapshot), each with the session's budget. */
export interface ReaderSession {
  read(request: ReadRequest): Promise<ReadReply>;
}

function timeoutError(ms: number): DatabaseError {
  return new DatabaseError(`The query was stopped after ${ms} ms, its budget.`, QUERY_TIMEOUT_CODE);
}

export class ReaderPool {
  private readonly idle: ReaderThread[] = [];
  private readonly members = new Set<ReaderThread>();
  private readonly waiting: Array<(thread: ReaderThread) => void> = [];
  private abandoned = 0;
  private closed = false;
  readonly maxAbandoned: number;

  constructor(readonly options: ReaderPoolOptions) {
    // As many runaway queries as readers: with the default two on two cores, the machine then runs at
    // most four query threads, and the writer and the event loop still get their share.
    this.maxAbandoned = options.maxAbandoned ?? Math.max(1, options.readers);
  }

  /** How many terminated workers may still be running a query (for tests and logs). */
  get abandonedThreads(): number {
    return this.abandoned;
  }

  private spawn(): ReaderThread {
    const { path, busyTimeoutMs } = this.options;
    return new ReaderThread({ path, busyTimeoutMs, betterSqlite3: require.resolve('better-sqlite3') }, (thread) => this.exited(thread));
  }

  /** Starts workers up to the pool's size, as far as the bound on abandoned threads allows; lazily, at the first read. */
  private fill(): void {
    const { readers } = this.options;
    while (!this.closed && this.members.size < readers && this.members.size + this.abandoned < readers + this.maxAbandoned) {
      const thread = this.spawn();
      this.members.add(thread);
      this.hand(thread);
    }
  }

  private hand(thread: ReaderThread): void {
    const next = this.waiting.shift();
    if (next) next(thread);
    else this.idle.push(thread);
  }

  private exited(thread: ReaderThread): void {
    if (thread.abandoned) this.abandoned--;
    if (this.members.delete(thread)) {
      const at = this.idle.indexOf(thread);
      if (at >= 0) this.idle.splice(at, 1);
    }
    // A worker that could not even open the database is replaced by the next read, not in a loop here.
    if (thread.opened) this.fill();
  }

  /** Stops a worker that ran past its budget; its thread ends when its query does. */
  private abandon(thread: ReaderThread): void {
    if (!thread.alive) return;
    thread.abandoned = true;
    this.abandoned++;
    thread.terminate();
    if (this.members.delete(thread)) this.fill();
  }

  private acquire(timeoutMs: number): Promise<ReaderThread> {
    if (this.closed) return Promise.reject(new DatabaseError('The database is closed.', DATABASE_BUSY_CODE));
    this.fill();
    const free = this.idle.pop();
    if (free) return Promise.resolve(free);
    if (this.abandoned >= this.maxAbandoned) {
      return Promise.reject(new DatabaseError('Every database reader is taken; try again shortly.', DATABASE_BUSY_CODE));
    }
    return new Promise((resolve, reject) => {
      const take = (thread: ReaderThread) => {
        clearTimeout(timer);
        resolve(thread);
      };
      const timer = setTimeout(() => {
        const at = this.waiting.indexOf(take);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(timeoutError(timeoutMs));
      }, timeoutMs);
      this.waiting.push(take);
    });
  }

  private release(thread: ReaderThread): void {
    if (thread.alive && this.members.has(thread)) this.hand(thread);
  }

  /** Sends one request; past `timeoutMs` the worker is abandoned and the request rejects. */
  private async send(thread: ReaderThread, request: ReadRequest, timeoutMs: number, budgetMs = timeoutMs): Promise<ReadReply> {
    await thread.ready;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => {
          this.abandon(thread);
          reject(timeoutError(budgetMs));
        },
        Math.max(0, timeoutMs),
      );
      thread.request(request).then(
        (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
        (err: Error) => {
          clearTimeout(timer);
          reject(err);
        },
      );
    });
  }

  /** One read on a free reader, within `timeoutMs` (QUERY_TIMEOUT_MS) from now, waiting for a reader included. */
  async run(request: ReadRequest, timeoutMs = this.options.queryTimeoutMs): Promise<ReadReply> {
    const started = performance.now();
    const thread = await this.acquire(timeoutMs);
    try {
      return await this.send(thread, request, timeoutMs - (performance.now() - started), timeoutMs);
    } finally {
      this.release(thread);
    }
  }

  private async session<T>(thread: ReaderThread, timeoutMs: number, fn: (session: ReaderSession) => Promise<T>): Promise<T> {
    const exec = (sql: string) => this.send(thread, { sql, params: [], mode: 'exec' }, timeoutMs);
    await exec('begin');
    try {
      return await fn({ read: (request) => this.send(thread, request, timeoutMs) });
    } finally {
      // A read transaction keeps nothing: ending it only lets the log be checkpointed past it.
      if (thread.alive) await exec('rollback').catch(() => this.abandon(thread));
    }
  }

  /** Several reads on one pooled reader in one read transaction (a chunk of an export, a record with its children). */
  async lease<T>(fn: (session: ReaderSession) => Promise<T>, timeoutMs = this.options.queryTimeoutMs): Promise<T> {
    const thread = await this.acquire(timeoutMs);
    try {
      return await this.session(thread, timeoutMs, fn);
    } finally {
      this.release(thread);
    }
  }

  /**
   * Reads on a worker of their own, in one read transaction for as long as `fn` runs (an export
   * streamed to a slow client takes minutes): the pooled readers stay free for pages meanwhile.
   */
  async snapshot<T>(fn: (session: ReaderSession) => Promise<T>, timeoutMs = this.options.exportTimeoutMs): Promise<T> {
    if (this.closed || this.abandoned >= this.maxAbandoned) {
      throw new DatabaseError('The database is too busy for an export now; try again shortly.', DATABASE_BUSY_CODE);
    }
    const thread = this.spawn();
    try {
      return await this.session(thread, timeoutMs, fn);
    } finally {
      thread.terminate();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const thread of this.members) thread.terminate();
    this.members.clear();
    this.idle.length = 0;
  }
}
