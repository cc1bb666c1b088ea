import request from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../src/app';
import type { Config } from '../../src/config';
import type { Db } from '../../src/db/connection';
import { openPostgres } from '../../src/db/postgres';
import { testConfig } from '../helpers/app';
import { createUser, csrfFrom, postLogin, TEST_PASSWORD } from '../helpers/auth';
import { describePostgresOnly, freshPostgresDatabase } from '../helpers/db';

// Two app servers (two createApp on two connection pools, as two processes would have) on one PostgreSQL
// database: a per-address limit reached through one holds on the other — searches, exports, readers'
// tips, failed logins per address and per account — and a burst split over both is counted exactly,
// so no more requests get through than the limit allows. (SQLite serves from one process and counts the
// per-address limits in memory: src/http/rate-limit-store.ts.)

describePostgresOnly('per-address limits and login failures shared by two app servers on one PostgreSQL database', () => {
  let drop: () => Promise<void>;
  let dbs: Db[];
  let apps: Express[];
  let errors: unknown[];
  const config: Config = testConfig({
    limits: { searchesPerMinute: 5, exportsPerMinute: 2, concurrentExports: 4 },
    login: { maxFailures: 3, maxFailuresPerAddress: 6, windowMinutes: 15 },
    inbox: { emailRetentionDays: 90, maxPerAddress: 2, windowMinutes: 60 },
  });

  beforeEach(async () => {
    // Only Date stands still (the login delays are counted in seconds from it); timers and I/O run as usual.
    jest.useFakeTimers({
      now: new Date('2026-12-01T09:00:00Z'),
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
    const fresh = await freshPostgresDatabase({ seed: true });
    drop = fresh.drop;
    dbs = [openPostgres(fresh.url, { poolMax: 4 }).db, openPostgres(fresh.url, { poolMax: 4 }).db];
    errors = [];
    apps = dbs.map((db) => createApp({ db, config, logError: (e) => errors.push(e) }));
  });
  afterEach(async () => {
    jest.useRealTimers();
    expect(errors).toEqual([]);
    for (const db of dbs) await db.destroy();
    await drop();
  });

  const [one, two] = [0, 1];

  it('refuses on the second server the searches and exports the first has used up, with Retry-After', async () => {
    for (let i = 0; i < 5; i++) await request(apps[one]!).get(`/search?q=trump${i}`).expect(200);
    const refused = await request(apps[two]!).get('/search?q=kremlin').set('Accept-Language', 'nl').expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.text).toContain('Te veel zoekopdrachten vanaf uw adres: hooguit 5 per minuut');
    await request(apps[one]!).get('/api/v1/claims?q=kremlin').expect(429);
    await request(apps[two]!).get('/claims').expect(200); // not a search

    await request(apps[two]!).get('/claims.csv').expect(200);
    await request(apps[one]!).get('/disputes.json').expect(200);
    const exports = await request(apps[two]!).get('/claims.json').expect(429);
    expect(exports.headers['retry-after']).toMatch(/^\d+$/);
    expect(exports.body.error.message).toContain('Too many downloads from your address');
  });

  it('lets exactly the limit through of a burst of searches split over both servers', async () => {
    const burst = await Promise.all(
      Array.from({ length: 16 }, (_, i) => request(apps[i % 2]!).get(`/search?q=${['trump', 'putin', 'kremlin', 'fox'][i % 4]}`)),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(11);
    for (const r of burst.filter((r) => r.status === 429)) expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses on the second server the tips sent through the first past INBOX_MAX_PER_ADDRESS', async () => {
    const send = async (app: Express, text: string) => {
      const agent = request.agent(app);
      const page = await agent.get('/suggest').expect(200);
      const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!;
      return agent.post('/suggest').type('form').send({ _csrf: token, website: '', text });
    };
    expect((await send(apps[one]!, 'First tip')).status).toBe(303);
    expect((await send(apps[one]!, 'Second tip')).status).toBe(303);
    const refused = await send(apps[two]!, 'Third tip, other server');
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('Third tip, other server');
    const stored = await dbs[two]!.selectFrom('inbox_item').select('text').where('text', 'like', '%tip%').execute();
    expect(stored.map((r) => r.text).sort()).toEqual(['First tip', 'Second tip']);
  });

  const login = (app: Express, fields: Record<string, string>) => postLogin(request.agent(app), fields);

  it('makes an account wait on the second server after wrong guesses on the first; the right password works after the wait', async () => {
    const user = await createUser(dbs[one]!, 'editor');
    for (let i = 0; i < 3; i++) expect((await login(apps[one]!, { email: user.email, password: `wrong ${i}` })).status).toBe(401);
    const early = await login(apps[two]!, { email: user.email, password: TEST_PASSWORD });
    expect(early.status).toBe(429);
    expect(early.headers['retry-after']).toBe('1');
    expect(early.text).toContain('Too many failed attempts for this account. Wait a second and try again.');
    jest.setSystemTime(Date.now() + 1000);
    expect((await login(apps[two]!, { email: user.email, password: TEST_PASSWORD })).status).toBe(303);
  });

  it('stops on the second server an address that sprayed accounts through the first', async () => {
    for (let i = 0; i < 6; i++) expect((await login(apps[one]!, { email: `guess${i}@example.test`, password: 'x' })).status).toBe(401);
    const user = await createUser(dbs[two]!, 'editor', 'fresh@example.test');
    const refused = await login(apps[two]!, { email: user.email, password: TEST_PASSWORD });
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe(String(15 * 60));
  });

  it('checks exactly as many passwords as the limits allow of a burst of logins split over both servers', async () => {
    const user = await createUser(dbs[one]!, 'editor');
    // One account: three wrong guesses are checked, the rest refused before the check.
    const tokens = await Promise.all(apps.map((app) => request.agent(app)).map(async (agent) => ({ agent, csrf: await csrfFrom(agent) })));
    const attempt = (i: number, email: string) =>
      tokens[i % 2]!.agent.post('/login')
        .type('form')
        .send({ email, password: `wrong ${i}`, _csrf: tokens[i % 2]!.csrf });
    const account = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(i, user.email)));
    expect(account.map((r) => r.status).sort()).toEqual([...Array(3).fill(401), ...Array(9).fill(429)]);
    // One address, many accounts: three more failures fit under its limit of six.
    const spray = await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(i, `spray${i}@example.test`)));
    expect(spray.map((r) => r.status).sort()).toEqual([...Array(3).fill(401), ...Array(9).fill(429)]);
  });
});
