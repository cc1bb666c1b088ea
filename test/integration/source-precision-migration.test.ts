import SqliteDatabase from 'better-sqlite3';
import { Migrator } from 'kysely';
import { migrations } from '../../migrations';
import { wrapSqlite } from '../../src/db/connection';
import { migrateToLatest } from '../../src/db/migrator';

// The migration that adds source.published_precision: every date stored before it was a day.
it('marks the sources dated before it as days, leaves undated ones without a precision, and refuses other precisions', async () => {
  const conn = wrapSqlite(new SqliteDatabase(':memory:'));
  const migrator = new Migrator({ db: conn.db, provider: { getMigrations: async () => migrations } });
  await migrator.migrateTo('2026_11_30_15_40_00_create_account_event');
  const insert = conn.sqlite.prepare(
    `insert into source (id, outlet, title, published_on, created_at, updated_at) values (?, 'Outlet', 'Title', ?, 'x', 'x')`,
  );
  insert.run(1, '2025-03-18');
  insert.run(2, null);
  await migrateToLatest(conn.db);
  expect(conn.sqlite.prepare('select id, published_on, published_precision from source order by id').all()).toEqual([
    { id: 1, published_on: '2025-03-18', published_precision: 'day' },
    { id: 2, published_on: null, published_precision: null },
  ]);
  let code: unknown;
  try {
    conn.sqlite.prepare(`update source set published_precision = 'week' where id = 1`).run();
  } catch (err) {
    code = (err as { code?: unknown }).code;
  }
  expect(code).toBe('SQLITE_CONSTRAINT_CHECK');
  await conn.db.destroy();
});
