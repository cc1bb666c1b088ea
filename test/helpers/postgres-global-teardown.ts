// Jest globalTeardown: after a PostgreSQL run, drops the databases this run's workers made (the
// templates stay for the next run; test/engines.ts clears everything before a run).
import pg from 'pg';
import { testDatabasePrefix } from './test-run';

export default async function dropTestDatabases(): Promise<void> {
  const url = process.env.GAINSAY_TEST_DATABASE_URL;
  if (process.env.GAINSAY_TEST_ENGINE !== 'postgres' || !url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(`select datname from pg_database where starts_with(datname, $1)`, [
      testDatabasePrefix(),
    ]);
    for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
  } finally {
    await client.end();
  }
}
