import type { Db } from './connection';

/**
 * A value that changes whenever what readers can see may have changed: the `content_version`
 * counter, bumped by triggers on the content tables in the writing transaction (migration
 * 2026_11_30_17_00_00_create_content_version). One primary-key read, correct whichever connection,
 * process or engine wrote — unlike SQLite's `total_changes()`, which only counts this connection's
 * writes now that reads run on other connections. Bookkeeping writes (sessions, API token use,
 * failed logins, account events) do not move it. Counters only grow, so a larger stamp is newer.
 */
export async function readChangeStamp(db: Db): Promise<string> {
  const row = await db.selectFrom('content_version').select('version').where('id', '=', 1).executeTakeFirst();
  return String(row?.version ?? 0);
}
