import SqliteDatabase from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { wrapSqlite, type Connection } from '../../src/db/connection';
import { migrateToLatest } from '../../src/db/migrator';
import { openPostgres } from '../../src/db/postgres';
import { loadSeed, readSeedFile } from '../../src/seed/seed';

// Which engine the suite runs on: SQLite unless GAINSAY_TEST_ENGINE=postgres, which needs
// GAINSAY_TEST_DATABASE_URL (a database the tests may connect to as a role that may create databases;
// scripts/test-engines.sh starts with it). Each test gets a database of its own either way.

export const testEngine: 'sqlite' | 'postgres' = process.env.GAINSAY_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/** `describe` for tests of SQLite itself (its files, FTS5, busy locks): skipped on PostgreSQL. */
export const describeSqliteOnly: jest.Describe = testEngine === 'sqlite' ? describe : describe.skip;
/** `describe` for tests of PostgreSQL itself: skipped on SQLite. */
export const describePostgresOnly: jest.Describe = testEngine === 'postgres' ? describe : describe.skip;
/** `it` for a test of SQLite itself, in a file whose other tests run on both engines. */
export const itSqliteOnly: jest.It = testEngine === 'sqlite' ? it : it.skip;
/** `it` for a test of PostgreSQL itself. */
export const itPostgresOnly: jest.It = testEngine === 'postgres' ? it : it.skip;

let migratedTemplate: Buffer | undefined;
let seededTemplate: Buffer | undefined;

async function buildTemplate(seed: boolean): Promise<Buffer> {
  const conn = wrapSqlite(new SqliteDatabase(':memory:'));
  await migrateToLatest(conn.db);
  if (seed) await conn.db.transaction().execute((trx) => loadSeed(trx, readSeedFile()));
  const image = conn.sqlite.serialize();
  await conn.db.destroy();
  return image;
}

/** On PostgreSQL there is no SQLite connection: a test that reaches for one must be marked SQLite-only. */
const noSqlite = new Proxy({} as SqliteDatabase.Database, {
  get(_target, prop) {
    throw new Error(`conn.sqlite.${String(prop)} on PostgreSQL: mark this test with describeSqliteOnly/itSqliteOnly (test/helpers/db.ts).`);
  },
});

// --- PostgreSQL: one template database per state of the migrations and seed, copied for each test ---

function postgresAdminUrl(): string {
  const url = process.env.GAINSAY_TEST_DATABASE_URL;
  if (!url)
    throw new Error('GAINSAY_TEST_ENGINE=postgres needs GAINSAY_TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5433/postgres).');
  return url;
}

/** The URL of another database on the same server. */
export function postgresUrlFor(database: string): string {
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

let admin: pg.Pool | undefined;
const adminPool = () => (admin ??= new pg.Pool({ connectionString: postgresAdminUrl(), max: 2 }));

/** A hash of everything a template is built from, so a changed migration or seed never reuses an old template. */
function templateVersion(): string {
  const root = resolve(__dirname, '../..');
  const hash = createHash('sha256');
  for (const dir of ['migrations', 'src/seed']) {
    for (const file of readdirSync(join(root, dir)).sort()) hash.update(file).update(readFileSync(join(root, dir, file)));
  }
  hash.update(readFileSync(join(root, 'data/seed.json')));
  return hash.digest('hex').slice(0, 12);
}

const templates = new Map<boolean, Promise<string>>();

/** Creates the template once per server (an advisory lock keeps parallel jest workers from racing). */
function postgresTemplate(seed: boolean): Promise<string> {
  let template = templates.get(seed);
  if (!template) {
    template = (async () => {
      const name = `gainsay_tpl_${templateVersion()}_${seed ? 'seeded' : 'migrated'}`;
      const client = await adminPool().connect();
      try {
        await client.query('select pg_advisory_lock(4242)');
        const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
        if (!rowCount) {
          const building = `${name}_building_${process.pid}`;
          await client.query(`drop database if exists ${building}`);
          await client.query(`create database ${building}`);
          const { db } = openPostgres(postgresUrlFor(building), { poolMax: 1 });
          await migrateToLatest(db);
          if (seed) await db.transaction().execute((trx) => loadSeed(trx, readSeedFile()));
          await db.destroy();
          await client.query(`alter database ${building} rename to ${name}`);
        }
        return name;
      } finally {
        await client.query('select pg_advisory_unlock(4242)').catch(() => undefined);
        client.release();
      }
    })();
    templates.set(seed, template);
  }
  return template;
}

let databases = 0;

/** A new, empty database on the test server (migrated and seeded when asked), and how to drop it. */
export async function freshPostgresDatabase({ seed = false, migrated = true }: { seed?: boolean; migrated?: boolean } = {}) {
  const name = `gainsay_test_${process.pid}_${++databases}_${Date.now() % 100000}`;
  // file_copy: a checkpoint and a copy of the files, quicker here than WAL-logging every page of the copy.
  if (migrated) await adminPool().query(`create database ${name} template ${await postgresTemplate(seed)} strategy file_copy`);
  else await adminPool().query(`create database ${name}`);
  return {
    name,
    url: postgresUrlFor(name),
    drop: async () => {
      await adminPool().query(`drop database if exists ${name} with (force)`);
    },
  };
}

/** Ends this worker's connection to the test server (jest's afterAll in test/helpers/postgres-teardown.ts). */
export async function closeTestServer(): Promise<void> {
  await admin?.end();
  admin = undefined;
}

/**
 * A fresh database for one test: a copy of a template that was migrated (and, with `seed`, loaded with
 * data/seed.json) once — per test file on SQLite (in memory), per server on PostgreSQL (a template
 * database). Close it with `conn.db.destroy()`, which on PostgreSQL also drops the copy.
 */
export async function freshDatabase({ seed = false }: { seed?: boolean } = {}): Promise<Connection> {
  if (testEngine === 'postgres') {
    const fresh = await freshPostgresDatabase({ seed });
    const { db } = openPostgres(fresh.url, { poolMax: 4 });
    const destroy = db.destroy.bind(db);
    let dropped = false;
    db.destroy = async () => {
      await destroy();
      if (!dropped) {
        dropped = true;
        await fresh.drop();
      }
    };
    return { db, sqlite: noSqlite };
  }
  let image: Buffer;
  if (seed) image = seededTemplate ??= await buildTemplate(true);
  else image = migratedTemplate ??= await buildTemplate(false);
  return wrapSqlite(new SqliteDatabase(image));
}
