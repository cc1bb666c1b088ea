import SqliteDatabase from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { sql } from 'kysely';
import pg from 'pg';
import { createApiToken } from '../../src/accounts/api-token.repository';
import { createSession } from '../../src/accounts/session.repository';
import { createApp } from '../../src/app';
import { openDatabase, type Connection } from '../../src/db/connection';
import { copySqliteToPostgres, copySqliteToPostgresByCopy, tablesInDependencyOrder } from '../../src/db/copy-to-postgres';
import { migrateToLatest } from '../../src/db/migrator';
import { openPostgres } from '../../src/db/postgres';
import { matchingIds } from '../../src/db/search-index';
import { parseSearchQuery } from '../../src/search/search-query';
import { loadSeed, readSeedFile } from '../../src/seed/seed';
import { runCli } from '../../src/cli';
import { testConfig } from '../helpers/app';
import { createUser } from '../helpers/auth';
import { describePostgresOnly, freshPostgresDatabase } from '../helpers/db';

// `gainsay copy --to postgres://…` moves a SQLite database losslessly: the seed plus data made through the
// API (history, users, tokens, sessions, a deleted claim) is copied, and every table compared row by row.

/** A SQLite file holding the seed and what a newsroom's use adds to it. */
async function usedDatabase(file: string): Promise<Connection> {
  const conn = openDatabase(file);
  await migrateToLatest(conn.db);
  await conn.db.transaction().execute((trx) => loadSeed(trx, readSeedFile()));
  const app = createApp({ db: conn.db, config: testConfig() });
  const user = await createUser(conn.db, 'editor', 'eva@example.test');
  const auth = { Authorization: `Bearer ${(await createApiToken(conn.db, user.id, 'script')).token}` };
  await createSession(conn.db, user.id);
  const ids: number[] = [];
  for (const [i, text] of ['Één claim met accenten: Oekraïne, café', 'A “quoted” claim\nover two lines', 'To be deleted'].entries()) {
    const res = await request(app)
      .post('/api/v1/claims')
      .set(auth)
      .send({ new_claimant_name: `Nieuwe Spreker ${i}`, text, topics: ['Kopiëren'], verdict: 'unverified' })
      .expect(201);
    ids.push(res.body.data.id as number);
  }
  await request(app)
    .put(`/api/v1/claims/${ids[0]}`)
    .set(auth)
    .send({ new_claimant_name: 'Nieuwe Spreker 0', text: 'Edited once', version: 1 })
    .expect(200);
  await request(app).delete(`/api/v1/claims/${ids[2]}`).set(auth).expect(204);
  conn.sqlite.prepare(`insert into login_failure (key, at) values ('email:x@example.test', '2026-01-01T00:00:00.000Z')`).run();
  conn.sqlite
    .prepare(`insert into account_event (user_id, actor_id, action, detail, at) values (?, ?, 'unlock', null, 'now')`)
    .run(user.id, user.id);
  return conn;
}

/** Every row of a table as JSON, sorted: the order rows come back in is not part of the data. */
const sortedRows = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();

describePostgresOnly('gainsay copy --to postgres://…', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gainsay-copy-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['COPY', 'inserts'])(
    'copies every table and row by %s, keeps ids, and numbers new rows after the largest id SQLite ever gave',
    async (method) => {
      const source = await usedDatabase(join(dir, 'g.sqlite'));
      const target = await freshPostgresDatabase({ migrated: false });
      const { db } = openPostgres(target.url);
      const copy = async () => {
        if (method === 'inserts') return copySqliteToPostgres(source.sqlite, db);
        const client = new pg.Client({ connectionString: target.url });
        await client.connect();
        try {
          return await copySqliteToPostgresByCopy(source.sqlite, client);
        } finally {
          await client.end();
        }
      };
      try {
        const report = await copy();
        const tables = tablesInDependencyOrder(source.sqlite);
        expect(tables).toEqual(expect.arrayContaining(['claim', 'revision', 'session', 'api_token', 'login_failure', 'account_event']));
        for (const table of ['revision', 'session', 'api_token', 'login_failure', 'account_event', 'claim_link', 'dispute'])
          expect(Number(source.sqlite.prepare(`select count(*) from ${table}`).pluck().get())).toBeGreaterThan(0);
        expect(report.tables.map((t) => t.table)).toEqual(tables);
        for (const table of tables) {
          const columns = source.sqlite.prepare(`select name from pragma_table_info(?)`).pluck().all(table) as string[];
          const list = columns.map((c) => `"${c}"`).join(', ');
          const before = source.sqlite.prepare(`select ${list} from "${table}"`).all();
          const after = (await sql.raw(`select ${list} from "${table}"`).execute(db)).rows;
          expect({ table, rows: sortedRows(after) }).toEqual({ table, rows: sortedRows(before) });
        }
        const deletedId = Number(source.sqlite.prepare(`select seq from sqlite_sequence where name = 'claim'`).pluck().get());
        const next = await db
          .insertInto('claimant')
          .values({ name: 'After the copy', slug: 'after-the-copy', kind: 'person', created_at: 'now', updated_at: 'now' })
          .returning('id')
          .executeTakeFirstOrThrow();
        const maxClaimant = Number(source.sqlite.prepare('select max(id) from claimant').pluck().get());
        expect(next.id).toBe(maxClaimant + 1);
        const claim = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('claim', 'id'))::int as id`.execute(db);
        expect(claim.rows[0]!.id).toBe(deletedId + 1); // the deleted claim's id is not given again
        // The search index was built from the copied rows.
        const parsed = parseSearchQuery('quot* LINES');
        if (!parsed.ok) throw new Error(parsed.message);
        const found = await db
          .selectFrom('claim')
          .select('text')
          .where((eb) => eb('id', 'in', matchingIds(db, 'claim', parsed.query)))
          .execute();
        expect(found.map((r) => r.text)).toEqual(['A “quoted” claim\nover two lines']);
        // Copying again into the now full database is refused.
        await expect(copy()).rejects.toThrow('already holds records');
      } finally {
        await db.destroy();
        await source.db.destroy();
        await target.drop();
      }
    },
  );

  it('is the `gainsay copy` command', async () => {
    const file = join(dir, 'cli.sqlite');
    const source = openDatabase(file);
    await migrateToLatest(source.db);
    await source.db.transaction().execute((trx) => loadSeed(trx, readSeedFile()));
    await source.db.destroy();
    const target = await freshPostgresDatabase({ migrated: false });
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const err = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await runCli(['copy', '--to', target.url], { DATABASE_PATH: file })).toBe(0);
      expect(log.mock.calls.flat().join('\n')).toMatch(/Copied .* tables, \d+ rows/);
      const check = new SqliteDatabase(file, { readonly: true });
      const claims = Number(check.prepare('select count(*) from claim').pluck().get());
      check.close();
      const { db } = openPostgres(target.url);
      expect(
        Number(
          (
            await db
              .selectFrom('claim')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ).toBe(claims);
      // The planner's statistics are there at once (lists by topic are planned from them).
      const stats = await sql<{ n: number }>`
        select count(*)::int as n from pg_stats
        where schemaname = current_schema() and tablename = 'claim_topic' and attname = 'topic_id'`.execute(db);
      expect(stats.rows[0]!.n).toBe(1);
      await db.destroy();
      await expect(runCli(['copy', '--to', 'mysql://x'], { DATABASE_PATH: file })).rejects.toThrow('Usage: gainsay copy');
    } finally {
      log.mockRestore();
      err.mockRestore();
      await target.drop();
    }
  });
});
