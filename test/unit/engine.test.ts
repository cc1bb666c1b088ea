import { Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, DummyDriver } from 'kysely';
import { freshDatabase, testEngine } from '../helpers/db';
import { engineOf } from '../../src/db/engine';

test('engineOf tells SQLite from PostgreSQL by the handle alone', async () => {
  const { db } = await freshDatabase();
  expect(engineOf(db)).toBe(testEngine);
  await db.destroy();
  const pg = new Kysely<unknown>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  expect(engineOf(pg)).toBe('postgres');
  await pg.destroy();
});
