import type { Db } from './connection';
import { replicaReadsAllowed } from './read-replica';

/**
 * A value that changes whenever what readers can see may have changed: the `content_version`
 * counter, bumped by triggers on the content tables in the writing transaction (migration
 * 2026_11_30_17_00_00_create_content_version). One small read, correct whichever connection,
 * process or engine wrote — unlike SQLite's `total_changes()`, which only counts this connection's
 * writes now that reads run on other connections. Bookkeeping writes (sessions, API token use,
 * failed logins, account events) do not move it. Counters only grow, so a larger stamp is newer.
 *
 * Every kept page and count asks for it, so concurrent asks share reads (see SharedReads).
 */
export async function readChangeStamp(db: Db): Promise<string> {
  // Inside a transaction the stamp belongs to its snapshot: read there, shared with nobody.
  if (db.isTransaction) return queryChangeStamp(db);
  let shared = sharedReads.get(db);
  if (!shared) {
    shared = { primary: new SharedReads(() => queryChangeStamp(db)), replica: new SharedReads(() => queryChangeStamp(db)) };
    sharedReads.set(db, shared);
  }
  // A read that may go to a replica (src/db/read-replica.ts) is never shared with one that must not.
  return (replicaReadsAllowed() ? shared.replica : shared.primary).read();
}

async function queryChangeStamp(db: Db): Promise<string> {
  // On PostgreSQL the counter is spread over a row per group of server processes (migration
  // 2026_12_01_04_10_00_spread_content_version): the stamp is their sum. SQLite has the one row.
  const row = await db
    .selectFrom('content_version')
    .select((eb) => eb.fn.sum<number>('version').as('version'))
    .executeTakeFirst();
  return String(Number(row?.version ?? 0));
}

const sharedReads = new WeakMap<Db, { primary: SharedReads; replica: SharedReads }>();

/**
 * One read at a time of a value that only grows, shared by everyone who asks while it waits to start.
 * Each asker gets a read that began after they asked, never an earlier one still running: a journalist's
 * next request, sent after their write committed, sees that write. Every kept count a page uses asks
 * for the stamp (a list: its total and five facets, at once), each ask a round trip on PostgreSQL and a
 * message to a reader thread on SQLite; now there are at most two reads (the one running and the one
 * that starts when it ends) however many ask. (Anonymous pages share theirs more loosely: page-cache.ts.)
 */
export class SharedReads<T = string> {
  private running: Promise<T> | null = null;
  private next: Promise<T> | null = null;

  constructor(private readonly query: () => Promise<T>) {}

  read(): Promise<T> {
    if (!this.running) return this.start();
    this.next ??= this.running.then(
      () => this.startNext(),
      () => this.startNext(),
    );
    return this.next;
  }

  private startNext(): Promise<T> {
    this.next = null;
    return this.start();
  }

  private start(): Promise<T> {
    const run = this.query().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }
}
