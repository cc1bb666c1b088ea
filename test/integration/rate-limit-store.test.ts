import { rateLimit } from 'express-rate-limit';
import express from 'express';
import request from 'supertest';
import type { Connection } from '../../src/db/connection';
import { DatabaseRateLimitStore, rateLimitStore } from '../../src/http/rate-limit-store';
import { deleteEndedRateLimits, hitRateLimit, readRateLimit, takeBackRateLimitHit } from '../../src/http/rate-limit.repository';
import { freshDatabase, testEngine } from '../helpers/db';

// The per-address limits' counters in the database (src/http/rate-limit.repository.ts), on both engines:
// the one-statement hit, its window, taking a hit back, the purge; and express-rate-limit counting in them.

describe('the rate limit counters in the database', () => {
  let conn: Connection;
  beforeEach(async () => {
    conn = await freshDatabase();
  });
  afterEach(async () => {
    await conn.db.destroy();
  });

  const at = (time: string) => new Date(`2026-11-30T${time}Z`);

  it('counts hits in a window that starts with the first, and starts again once it has ended', async () => {
    const db = conn.db;
    expect(await hitRateLimit(db, 'a', 60_000, at('12:00:00.000'))).toEqual({ hits: 1, resetAt: '2026-11-30T12:01:00.000Z' });
    expect(await hitRateLimit(db, 'a', 60_000, at('12:00:30.000'))).toEqual({ hits: 2, resetAt: '2026-11-30T12:01:00.000Z' });
    expect(await hitRateLimit(db, 'b', 60_000, at('12:00:30.000'))).toEqual({ hits: 1, resetAt: '2026-11-30T12:01:30.000Z' });
    await takeBackRateLimitHit(db, 'a', at('12:00:40.000'));
    expect(await readRateLimit(db, 'a', at('12:00:45.000'))).toEqual({ hits: 1, resetAt: '2026-11-30T12:01:00.000Z' });
    // The window has ended: a late take-back changes nothing, and the next hit opens a new window.
    await takeBackRateLimitHit(db, 'a', at('12:01:00.000'));
    expect(await readRateLimit(db, 'a', at('12:01:00.000'))).toBeUndefined();
    expect(await hitRateLimit(db, 'a', 60_000, at('12:01:00.000'))).toEqual({ hits: 1, resetAt: '2026-11-30T12:02:00.000Z' });
  });

  it('counts every one of many hits at once exactly once', async () => {
    const now = new Date();
    const results = await Promise.all(Array.from({ length: 40 }, () => hitRateLimit(conn.db, 'burst', 60_000, now)));
    expect(results.map((r) => r.hits).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('purges the rows whose window has ended and keeps the running ones', async () => {
    await hitRateLimit(conn.db, 'ended', 60_000, at('11:00:00.000'));
    await hitRateLimit(conn.db, 'running', 60_000, at('11:59:30.000'));
    expect(await deleteEndedRateLimits(conn.db, at('12:00:00.000'))).toBe(1);
    expect(await conn.db.selectFrom('rate_limit').select('key').execute()).toEqual([{ key: 'running' }]);
  });

  it('is where express-rate-limit counts, each limiter apart, with the address hashed and failed requests given back', async () => {
    const app = express();
    const limiter = (name: string) =>
      rateLimit({
        windowMs: 60_000,
        limit: 2,
        standardHeaders: 'draft-7',
        legacyHeaders: false,
        store: new DatabaseRateLimitStore(conn.db, name),
        skipFailedRequests: true,
      });
    app.get('/one', limiter('one'), (req, res) => void res.status(req.query.bad ? 422 : 200).send('ok'));
    app.get('/two', limiter('two'), (_req, res) => void res.send('ok'));
    await request(app).get('/one?bad=1').expect(422); // not counted: given back once the response is sent
    await request(app).get('/one').expect(200);
    await request(app).get('/one').expect(200);
    const refused = await request(app).get('/one').expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await request(app).get('/two').expect(200);
    // The refusal is a failed request too, given back once sent (after the client has its answer: wait for it).
    const counts = () => conn.db.selectFrom('rate_limit').select(['key', 'hits']).orderBy('hits').execute();
    for (let i = 0; i < 100 && (await counts()).some((r) => r.hits === 3); i++) await new Promise((r) => setTimeout(r, 20));
    const rows = await counts();
    expect(rows.map((r) => r.hits)).toEqual([1, 2]);
    for (const { key } of rows) expect(key).not.toMatch(/127\.0\.0\.1|::1/);
  });

  it('is chosen on PostgreSQL only: SQLite serves from one process and counts in its memory', () => {
    const store = rateLimitStore(conn.db, 'x');
    if (testEngine === 'postgres') expect(store).toBeInstanceOf(DatabaseRateLimitStore);
    else expect(store).toBeUndefined();
  });
});
