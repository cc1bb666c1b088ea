import type { Db } from '../db/connection';
import { nowIso } from '../domain/clock';

/** What an admin did to an account that leaves no other trace. */
export type AccountAction = 'unlock';

/** Appends one row to the account's record (account_event). Call in the transaction of the change. */
export async function recordAccountEvent(
  db: Db,
  event: { userId: number; actorId: number | null; action: AccountAction; detail?: string },
): Promise<void> {
  await db
    .insertInto('account_event')
    .values({ user_id: event.userId, actor_id: event.actorId, action: event.action, detail: event.detail ?? null, at: nowIso() })
    .execute();
}
