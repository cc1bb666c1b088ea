import type { Db } from '../db/connection';
import { nowIso } from '../domain/clock';
import { toCurrentUser } from './user.repository';
import type { CurrentUser } from './roles';
import type { FailureStats } from './login-throttle';
import { hashToken, randomToken } from './tokens';

export interface SessionTimeouts {
  idleMinutes: number;
  maxHours: number;
}

export interface LoadedSession {
  id: string;
  csrfSecret: string;
  user: CurrentUser;
  lastSeenAt: string;
}

/** Opens a session; returns the token for the cookie (only its hash is stored). */
export async function createSession(db: Db, userId: number): Promise<{ token: string; csrfSecret: string }> {
  const token = randomToken();
  const csrfSecret = randomToken();
  const now = nowIso();
  await db
    .insertInto('session')
    .values({ id: hashToken(token), user_id: userId, csrf_secret: csrfSecret, created_at: now, last_seen_at: now })
    .execute();
  return { token, csrfSecret };
}

/** The live session for a cookie token; expired sessions and disabled users' sessions are deleted and give null. */
export async function loadSession(db: Db, token: string, timeouts: SessionTimeouts, now = new Date()): Promise<LoadedSession | null> {
  const id = hashToken(token);
  const row = await db
    .selectFrom('session as s')
    .innerJoin('user_account as u', 'u.id', 's.user_id')
    .select([
      's.id',
      's.csrf_secret',
      's.created_at',
      's.last_seen_at',
      'u.id as user_id',
      'u.email',
      'u.display_name',
      'u.role',
      'u.disabled',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const idleEnd = Date.parse(row.last_seen_at) + timeouts.idleMinutes * 60_000;
  const absoluteEnd = Date.parse(row.created_at) + timeouts.maxHours * 3_600_000;
  if (row.disabled !== 0 || now.getTime() >= idleEnd || now.getTime() >= absoluteEnd) {
    await deleteSession(db, id);
    return null;
  }
  return {
    id,
    csrfSecret: row.csrf_secret,
    lastSeenAt: row.last_seen_at,
    user: toCurrentUser({ id: row.user_id, email: row.email, display_name: row.display_name, role: row.role }),
  };
}

export async function touchSession(db: Db, id: string, now = nowIso()): Promise<void> {
  await db.updateTable('session').set({ last_seen_at: now }).where('id', '=', id).execute();
}

/** Ends a session by its stored id (the token's hash). */
export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', id).execute();
}

export async function deleteExpiredSessions(db: Db, timeouts: SessionTimeouts, now = new Date()): Promise<void> {
  const idleCut = new Date(now.getTime() - timeouts.idleMinutes * 60_000).toISOString();
  const absoluteCut = new Date(now.getTime() - timeouts.maxHours * 3_600_000).toISOString();
  await db
    .deleteFrom('session')
    .where((eb) => eb.or([eb('last_seen_at', '<', idleCut), eb('created_at', '<', absoluteCut)]))
    .execute();
}

// Failed logins, for rate limiting per account and per client address.

/** How many failures `key` has had after `since`, and when the oldest and the latest of them were. */
export async function loginFailureStats(db: Db, key: string, since: string): Promise<FailureStats> {
  const row = await db
    .selectFrom('login_failure')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('oldest'), eb.fn.max('at').as('latest')])
    .where('key', '=', key)
    .where('at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), oldest: row.oldest ?? null, latest: row.latest ?? null };
}

export async function recordLoginFailure(db: Db, keys: readonly string[], now = nowIso()): Promise<void> {
  if (keys.length)
    await db
      .insertInto('login_failure')
      .values(keys.map((key) => ({ key, at: now })))
      .execute();
}

/** Takes back one attempt recorded at `at` (a login that turned out to be right). */
export async function forgetLoginAttempt(db: Db, key: string, at: string): Promise<void> {
  await db.deleteFrom('login_failure').where('key', '=', key).where('at', '=', at).execute();
}

/** Forgets every failure of `key`; returns how many there were. */
export async function clearLoginFailures(db: Db, key: string): Promise<number> {
  const result = await db.deleteFrom('login_failure').where('key', '=', key).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The account key the login failures are stored under. */
export function accountLoginKey(email: string): string {
  return `email:${email}`;
}

/** Failures per account key since `since`, for the user list. */
export async function countAccountFailures(db: Db, since: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('login_failure')
    .select(['key', (eb) => eb.fn.countAll<number>().as('n')])
    .where('key', 'like', 'email:%')
    .where('at', '>=', since)
    .groupBy('key')
    .execute();
  return new Map(rows.map((r) => [r.key, Number(r.n)]));
}

export async function pruneLoginFailures(db: Db, before: string): Promise<void> {
  await db.deleteFrom('login_failure').where('at', '<', before).execute();
}
