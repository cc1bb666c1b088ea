import type { Selectable } from 'kysely';
import type { Db } from '../db/connection';
import type { UserAccount } from '../db/schema';
import { nowIso } from '../domain/clock';
import { NotFound, RuleViolation } from '../domain/errors';
import type { CurrentUser, Role } from './roles';
import { english, englishQuoting } from '../http/localized';

export type UserRow = Selectable<UserAccount>;
export type UserListRow = Omit<UserRow, 'password_hash'>;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function toCurrentUser(row: Pick<UserRow, 'id' | 'email' | 'display_name' | 'role'>): CurrentUser {
  return { id: row.id, email: row.email, display_name: row.display_name, role: row.role as Role };
}

export interface UserInput {
  email: string;
  display_name: string;
  role: Role;
  password_hash: string;
}

export async function insertUser(db: Db, input: UserInput): Promise<UserRow> {
  const email = normaliseEmail(input.email);
  if (await findUserByEmail(db, email)) throw new RuleViolation(englishQuoting('account.rule.emailTaken', { email }), 'email');
  const now = nowIso();
  return db
    .insertInto('user_account')
    .values({ ...input, email, disabled: 0, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('user_account').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
}

export async function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('user_account').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listUsers(db: Db): Promise<UserListRow[]> {
  return db
    .selectFrom('user_account')
    .select(['id', 'email', 'display_name', 'role', 'disabled', 'created_at', 'updated_at'])
    .orderBy('disabled')
    .orderBy('display_name')
    .execute();
}

async function activeAdminsOtherThan(db: Db, id: number): Promise<number> {
  const row = await db
    .selectFrom('user_account')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .where('id', '<>', id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Changes role and/or disabled; refuses to leave the newsroom without an active admin. */
export async function updateUserAccess(db: Db, id: number, change: { role?: Role; disabled?: boolean }): Promise<UserRow> {
  const user = await findUserById(db, id);
  if (!user) throw new NotFound(english('account.rule.noSuchUser'));
  const losesAdmin = user.role === 'admin' && user.disabled === 0 && ((change.role && change.role !== 'admin') || change.disabled === true);
  if (losesAdmin && (await activeAdminsOtherThan(db, id)) === 0) {
    throw new RuleViolation(english('account.rule.lastAdmin'), 'role');
  }
  const row = await db
    .updateTable('user_account')
    .set({
      ...(change.role ? { role: change.role } : {}),
      ...(change.disabled !== undefined ? { disabled: change.disabled ? 1 : 0 } : {}),
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (change.disabled) await db.deleteFrom('session').where('user_id', '=', id).execute();
  return row;
}
