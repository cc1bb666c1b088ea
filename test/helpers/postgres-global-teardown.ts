// Jest globalTeardown: after a PostgreSQL run, drops the databases the workers made for tests (the
// templates stay for the next run; test/engines.ts clears everything before a run).
import pg from 'pg';

export default async function dropTestDatabases(): Promise<void> {
  const url = process.env.GAINSAY_TEST_DATABASE_URL;
  if (process.env.GAINSAY_TEST_ENGINE !== 'postgres' || !url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(`select datname from pg_database where starts_with(datname, 'gainsay_test_')`);
    for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
  } finally {
    await client.end();
  }
}
