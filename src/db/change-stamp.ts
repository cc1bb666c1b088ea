import type { Db } from './connection';

/**
 * A value that changes whenever what readers can see may have changed: the `content_version`
 * counter, bumped by triggers on the content tables in the writing transaction (migration
 * 2026_11_30_17_00_00_create_content_version). One small read, correct whichever connection,
 * process or engine wrote — unlike SQLite's `total_changes()`, which only counts this connection's
 * writes now that reads run on other connections. Bookkeeping writes (sessions, API token use,
 * failed logins, account events) do not move it. Counters only grow, so a larger stamp is newer.
 */
export async function readChangeStamp(db: Db): Promise<string> {
  // On PostgreSQL the counter is spread over a row per group of server processes (migration
  // 2026_12_01_04_10_00_spread_content_version): the stamp is their sum. SQLite has the one row.
  const row = await db
    .selectFrom('content_version')
    .select((eb) => eb.fn.sum<number>('version').as('version'))
    .executeTakeFirst();
  return String(Number(row?.version ?? 0));
}
