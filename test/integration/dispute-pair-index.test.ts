import SqliteDatabase from 'better-sqlite3';
import { Migrator, sql } from 'kysely';
import { migrations } from '../../migrations';
import { wrapSqlite } from '../../src/db/connection';
import { migrateToLatest } from '../../src/db/migrator';

async function archiveWithDisputes(pairs: Array<[number, number]>) {
  const conn = wrapSqlite(new SqliteDatabase(':memory:'));
  const migrator = new Migrator({ db: conn.db, provider: { getMigrations: async () => migrations } });
  await migrator.migrateTo('2026_11_30_15_40_00_create_account_event');
  const run = (text: string, ...params: unknown[]) => conn.sqlite.prepare(text).run(...params);
  run(`insert into claimant (id, slug, name, kind, created_at, updated_at) values (1, 'k', 'K', 'person', 'x', 'x')`);
  for (const id of [1, 2, 3])
    run(`insert into claim (id, claimant_id, text, state, created_at, updated_at) values (?, 1, 'c', 'published', 'x', 'x')`, id);
  pairs.forEach(([a, b], i) =>
    run(
      `insert into dispute (slug, question, claim_a_id, claim_b_id, created_at, updated_at) values (?, 'q', ?, ?, 'x', 'x')`,
      `d${i}`,
      a,
      b,
    ),
  );
  await migrateToLatest(conn.db);
  const { rows } = await sql<{ name: string }>`select name from sqlite_master where name = 'dispute_pair_idx'`.execute(conn.db);
  const count = Number(conn.sqlite.prepare('select count(*) as n from dispute').pluck().get());
  await conn.db.destroy();
  return { indexed: rows.length === 1, count };
}

describe('the unique index over a dispute’s two claims', () => {
  it('is made on an archive without twins', async () => {
    expect(
      await archiveWithDisputes([
        [1, 2],
        [2, 3],
      ]),
    ).toEqual({ indexed: true, count: 2 });
  });

  it('is left out, and nothing deleted, on an archive that already holds twins (either order)', async () => {
    expect(
      await archiveWithDisputes([
        [1, 2],
        [2, 1],
      ]),
    ).toEqual({ indexed: false, count: 2 });
  });
});
