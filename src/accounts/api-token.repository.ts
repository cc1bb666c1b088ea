import type { Db } from '../db/connection';
import { reusableQuery } from '../db/reusable-query';
import { isDatabaseBusy } from '../db/db-errors';
import { nowIso } from '../domain/clock';
import { NotFound } from '../domain/errors';
import type { CurrentUser } from './roles';
import { hashToken, randomToken } from './tokens';
import { toCurrentUser } from './user.repository';
import { english } from '../http/localized';

export const API_TOKEN_PREFIX = 'gsy_';

export interface ApiTokenListRow {
  id: number;
  name: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

/** Creates a token and returns it in clear: this is the only time anyone sees it. */
export async function createApiToken(db: Db, userId: number, name: string): Promise<{ id: number; token: string }> {
  const token = randomToken(API_TOKEN_PREFIX);
  const row = await db
    .insertInto('api_token')
    .values({ user_id: userId, name, token_hash: hashToken(token), created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token };
}

export async function listApiTokens(db: Db, userId: number): Promise<ApiTokenListRow[]> {
  return db
    .selectFrom('api_token')
    .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('revoked_at')
    .orderBy('id', 'desc')
    .execute();
}

export async function revokeApiToken(db: Db, userId: number, id: number): Promise<void> {
  const result = await db
    .updateTable('api_token')
    .set({ revoked_at: nowIso() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new NotFound(english('account.rule.noSuchToken'));
}

// Compiled once (src/db/reusable-query.ts): every API request runs it.
const liveToken = reusableQuery(['hash'], (db, { hash }: { hash: string }) =>
  db
    .selectFrom('api_token as t')
    .innerJoin('user_account as u', 'u.id', 't.user_id')
    .select(['t.id as token_id', 't.last_used_at', 'u.id', 'u.email', 'u.display_name', 'u.role'])
    .where('t.token_hash', '=', hash)
    .where('t.revoked_at', 'is', null)
    .where('u.disabled', '=', 0),
);

/**
 * The user a bearer token belongs to, when it is live and the user is not disabled; marks it used,
 * through `write` (a transaction runner: the server passes its write queue).
 */
export async function authenticateApiToken(
  db: Db,
  token: string,
  write: (fn: (trx: Db) => Promise<unknown>) => Promise<unknown> = (fn) => fn(db),
): Promise<CurrentUser | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await liveToken.first(db, { hash: hashToken(token) });
  if (!row) return null;
  const now = nowIso();
  // Write at most once a minute per token: reads through the API should not each cost a write.
  if (!row.last_used_at || Date.parse(now) - Date.parse(row.last_used_at) > 60_000) {
    await write((trx) => trx.updateTable('api_token').set({ last_used_at: now }).where('id', '=', row.token_id).execute()).catch(
      (err: unknown) => {
        // Bookkeeping only: while another process holds the database, the request goes ahead without it.
        if (!isDatabaseBusy(err)) throw err;
      },
    );
  }
  return toCurrentUser(row);
}
