import SqliteDatabase from 'better-sqlite3';
import express from 'express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createApiToken } from '../../src/accounts/api-token.repository';
import { createApp } from '../../src/app';
import { openDatabase, type Connection } from '../../src/db/connection';
import { migrateToLatest } from '../../src/db/migrator';
import { createWriteQueue } from '../../src/db/write-queue';
import { errorHandler } from '../../src/http/errors';
import { createUser } from '../helpers/auth';
import { testConfig } from '../helpers/app';

// Group commit and a busy database, on a real file in WAL mode with a second connection playing the
// other process (an import, a backup) that holds the write lock.

let dir: string;
let conn: Connection;
let other: SqliteDatabase.Database;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gainsay-write-queue-'));
  conn = openDatabase(join(dir, 'db.sqlite'));
  await migrateToLatest(conn.db);
  other = new SqliteDatabase(join(dir, 'db.sqlite'));
  other.pragma('busy_timeout = 0');
});

afterEach(async () => {
  if (other.inTransaction) other.exec('rollback');
  other.close();
  await conn.db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const addClaimant = (name: string) => (trx: Connection['db']) =>
  trx
    .insertInto('claimant')
    .values({ name, slug: name.toLowerCase(), kind: 'person', created_at: 'now', updated_at: 'now' })
    .returning('id')
    .executeTakeFirstOrThrow();
const names = async () => (await conn.db.selectFrom('claimant').select('name').orderBy('name').execute()).map((r) => r.name);

test('writes queued together commit together, and one that throws is rolled back alone', async () => {
  const queue = createWriteQueue(conn.db);
  const results = await Promise.allSettled([
    queue.run(addClaimant('Ada')),
    queue.run(async (trx) => {
      await addClaimant('Bob')(trx);
      throw new Error('refused after writing');
    }),
    queue.run(addClaimant('Cy')),
  ]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  expect((results[1] as PromiseRejectedResult).reason.message).toBe('refused after writing');
  expect(await names()).toEqual(['Ada', 'Cy']);
  // Committed: another connection sees them.
  expect(other.prepare('select count(*) from claimant').pluck().get()).toBe(2);
});

test('a write waits while another process holds the database, then saves', async () => {
  other.exec('begin immediate');
  const queue = createWriteQueue(conn.db, { lockAttemptMs: 10 });
  const saved = queue.run(addClaimant('Ada'));
  // The queue waits asynchronously, so this timer runs while it is waiting.
  setTimeout(() => other.exec('commit'), 100);
  await expect(saved).resolves.toMatchObject({ id: expect.any(Number) });
  expect(await names()).toEqual(['Ada']);
});

test('a write that cannot get the database in time fails with SQLITE_BUSY and saves nothing', async () => {
  other.exec('begin immediate');
  const queue = createWriteQueue(conn.db, { maxWaitMs: 50, lockAttemptMs: 10 });
  await expect(queue.run(addClaimant('Ada'))).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
  other.exec('rollback');
  expect(await names()).toEqual([]);
  // The connection is usable again afterwards.
  await expect(queue.run(addClaimant('Bob'))).resolves.toBeDefined();
});

test('a busy database answers 503 with Retry-After and a JSON error, not a 500', async () => {
  other.exec('begin immediate');
  let busy: unknown;
  try {
    conn.sqlite.pragma('busy_timeout = 0');
    conn.sqlite.exec('begin immediate');
  } catch (err) {
    busy = err;
  }
  expect(busy).toMatchObject({ code: 'SQLITE_BUSY' });
  const logged: unknown[] = [];
  const app = express();
  app.post('/api/v1/claims', () => {
    throw busy;
  });
  app.use(errorHandler((e) => logged.push(e)));
  const res = await request(app).post('/api/v1/claims').expect(503);
  expect(res.headers['retry-after']).toBe('2');
  expect(res.body.error).toMatchObject({ code: 'busy', message: expect.stringContaining('Try again') });
});

test('POST /api/v1/claims waits out another process holding the database and creates the claim', async () => {
  const app = createApp({ db: conn.db, config: testConfig() });
  const user = await createUser(conn.db, 'editor');
  const { token } = await createApiToken(conn.db, user.id, 'script');
  other.exec('begin immediate');
  setTimeout(() => other.exec('commit'), 150);
  const res = await request(app)
    .post('/api/v1/claims')
    .set('Authorization', `Bearer ${token}`)
    .send({ new_claimant_name: 'Ada Lovelace', text: 'The engine can compose music.', topics: ['Computing'] });
  expect(res.status).toBe(201);
  expect(res.body.data).toMatchObject({ text: 'The engine can compose music.', version: 1 });
});

test('a transaction holds the write lock from its start, so another process cannot commit between its reads and its writes', async () => {
  let otherWrite: unknown;
  await conn.db.transaction().execute(async (trx) => {
    await trx.selectFrom('claimant').select('id').execute();
    try {
      other.prepare("insert into claimant (name, slug, kind, created_at, updated_at) values ('Eve', 'eve', 'person', 'now', 'now')").run();
    } catch (err) {
      otherWrite = err;
    }
    // With a deferred BEGIN the other insert would have committed, and this write would fail (SQLITE_BUSY_SNAPSHOT).
    await addClaimant('Ada')(trx);
  });
  expect(otherWrite).toMatchObject({ code: 'SQLITE_BUSY' });
  expect(await names()).toEqual(['Ada']);
});
