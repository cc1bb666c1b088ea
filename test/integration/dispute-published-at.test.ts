import SqliteDatabase from 'better-sqlite3';
import { Migrator, sql } from 'kysely';
import { migrations } from '../../migrations';
import { wrapSqlite } from '../../src/db/connection';
import { migrateToLatest } from '../../src/db/migrator';
import { importClaimsCsv } from '../../src/imports/csv-import';
import { testApp } from '../helpers/app';
import { freshDatabase } from '../helpers/db';
import request from 'supertest';

// The migration that adds dispute.published_at fills it in for an archive made before it.
it('backfills when each dispute was first published, from its history or else its creation', async () => {
  const conn = wrapSqlite(new SqliteDatabase(':memory:'));
  const migrator = new Migrator({ db: conn.db, provider: { getMigrations: async () => migrations } });
  await migrator.migrateTo('2026_11_28_12_00_00_index_claim_list_order');
  const run = (text: string, ...params: unknown[]) => conn.sqlite.prepare(text).run(...params);
  run(`insert into claimant (id, slug, name, kind, created_at, updated_at) values (1, 'k', 'K', 'person', 'x', 'x')`);
  for (const id of [1, 2])
    run(`insert into claim (id, claimant_id, text, state, created_at, updated_at) values (?, 1, 'c', 'published', 'x', 'x')`, id);
  const dispute = (id: number, state: string) =>
    run(
      `insert into dispute (id, slug, question, state, claim_a_id, claim_b_id, created_at, updated_at)
       values (?, ?, 'q', ?, 1, 2, '2025-01-0${id}T00:00:00.000Z', '2025-06-01T00:00:00.000Z')`,
      id,
      `d${id}`,
      state,
    );
  const revision = (id: number, at: string, state: string) =>
    run(
      `insert into revision (entity, entity_id, action, at, after_json, public_correction) values ('dispute', ?, 'update', ?, ?, 0)`,
      id,
      at,
      JSON.stringify({ id, state }),
    );
  // 1: drafted, published, then retracted. 2: published with no history. 3: a draft never published.
  // 4: published, then taken back to draft.
  dispute(1, 'retracted');
  revision(1, '2025-02-01T00:00:00.000Z', 'draft');
  revision(1, '2025-02-03T00:00:00.000Z', 'published');
  revision(1, '2025-02-05T00:00:00.000Z', 'retracted');
  dispute(2, 'published');
  dispute(3, 'draft');
  revision(3, '2025-02-01T00:00:00.000Z', 'draft');
  dispute(4, 'draft');
  revision(4, '2025-02-04T00:00:00.000Z', 'published');
  revision(4, '2025-02-06T00:00:00.000Z', 'draft');

  await migrateToLatest(conn.db);
  const { rows } = await sql<{ id: number; published_at: string | null }>`select id, published_at from dispute order by id`.execute(
    conn.db,
  );
  expect(rows).toEqual([
    { id: 1, published_at: '2025-02-03T00:00:00.000Z' },
    { id: 2, published_at: '2025-01-02T00:00:00.000Z' },
    { id: 3, published_at: null },
    { id: 4, published_at: '2025-02-04T00:00:00.000Z' },
  ]);
  await conn.db.destroy();
});

it('gives disputes imported as published a publication date', async () => {
  const t = await testApp();
  const empty = await freshDatabase();
  const csv = (await request(t.app).get('/claims.csv').expect(200)).text;
  const report = await importClaimsCsv(empty.db, csv, { baseUrl: 'http://gainsay.test' });
  expect(report.errors).toEqual([]);
  const imported = await empty.db.selectFrom('dispute').select(['state', 'published_at']).execute();
  expect(imported.length).toBe(5);
  for (const d of imported) expect(d).toEqual({ state: 'published', published_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
  await t.db.destroy();
  await empty.db.destroy();
});
