import request from 'supertest';
import type { Db } from '../../src/db/connection';
import { hashPassword } from '../../src/accounts/password';
import type { Role } from '../../src/accounts/roles';
import { insertUser } from '../../src/accounts/user.repository';
import type { TestApp } from './app';

export const TEST_PASSWORD = 'correct horse battery staple';

let cachedHash: Promise<string> | undefined;

/** Creates an account (the argon2 hash of TEST_PASSWORD is computed once per test file). */
export async function createUser(db: Db, role: Role, email = `${role}@example.test`): Promise<{ id: number; email: string }> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const user = await insertUser(db, {
    email,
    display_name: `${role[0]!.toUpperCase()}${role.slice(1)} Person`,
    role,
    password_hash: await cachedHash,
  });
  return { id: user.id, email: user.email };
}

export interface LoggedIn {
  agent: request.Agent;
  userId: number;
  /** The CSRF token of this session, for the `_csrf` field or the X-CSRF-Token header. */
  csrf: () => Promise<string>;
}

/** The CSRF token from the login form (for anonymous posts) or any page rendering {{> csrf}}. */
export async function csrfFrom(agent: request.Agent, path = '/login'): Promise<string> {
  const page = await agent.get(path);
  const m = /name="_csrf" value="([^"]*)"/.exec(page.text);
  if (!m) throw new Error(`No CSRF field on ${path} (status ${page.status})`);
  return m[1]!;
}

/** A supertest agent signed in through the real login form as a new user with `role`. */
/**
 * Posts the login form with these fields and a CSRF token fetched first (an agent attaches its cookies when
 * a request is created, so the token must be there before the post is built); expects `status` if given.
 */
export async function postLogin(agent: request.Agent, fields: Record<string, string>, status?: number) {
  const csrf = await csrfFrom(agent);
  const req = agent
    .post('/login')
    .type('form')
    .send({ ...fields, _csrf: csrf });
  return status === undefined ? req : req.expect(status);
}

export async function loginAs(t: TestApp, role: Role, email?: string): Promise<LoggedIn> {
  const user = await createUser(t.db, role, email);
  const agent = request.agent(t.app);
  const token = await csrfFrom(agent);
  const res = await agent.post('/login').type('form').send({ email: user.email, password: TEST_PASSWORD, _csrf: token });
  if (res.status !== 303) throw new Error(`Login failed with ${res.status}: ${res.text.slice(0, 300)}`);
  return { agent, userId: user.id, csrf: () => csrfFrom(agent, '/desk/tokens') };
}
