import pg from 'pg';
import request from 'supertest';
import type { Express } from 'express';
import { createApiToken } from '../../src/accounts/api-token.repository';
import { createApp } from '../../src/app';
import type { Db } from '../../src/db/connection';
import { isDatabaseBusy } from '../../src/db/db-errors';
import { openPostgres } from '../../src/db/postgres';
import { testConfig } from '../helpers/app';
import { createUser } from '../helpers/auth';
import { describePostgresOnly, freshPostgresDatabase } from '../helpers/db';

// Two app servers (two createApp on two connection pools, as two processes would have) on one PostgreSQL
// database, sent concurrent API writes: the read-then-write rules that SQLite's one writer kept (no
// claimant twin, one topic per name, no lost update) must hold here through SERIALIZABLE transactions and
// their retries, and every losing edit must be reported as a conflict — never a 500.

describePostgresOnly('two app servers on one PostgreSQL database', () => {
  let drop: () => Promise<void>;
  let url: string;
  let dbs: Db[];
  let apps: Express[];
  let errors: unknown[];
  let auth: { Authorization: string };

  beforeEach(async () => {
    const fresh = await freshPostgresDatabase({ seed: true });
    drop = fresh.drop;
    url = fresh.url;
    dbs = [openPostgres(fresh.url, { poolMax: 4 }).db, openPostgres(fresh.url, { poolMax: 4 }).db];
    errors = [];
    apps = dbs.map((db) => createApp({ db, config: testConfig(), logError: (e) => errors.push(e) }));
    const user = await createUser(dbs[0]!, 'editor');
    auth = { Authorization: `Bearer ${(await createApiToken(dbs[0]!, user.id, 'script')).token}` };
  });
  afterEach(async () => {
    for (const db of dbs) await db.destroy();
    await drop();
  });

  it('makes one claimant and one topic of a new name sent to both at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        request(apps[i % 2]!)
          .post('/api/v1/claims')
          .set(auth)
          .send({ new_claimant_name: 'Zora Twinless', text: `Claim number ${i} of the race.`, topics: ['Brand new topic'] }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
    expect(errors).toEqual([]);
    const db = dbs[0]!;
    const claimants = await db.selectFrom('claimant').select('id').where('name', '=', 'Zora Twinless').execute();
    expect(claimants).toHaveLength(1);
    expect(await db.selectFrom('topic').select('id').where('name', '=', 'Brand new topic').execute()).toHaveLength(1);
    const claims = await db.selectFrom('claim').select(['id', 'claimant_id']).where('text', 'like', 'Claim number %').execute();
    expect(claims).toHaveLength(12);
    expect(new Set(claims.map((c) => c.claimant_id))).toEqual(new Set([claimants[0]!.id]));
    expect(new Set(results.map((r) => r.body.data.claimant.slug)).size).toBe(1);
  });

  it('lets exactly one of concurrent edits of the same version win and reports every other as a conflict', async () => {
    const created = await request(apps[0]!)
      .post('/api/v1/claims')
      .set(auth)
      .send({ new_claimant_name: 'Edit Target', text: 'The first wording.' })
      .expect(201);
    const { id, version } = created.body.data as { id: number; version: number };
    const texts = Array.from({ length: 10 }, (_, i) => `Wording number ${i}.`);
    const results = await Promise.all(
      texts.map((text, i) =>
        request(apps[i % 2]!)
          .put(`/api/v1/claims/${id}`)
          .set(auth)
          .send({ new_claimant_name: 'Edit Target', text, version }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(9).fill(409)]);
    expect(errors).toEqual([]);
    for (const r of results.filter((r) => r.status === 409)) expect(r.body.error.code).toBe('version_conflict');
    const winner = texts[results.findIndex((r) => r.status === 200)];
    const row = await dbs[1]!.selectFrom('claim').select(['text', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ text: winner, version: version + 1 });
    // One update in the history, not ten.
    const updates = await dbs[1]!
      .selectFrom('revision')
      .select('id')
      .where('entity', '=', 'claim')
      .where('entity_id', '=', id)
      .where('action', '=', 'update')
      .execute();
    expect(updates).toHaveLength(1);
  });

  it('answers 503 with Retry-After when a row stays locked past the lock timeout, and saves nothing', async () => {
    // A third server with a short budget: QUERY_TIMEOUT_MS is both statement_timeout and lock_timeout.
    const budgeted = openPostgres(url, { poolMax: 2, statementTimeoutMs: 300 }).db;
    dbs.push(budgeted);
    const app = createApp({ db: budgeted, config: testConfig(), logError: (e) => errors.push(e) });
    const created = await request(apps[0]!)
      .post('/api/v1/claims')
      .set(auth)
      .send({ new_claimant_name: 'Locked', text: 'Held.' })
      .expect(201);
    const { id, version } = created.body.data as { id: number; version: number };
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select id from claim where id = $1 for update', [id]);
      const res = await request(app).put(`/api/v1/claims/${id}`).set(auth).send({ new_claimant_name: 'Locked', text: 'Changed.', version });
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBeDefined();
      expect(res.body.error.code).toBe('busy');
    } finally {
      await holder.query('rollback');
      await holder.end();
    }
    // The error handler logs each 503; they must all be the lock timeout.
    expect(errors.length && errors.every(isDatabaseBusy)).toBe(true);
    const row = await dbs[0]!.selectFrom('claim').select(['text', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ text: 'Held.', version });
  });
});
