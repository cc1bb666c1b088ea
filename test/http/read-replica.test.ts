import type { Express } from 'express';
import pg from 'pg';
import request from 'supertest';
import { createApiToken } from '../../src/accounts/api-token.repository';
import { createSession } from '../../src/accounts/session.repository';
import { createApp } from '../../src/app';
import type { Db } from '../../src/db/connection';
import { openPostgres } from '../../src/db/postgres';
import { allowReplicaReads } from '../../src/db/read-replica';
import { testConfig } from '../helpers/app';
import { createUser } from '../helpers/auth';
import { adminQuery, describePostgresOnly, freshPostgresDatabase, postgresUrlFor } from '../helpers/db';

// DATABASE_READ_URL without a real replica: the "replica" is a second copy of the seeded database on the
// same server, where one claim's text was changed — so every answer shows which database it was read from.

const REPLICA_TEXT = 'The wording as the lagging replica still has it.';

const firstPublishedClaim = (db: Db) =>
  db.selectFrom('claim').select(['id', 'text']).where('state', '=', 'published').orderBy('id').limit(1).executeTakeFirstOrThrow();

describePostgresOnly('a read replica (DATABASE_READ_URL)', () => {
  let drops: Array<() => Promise<void>>;
  let db: Db;
  let app: Express;
  let errors: unknown[];
  let claim: { id: number; text: string };
  let cookie: string;
  let bearer: string;

  beforeEach(async () => {
    const primary = await freshPostgresDatabase({ seed: true });
    const replica = await freshPostgresDatabase({ seed: true });
    drops = [primary.drop, replica.drop];
    db = openPostgres(primary.url, { poolMax: 4, readUrl: replica.url }).db;
    claim = await firstPublishedClaim(db);
    const client = new pg.Client({ connectionString: replica.url });
    await client.connect();
    await client.query('update claim set text = $1 where id = $2', [REPLICA_TEXT, claim.id]).finally(() => client.end());
    errors = [];
    app = createApp({ db, config: testConfig(), logError: (e) => errors.push(e) });
    const user = await createUser(db, 'editor');
    cookie = `gainsay_session=${(await createSession(db, user.id)).token}`;
    bearer = `Bearer ${(await createApiToken(db, user.id, 'script')).token}`;
  });
  afterEach(async () => {
    expect(errors).toEqual([]);
    await db.destroy();
    for (const drop of drops) await drop();
  });

  it('serves signed-out readers’ pages, API and exports from the replica', async () => {
    expect(claim.text).not.toBe(REPLICA_TEXT);
    const page = await request(app).get(`/claims/${claim.id}`).expect(200);
    expect(page.text).toContain(REPLICA_TEXT);
    const api = await request(app).get(`/api/v1/claims/${claim.id}`).expect(200);
    expect(api.body.data.text).toBe(REPLICA_TEXT);
    // An export's snapshot is a read-only transaction: it runs on the replica too.
    const csv = await request(app).get('/claims.csv').expect(200);
    expect(csv.text).toContain(REPLICA_TEXT);
    expect(csv.text).not.toContain(claim.text);
  });

  it('serves signed-in journalists and API tokens from the primary, and their writes go there', async () => {
    const page = await request(app).get(`/claims/${claim.id}`).set('Cookie', cookie).expect(200);
    expect(page.text).toContain(claim.text);
    expect(page.text).not.toContain(REPLICA_TEXT);
    const desk = await request(app).get(`/desk/claims/${claim.id}`).set('Cookie', cookie).expect(200);
    expect(desk.text).toContain(claim.text);
    const api = await request(app).get(`/api/v1/claims/${claim.id}`).set('Authorization', bearer).expect(200);
    expect(api.body.data.text).toBe(claim.text);
    const csv = await request(app).get('/claims.csv').set('Cookie', cookie).expect(200);
    expect(csv.text).toContain(claim.text);

    // A new claim is written to the primary and read back from it at once (the replica never has it).
    const claimant = (await db.selectFrom('claimant').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
    const created = await request(app)
      .post('/api/v1/claims')
      .set('Authorization', bearer)
      .send({ claimant_id: claimant, text: 'Written through the API just now.' })
      .expect(201);
    const id = created.body.data.id as number;
    await request(app).get(`/api/v1/claims/${id}`).set('Authorization', bearer).expect(200);
  });

  it('routes by the work’s marking: reads outside it from the primary, writes and what follows a write always to the primary', async () => {
    const text = () => db.selectFrom('claim').select('text').where('id', '=', claim.id).executeTakeFirstOrThrow();
    // A command, a migration, a background job: not marked, the primary.
    expect((await text()).text).toBe(claim.text);
    await allowReplicaReads(async () => {
      expect((await text()).text).toBe(REPLICA_TEXT);
      // A write goes to the primary, even from marked work …
      await db.updateTable('claim').set({ quote: 'Quoted on the primary.' }).where('id', '=', claim.id).execute();
      // … and a session that wrote reads the primary from then on: it sees its own write.
      const quotes = await db.connection().execute(async (conn) => {
        const before = await conn.selectFrom('claim').select('quote').where('id', '=', claim.id).executeTakeFirstOrThrow();
        await conn.updateTable('claim').set({ said_where: 'On the primary' }).where('id', '=', claim.id).execute();
        const after = await conn.selectFrom('claim').select(['quote', 'said_where']).where('id', '=', claim.id).executeTakeFirstOrThrow();
        return { before, after };
      });
      expect(quotes.before.quote).not.toBe('Quoted on the primary.'); // read on the replica
      expect(quotes.after).toEqual({ quote: 'Quoted on the primary.', said_where: 'On the primary' });
      // A read-write transaction reads the primary throughout.
      expect(
        await db
          .transaction()
          .execute(async (trx) => (await trx.selectFrom('claim').select('text').where('id', '=', claim.id).executeTakeFirstOrThrow()).text),
      ).toBe(claim.text);
    });
  });
});

describePostgresOnly('a read replica that cannot be reached', () => {
  it('sends its reads to the primary without an error, and goes back to it once it answers', async () => {
    const primary = await freshPostgresDatabase({ seed: true });
    // What the replica will be a copy of, once it comes up (a database nobody is connected to).
    const seeded = await freshPostgresDatabase({ seed: true });
    // The replica does not exist yet: connecting to it fails, as connecting to a stopped server does.
    const replicaName = `${seeded.name}_replica`;
    const db = openPostgres(primary.url, { poolMax: 4, readUrl: postgresUrlFor(replicaName), replicaRetryMs: 200 }).db;
    const errors: unknown[] = [];
    const app = createApp({ db, config: testConfig(), logError: (e) => errors.push(e) });
    try {
      const claim = await firstPublishedClaim(db);
      const page = await request(app).get(`/claims/${claim.id}`).expect(200);
      expect(page.text).toContain(claim.text);
      await request(app).get('/claims.csv').expect(200);

      // The replica comes up, where that claim reads differently, and is used again after the retry time.
      await adminQuery(`create database ${replicaName} template ${seeded.name} strategy file_copy`);
      const client = new pg.Client({ connectionString: postgresUrlFor(replicaName) });
      await client.connect();
      await client.query('update claim set text = $1 where id = $2', [REPLICA_TEXT, claim.id]).finally(() => client.end());
      await new Promise((r) => setTimeout(r, 250));
      const again = await request(app).get(`/claims/${claim.id}`).expect(200);
      expect(again.text).toContain(REPLICA_TEXT);
      expect(errors).toEqual([]);
    } finally {
      await db.destroy();
      await adminQuery(`drop database if exists ${replicaName} with (force)`);
      await seeded.drop();
      await primary.drop();
    }
  });
});
