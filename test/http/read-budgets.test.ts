import express from 'express';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import request from 'supertest';
import { createApp } from '../../src/app';
import { openDatabase } from '../../src/db/connection';
import { errorHandler } from '../../src/http/errors';
import { chooseLocale } from '../../src/http/locale';
import { MAX_PREFIXES, MIN_PREFIX_LENGTH } from '../../src/search/search-query';
import { testApp, testConfig } from '../helpers/app';
import { describeSqliteOnly, freshDatabase, insertMany } from '../helpers/db';

// What readers see when the database is asked too much: a read past its budget (503), a search too
// broad to run (422 / 400, saying what to change), too many searches or exports from one address
// (429), too many exports at once (503). Every refusal in the reader's language, with Retry-After
// where waiting helps. Tests make several requests each: 20 s apiece, as a busy machine needs.

// A database file with the SQLite read pool; PostgreSQL's statement_timeout has its own test (postgres-processes).
describeSqliteOnly('a read past its budget', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gainsay-budget-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is stopped and answered 503 with Retry-After, while /healthz sent after it started is answered first', async () => {
    const template = await freshDatabase({ seed: true });
    const file = join(dir, 'db.sqlite');
    writeFileSync(file, template.sqlite.serialize());
    await template.db.destroy();
    const { db } = openDatabase(file, { queryTimeoutMs: 250 });
    const errors: unknown[] = [];
    const app = createApp({ db, config: testConfig(), logError: (e) => errors.push(e) });
    // A deliberately slow query (a recursive count far past the budget) behind the app's own locale
    // choice and error handler; every other path is the app.
    let started!: () => void;
    const slowStarted = new Promise<void>((resolve) => (started = resolve));
    const outer = express();
    // The app's page rendering, for the error page.
    outer.engine('hbs', (app as unknown as { engines: Record<string, Parameters<typeof outer.engine>[1]> }).engines['.hbs']!);
    outer.set('view engine', 'hbs');
    outer.set('views', app.get('views'));
    Object.assign(outer.locals, app.locals);
    outer.use(chooseLocale);
    outer.get(['/slow', '/api/v1/slow'], async (_req, res, next) => {
      try {
        const running =
          sql`with recursive r(n) as (select 1 union all select n + 1 from r where n < 10000000) select count(*) from r`.execute(db);
        started();
        await running;
        res.send('finished');
      } catch (err) {
        next(err);
      }
    });
    outer.use(app);
    outer.use(errorHandler((e) => errors.push(e)));
    try {
      await db.selectFrom('topic').select('id').limit(1).execute(); // readers started
      const order: string[] = [];
      const slow = request(outer)
        .get('/slow')
        .set('Accept', 'text/html')
        .then((res) => (order.push('slow'), res));
      await slowStarted;
      const health = await request(outer).get('/healthz').expect(200);
      order.push('healthz');
      expect(health.body).toEqual({ status: 'ok' });
      const res = await slow;
      expect(order).toEqual(['healthz', 'slow']);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
      expect(res.text).toContain('This took too long and was stopped');

      const nl = await request(outer).get('/api/v1/slow').set('Accept-Language', 'nl').expect(503);
      expect(nl.headers['retry-after']).toMatch(/^\d+$/);
      expect(nl.body.error).toMatchObject({ code: 'timeout', message: expect.stringContaining('Dit duurde te lang en is afgebroken') });
      expect(errors).toHaveLength(2); // logged, as every 5xx is
    } finally {
      await db.destroy();
    }
  }, 30_000);
});

describe('a search too broad to run', () => {
  const prefixes = Array.from({ length: MAX_PREFIXES + 1 }, (_, i) => `oekraine${i}*`).join(' OR ');
  const short = 'a* OR b* OR c*';

  it('is refused on /search before it runs, saying what to change, in English and Dutch', async () => {
    const t = await testApp();
    try {
      const en = await request(t.app).get('/search').query({ q: short }).expect(422);
      expect(en.text).toContain('This search could not be run');
      expect(en.text).toContain(`type at least ${MIN_PREFIX_LENGTH} letters before the *`);
      const nl = await request(t.app).get('/search').query({ q: prefixes }).set('Accept-Language', 'nl').expect(422);
      expect(nl.text).toContain(`Gebruik hooguit ${MAX_PREFIXES} woorden met een * erachter`);
      expect(nl.text).toContain('value="oekraine0* OR'); // the search stays in the box, to be narrowed
    } finally {
      await t.db.destroy();
    }
  }, 20_000);

  it('is refused on the lists and the API as a bad q, in the reader’s language', async () => {
    const t = await testApp();
    try {
      const page = await request(t.app).get('/claims').query({ q: short }).set('Accept-Language', 'nl').expect(400);
      expect(page.text).toContain('is te kort om op het begin te zoeken');
      const api = await request(t.app).get('/api/v1/claims').query({ q: prefixes }).expect(400);
      expect(api.body.error).toMatchObject({
        code: 'bad_filter',
        fields: { q: expect.stringContaining(`Use at most ${MAX_PREFIXES} words ending in *`) },
      });
      const apiNl = await request(t.app).get('/api/v1/disputes').query({ q: short }).set('Accept-Language', 'nl').expect(400);
      expect(apiNl.body.error.fields.q).toContain('typ minstens');
      expect(t.errors).toEqual([]);
    } finally {
      await t.db.destroy();
    }
  }, 20_000);
});

describe('per-address limits', () => {
  it('answer searches past SEARCH_RATE_LIMIT a minute with 429 and Retry-After, as a page and as JSON', async () => {
    const t = await testApp({ config: testConfig({ limits: { searchesPerMinute: 2, exportsPerMinute: 10, concurrentExports: 2 } }) });
    try {
      await request(t.app).get('/search?q=trump').expect(200);
      await request(t.app).get('/claims?q=trump').expect(200);
      await request(t.app).get('/search').expect(200); // the empty form is not a search
      const page = await request(t.app).get('/search?q=kremlin').set('Accept-Language', 'nl').expect(429);
      expect(Number(page.headers['retry-after'])).toBeGreaterThan(0);
      expect(page.text).toContain('Te veel zoekopdrachten vanaf uw adres: hooguit 2 per minuut');
      const api = await request(t.app).get('/api/v1/claims?q=kremlin').expect(429);
      expect(api.body.error).toMatchObject({
        code: 'rate_limited',
        message: expect.stringContaining('Too many searches from your address'),
      });
      await request(t.app).get('/claims').expect(200); // lists without a search are not counted
      expect(t.errors).toEqual([]);
    } finally {
      await t.db.destroy();
    }
  }, 20_000);

  it('do not count signed-in journalists', async () => {
    const t = await testApp({
      signedInAs: 'reporter',
      config: testConfig({ limits: { searchesPerMinute: 1, exportsPerMinute: 1, concurrentExports: 2 } }),
    });
    try {
      for (let i = 0; i < 3; i++) await request(t.app).get('/search?q=trump').expect(200);
      await request(t.rawApp).get('/search?q=trump').expect(200);
      await request(t.rawApp).get('/search?q=trump').expect(429);
    } finally {
      await t.db.destroy();
    }
  }, 20_000);

  it('answer exports past EXPORT_RATE_LIMIT a minute with 429', async () => {
    const t = await testApp({ config: testConfig({ limits: { searchesPerMinute: 30, exportsPerMinute: 1, concurrentExports: 2 } }) });
    try {
      await request(t.app).get('/claims.csv').expect(200);
      const res = await request(t.app).get('/disputes.json').expect(429);
      expect(res.headers['retry-after']).toMatch(/^\d+$/);
      expect(res.body.error.message).toContain('Too many downloads from your address');
    } finally {
      await t.db.destroy();
    }
  }, 20_000);
});

describe('exports running at once', () => {
  it('are capped at EXPORT_CONCURRENCY: one more is answered 503 with Retry-After', async () => {
    const t = await testApp({ config: testConfig({ limits: { searchesPerMinute: 30, exportsPerMinute: 30, concurrentExports: 1 } }) });
    // About 20 MB of CSV: far more than the connection buffers, so an export whose reader does not read stays running.
    const claimant = (await t.db.selectFrom('claimant').select('id').where('slug', '=', 'kremlin').executeTakeFirstOrThrow()).id;
    await insertMany(
      t.db,
      'claim',
      Array.from({ length: 2000 }, (_, i) => ({
        claimant_id: claimant,
        text: `Bulk claim ${i}`,
        quote: 'x'.repeat(10_000),
        state: 'published',
        created_at: '2025-01-01T00:00:00.000Z',
        updated_at: '2025-01-01T00:00:00.000Z',
      })),
    );
    const server = t.app.listen(0);
    const { port } = server.address() as AddressInfo;
    const stalled = httpRequest({ port, path: '/claims.csv' });
    try {
      const response = await new Promise<IncomingMessage>((resolve, reject) => {
        stalled.on('response', resolve).on('error', reject).end();
      });
      expect(response.statusCode).toBe(200);
      response.pause(); // a reader that does not read: the export waits for it
      const refused = await request(t.app).get('/claims.md').set('Accept-Language', 'nl').expect(503);
      expect(refused.headers['retry-after']).toBe('30');
      expect(refused.text).toContain('Er lopen nu te veel downloads tegelijk');
      stalled.destroy();
      await new Promise((resolve) => response.once('close', resolve));
      // The slot is free again once the stalled download is gone.
      for (let attempt = 0; ; attempt++) {
        const res = await request(t.app).get('/disputes.csv');
        if (res.status === 200 || attempt === 50) {
          expect(res.status).toBe(200);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      stalled.destroy();
      await new Promise((resolve) => server.close(resolve));
      await t.db.destroy();
    }
  }, 30_000);
});
