import request from 'supertest';
import { createApp } from '../../src/app';
import { testApp, testConfig, type TestApp } from '../helpers/app';
import { createUser, csrfFrom, loginAs, postLogin, TEST_PASSWORD } from '../helpers/auth';

let t: TestApp;

afterEach(async () => {
  expect(t.errors).toEqual([]);
  await t.db.destroy();
});

describe('login and sessions', () => {
  beforeEach(async () => {
    t = await testApp({ seed: false });
  });

  it('sends signed-out visitors of the desk to the login form and back', async () => {
    const res = await request(t.app).get('/desk/tokens').expect(303);
    expect(res.headers.location).toBe('/login?next=%2Fdesk%2Ftokens');
    const user = await createUser(t.db, 'reporter');
    const agent = request.agent(t.app);
    const form = await agent.get(res.headers.location!).expect(200);
    expect(form.text).toContain('name="next" value="/desk/tokens"');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
    const login = await agent
      .post('/login')
      .type('form')
      .send({ email: user.email, password: TEST_PASSWORD, _csrf: csrf, next: '/desk/tokens' })
      .expect(303);
    expect(login.headers.location).toBe('/desk/tokens');
    await agent.get('/desk/tokens').expect(200);
  });

  it('sets an HttpOnly, SameSite=Lax session cookie holding a token whose hash is stored, and rotates it at login', async () => {
    const user = await createUser(t.db, 'editor');
    const agent = request.agent(t.app);
    const first = await postLogin(agent, { email: user.email, password: TEST_PASSWORD });
    const cookie = (first.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('gainsay_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const token = /gainsay_session=([^;]+)/.exec(cookie)![1]!;
    const stored = await t.db.selectFrom('session').select('id').execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.id).not.toBe(token);
    // Signing in again (already signed in: /login redirects; post straight away) gives a new session and ends the old one.
    const csrf = await csrfFrom(agent, '/desk/tokens');
    const again = await agent.post('/login').type('form').send({ email: user.email, password: TEST_PASSWORD, _csrf: csrf }).expect(303);
    const token2 = /gainsay_session=([^;]+)/.exec((again.headers['set-cookie'] as unknown as string[]).join(';'))![1]!;
    expect(token2).not.toBe(token);
    expect(await t.db.selectFrom('session').select('id').execute()).toHaveLength(1);
  });

  it('marks the cookie Secure when configured for https', async () => {
    await t.db.destroy();
    t = await testApp({ seed: false, config: testConfig({ cookieSecure: true }) });
    const user = await createUser(t.db, 'editor');
    // A client over plain http does not send Secure cookies back, so the test carries the cookie by hand.
    const form = await request(t.app).get('/login').expect(200);
    const anon = (form.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('gainsay_csrf='))!;
    expect(anon).toMatch(/Secure/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
    const res = await request(t.app)
      .post('/login')
      .set('Cookie', `gainsay_csrf=${csrf}`)
      .type('form')
      .send({ email: user.email, password: TEST_PASSWORD, _csrf: csrf })
      .expect(303);
    expect((res.headers['set-cookie'] as unknown as string[]).join('\n')).toMatch(/gainsay_session=[^;]+;.*Secure/);
  });

  it('refuses a wrong password with the same message as an unknown address', async () => {
    await createUser(t.db, 'editor');
    const agent = request.agent(t.app);
    const a = await postLogin(agent, { email: 'editor@example.test', password: 'wrong' }, 401);
    const b = await postLogin(agent, { email: 'nobody@example.test', password: 'wrong' }, 401);
    expect(a.text).toContain('The email address or the password is wrong');
    expect(b.text).toContain('The email address or the password is wrong');
    expect(a.text).toContain('value="editor@example.test"');
  });

  it('ends the session at logout', async () => {
    const { agent, csrf } = await loginAs(t, 'editor');
    await agent.get('/desk/tokens').expect(200);
    const token = await csrf();
    await agent.post('/logout').type('form').send({ _csrf: token }).expect(303);
    expect(await t.db.selectFrom('session').selectAll().execute()).toHaveLength(0);
    await agent.get('/desk/tokens').expect(303);
  });

  it('ends idle sessions and sessions past their absolute lifetime', async () => {
    const { agent } = await loginAs(t, 'editor');
    const longAgo = new Date(Date.now() - 3 * 3600_000).toISOString();
    await t.db.updateTable('session').set({ last_seen_at: longAgo }).execute();
    await agent.get('/desk/tokens').expect(303);
    expect(await t.db.selectFrom('session').selectAll().execute()).toHaveLength(0);

    const second = await loginAs(t, 'reporter');
    await t.db
      .updateTable('session')
      .set({ created_at: new Date(Date.now() - 13 * 3600_000).toISOString() })
      .execute();
    await second.agent.get('/desk/tokens').expect(303);
  });

  it('ends the sessions of a disabled user', async () => {
    const { agent, userId } = await loginAs(t, 'reporter');
    await t.db.updateTable('user_account').set({ disabled: 1 }).where('id', '=', userId).execute();
    await agent.get('/desk/tokens').expect(303);
  });

  it('does not follow a next= pointing to another site', async () => {
    const user = await createUser(t.db, 'editor');
    const agent = request.agent(t.app);
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      const csrf = await csrfFrom(agent, '/login');
      const res = await agent
        .post('/login')
        .type('form')
        .send({ email: user.email, password: TEST_PASSWORD, _csrf: csrf, next })
        .expect(303);
      expect(res.headers.location).toBe('/desk');
      const token = await csrfFrom(agent, '/desk/tokens');
      await agent.post('/logout').type('form').send({ _csrf: token });
    }
  });
});

describe('login rate limits', () => {
  // The clock stands still unless a test moves it (only Date is faked: timers, I/O and argon2 run as usual).
  const advance = (seconds: number) => jest.setSystemTime(Date.now() + seconds * 1000);
  beforeEach(async () => {
    jest.useFakeTimers({
      now: new Date('2026-12-01T09:00:00Z'),
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
    t = await testApp({ seed: false, config: testConfig({ login: { maxFailures: 3, maxFailuresPerAddress: 6, windowMinutes: 15 } }) });
  });
  afterEach(() => jest.useRealTimers());

  it('slows an account down after a colleague’s wrong guesses, but the right password works after the wait', async () => {
    const user = await createUser(t.db, 'editor');
    const colleague = request.agent(t.app);
    for (let i = 0; i < 3; i++) await postLogin(colleague, { email: user.email, password: `wrong ${i}` }, 401);
    const owner = request.agent(t.app);
    const early = await postLogin(owner, { email: user.email, password: TEST_PASSWORD }, 429);
    expect(early.text).toContain('Too many failed attempts for this account. Wait a second and try again.');
    expect(early.headers['retry-after']).toBe('1');
    // A new app on the same database (a restart) still asks for the wait.
    const restarted = createApp({ db: t.db, config: t.config, logError: (e: unknown) => t.errors.push(e) });
    await postLogin(request.agent(restarted), { email: user.email, password: TEST_PASSWORD }, 429);
    advance(1);
    await postLogin(owner, { email: user.email, password: TEST_PASSWORD }, 303);
  });

  it('makes each further wrong guess wait twice as long, in the user’s language', async () => {
    // A roomier address limit, so that only the account's delays are at work.
    await t.db.destroy();
    t = await testApp({ seed: false, config: testConfig({ login: { maxFailures: 3, maxFailuresPerAddress: 50, windowMinutes: 15 } }) });
    const user = await createUser(t.db, 'editor');
    const agent = request.agent(t.app);
    for (let i = 0; i < 3; i++) await postLogin(agent, { email: user.email, password: `wrong ${i}` }, 401);
    const waits: string[] = [];
    for (let i = 0; i < 4; i++) {
      const refused = await postLogin(agent, { email: user.email, password: 'still wrong' }, 429);
      waits.push(String(refused.headers['retry-after']));
      advance(Number(refused.headers['retry-after']));
      await postLogin(agent, { email: user.email, password: 'still wrong' }, 401);
    }
    expect(waits).toEqual(['1', '2', '4', '8']);
    const dutch = await agent
      .post('/login')
      .set('Accept-Language', 'nl')
      .type('form')
      .send({ email: user.email, password: TEST_PASSWORD, _csrf: await csrfFrom(agent) })
      .expect(429);
    expect(dutch.text).toContain('Te veel mislukte pogingen voor dit account. Wacht 16 seconden en probeer het opnieuw.');
  });

  it('holds the limit against a burst of parallel attempts', async () => {
    const user = await createUser(t.db, 'editor');
    const agent = request.agent(t.app);
    const csrf = await csrfFrom(agent);
    const burst = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        agent
          .post('/login')
          .type('form')
          .send({ email: user.email, password: `wrong ${i}`, _csrf: csrf }),
      ),
    );
    const statuses = burst.map((r) => r.status);
    // Only as many passwords are checked as the limit allows; the rest are refused before the check.
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(9);
  });

  it('does not count a right password against the address', async () => {
    const user = await createUser(t.db, 'editor');
    for (let i = 0; i < 7; i++) {
      const agent = request.agent(t.app);
      await postLogin(agent, { email: user.email, password: TEST_PASSWORD }, 303);
    }
  });

  it('stops an address spraying many accounts until its oldest failure leaves the window', async () => {
    const agent = request.agent(t.app);
    for (let i = 0; i < 6; i++) {
      await postLogin(agent, { email: `guess${i}@example.test`, password: 'x' }, 401);
      advance(60);
    }
    const user = await createUser(t.db, 'editor', 'fresh@example.test');
    const refused = await postLogin(agent, { email: user.email, password: TEST_PASSWORD }, 429);
    // The first guess was 6 minutes ago: it leaves the 15-minute window in 9.
    expect(refused.headers['retry-after']).toBe(String(9 * 60));
    expect(refused.text).toContain('Too many failed attempts from this address. Wait 9 minutes and try again.');
    advance(9 * 60);
    await postLogin(agent, { email: user.email, password: TEST_PASSWORD }, 303);
  });

  it('lets an admin unlock an account at once, records it, and only admins', async () => {
    const user = await createUser(t.db, 'reporter', 'locked-out@example.test');
    const colleague = request.agent(t.app);
    for (let i = 0; i < 5; i++) {
      if (i) advance(60);
      await postLogin(colleague, { email: user.email, password: `wrong ${i}` }, 401);
    }
    const owner = request.agent(t.app);
    await postLogin(owner, { email: user.email, password: TEST_PASSWORD }, 429);

    const editor = await loginAs(t, 'editor');
    await editor.agent
      .post(`/desk/users/${user.id}/unlock`)
      .type('form')
      .send({ _csrf: await editor.csrf() })
      .expect(403);
    await postLogin(owner, { email: user.email, password: TEST_PASSWORD }, 429);

    const admin = await loginAs(t, 'admin');
    const list = await admin.agent.get('/desk/users').expect(200);
    expect(list.text).toContain('5 failed sign-ins in the last 15 minutes');
    expect(list.text).toContain(`action="/desk/users/${user.id}/unlock"`);
    const done = await admin.agent
      .post(`/desk/users/${user.id}/unlock`)
      .type('form')
      .send({ _csrf: await admin.csrf() })
      .expect(303);
    expect(done.headers.location).toBe('/desk/users?unlocked=1');
    const after = await admin.agent.get(done.headers.location!).expect(200);
    expect(after.text).toContain('Sign-in unlocked');
    expect(after.text).not.toContain(`action="/desk/users/${user.id}/unlock"`);
    expect(await t.db.selectFrom('account_event').select(['user_id', 'actor_id', 'action', 'detail']).execute()).toEqual([
      { user_id: user.id, actor_id: admin.userId, action: 'unlock', detail: '5 failed logins cleared' },
    ]);
    await postLogin(owner, { email: user.email, password: TEST_PASSWORD }, 303);
    await admin.agent
      .post('/desk/users/999999/unlock')
      .type('form')
      .send({ _csrf: await admin.csrf() })
      .expect(404);
  });
});

describe('CSRF', () => {
  beforeEach(async () => {
    t = await testApp({ seed: false });
  });

  it('refuses a form post without the token and accepts it with the token', async () => {
    const { agent, csrf } = await loginAs(t, 'reporter');
    const without = await agent.post('/desk/tokens').type('form').send({ name: 'script' }).expect(403);
    expect(without.text).toContain('did not come from this site');
    await agent.post('/desk/tokens').type('form').send({ name: 'script', _csrf: 'forged' }).expect(403);
    expect(await t.db.selectFrom('api_token').selectAll().execute()).toHaveLength(0);
    const token = await csrf();
    await agent.post('/desk/tokens').type('form').send({ name: 'script', _csrf: token }).expect(201);
    await agent.post('/desk/tokens').set('X-CSRF-Token', token).type('form').send({ name: 'other' }).expect(201);
    expect(await t.db.selectFrom('api_token').selectAll().execute()).toHaveLength(2);
  });

  it('protects the login form itself and logout', async () => {
    const user = await createUser(t.db, 'editor');
    await request(t.app).post('/login').type('form').send({ email: user.email, password: TEST_PASSWORD }).expect(403);
    const { agent } = await loginAs(t, 'reporter');
    await agent.post('/logout').type('form').send({}).expect(403);
    await agent.get('/desk/tokens').expect(200);
  });

  it('does not accept another session’s token', async () => {
    const a = await loginAs(t, 'reporter');
    const b = await loginAs(t, 'editor');
    const foreign = await b.csrf();
    await a.agent.post('/desk/tokens').type('form').send({ name: 'x', _csrf: foreign }).expect(403);
  });
});

describe('security headers', () => {
  beforeEach(async () => {
    t = await testApp({ seed: false });
  });

  it('sends a Content-Security-Policy that allows no inline script', async () => {
    const res = await request(t.app).get('/login').expect(200);
    const csp = String(res.headers['content-security-policy']);
    const scriptSrc = /script-src ([^;]+)/.exec(csp)![1]!;
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(csp).toMatch(/script-src-attr 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
  });
});
