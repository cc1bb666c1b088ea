import SqliteDatabase from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import type { Insertable } from 'kysely';
import { wrapSqlite, type Connection, type Db } from '../../src/db/connection';
import type { DB } from '../../src/db/schema';
import { migrateToLatest } from '../../src/db/migrator';
import { openPostgres } from '../../src/db/postgres';
import { loadSeed, readSeedFile } from '../../src/seed/seed';
import { testDatabasePrefix } from './test-run';

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

// --- PostgreSQL: one template database per state of the migrations and seed, copied for tests ---
//
// Why copies are recycled: CREATE DATABASE … TEMPLATE copies some 8 MB of catalogs and forces a checkpoint,
// 2 to 13 seconds a test on a busy machine. So each jest worker keeps the copies it made, and hands one
// out again after putting it back in its template state: a snapshot of every table (schema
// gainsay_pristine, made in the template) is restored with triggers and foreign keys off
// (session_replication_role = replica; the test role must be a superuser), identities restarted.

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

/** One statement on the test server as its administrator (create or drop a database). */
export async function adminQuery(text: string): Promise<void> {
  await adminPool().query(text);
}

/** A hash of everything a template is built from, so a changed migration or seed never reuses an old template. */
function templateVersion(): string {
  const root = resolve(__dirname, '../..');
  const hash = createHash('sha256');
  for (const dir of ['migrations', 'src/seed']) {
    for (const file of readdirSync(join(root, dir)).sort()) hash.update(file).update(readFileSync(join(root, dir, file)));
  }
  hash.update(readFileSync(join(root, 'data/seed.json')));
  hash.update(readFileSync(__filename));
  return hash.digest('hex').slice(0, 10);
}

const PRISTINE = 'gainsay_pristine';

/** Snapshots every table of a freshly built template into the gainsay_pristine schema. */
async function snapshotTables(client: pg.ClientBase): Promise<void> {
  await client.query(`create schema ${PRISTINE}`);
  const { rows } = await client.query<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  for (const { table_name: t } of rows) await client.query(`create table ${PRISTINE}."${t}" as select * from public."${t}"`);
  await client.query(
    `create table ${PRISTINE}.sequences as select sequencename as name, last_value from pg_sequences where schemaname = 'public'`,
  );
}

/** The SQL that puts a copy back in its template state (one round trip), read from the copy's catalog. */
async function resetSql(client: pg.ClientBase): Promise<string> {
  const tables = (
    await client.query<{ t: string; columns: string }>(
      `select c.table_name as t, string_agg('"' || c.column_name || '"', ', ' order by c.ordinal_position) as columns
       from information_schema.columns c join information_schema.tables tb using (table_schema, table_name)
       where c.table_schema = 'public' and tb.table_type = 'BASE TABLE' and c.is_generated = 'NEVER' and c.table_name not like 'kysely_migration%'
       group by c.table_name order by c.table_name`,
    )
  ).rows;
  const sequences = (
    await client.query<{ name: string; last_value: string | null }>(`select name, last_value::text from ${PRISTINE}.sequences`)
  ).rows;
  return [
    'set session_replication_role = replica',
    `truncate ${tables.map(({ t }) => `public."${t}"`).join(', ')} restart identity`,
    ...tables.map(({ t, columns }) => `insert into public."${t}" (${columns}) select ${columns} from ${PRISTINE}."${t}"`),
    ...sequences.filter((q) => q.last_value !== null).map((q) => `select setval('public."${q.name}"', ${q.last_value})`),
    'set session_replication_role = origin',
  ].join(';\n');
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
          const snapshot = new pg.Client({ connectionString: postgresUrlFor(building) });
          await snapshot.connect();
          await snapshotTables(snapshot).finally(() => snapshot.end());
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

/** The copies this worker made: in use by a test, or free to be reset and handed out again. */
const copies = { inUse: new Set<string>(), resetSql: new Map<boolean, Promise<string>>() };

async function resetCopy(name: string, seed: boolean): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrlFor(name) });
  await client.connect();
  try {
    let reset = copies.resetSql.get(seed);
    if (!reset) copies.resetSql.set(seed, (reset = resetSql(client)));
    await client.query(await reset);
  } finally {
    await client.end();
  }
}

/**
 * A database of the template's content for one test (migrated, and seeded when asked) and how to give it
 * back; or, with `migrated: false`, a new empty database, dropped when given back.
 */
export async function freshPostgresDatabase({ seed = false, migrated = true }: { seed?: boolean; migrated?: boolean } = {}) {
  if (!migrated) {
    const name = `${testDatabasePrefix()}${process.pid}_empty_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    await adminPool().query(`create database ${name}`);
    return {
      name,
      url: postgresUrlFor(name),
      drop: () =>
        adminPool()
          .query(`drop database if exists ${name} with (force)`)
          .then(() => undefined),
    };
  }
  const template = await postgresTemplate(seed);
  const prefix = `${testDatabasePrefix()}${process.pid}_${templateVersion()}_${seed ? 's' : 'm'}_`;
  const { rows } = await adminPool().query<{ datname: string }>(
    `select datname from pg_database where starts_with(datname, $1) order by datname`,
    [prefix],
  );
  let name = rows.map((r) => r.datname).find((d) => !copies.inUse.has(d));
  if (name) {
    copies.inUse.add(name);
    await resetCopy(name, seed);
  } else {
    name = `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    copies.inUse.add(name);
    await adminPool().query(`create database ${name} template ${template} strategy file_copy`);
  }
  const taken = name;
  return { name: taken, url: postgresUrlFor(taken), drop: async () => void copies.inUse.delete(taken) };
}

/** Ends this worker's connection to the test server (jest's afterAll in test/helpers/postgres-teardown.ts). */
export async function closeTestServer(): Promise<void> {
  await admin?.end();
  admin = undefined;
}

/** The URL of each PostgreSQL test database handed out, for runBehindTheApp. */
const urlOf = new WeakMap<Db, string>();

/**
 * A fresh database for one test: a copy of a template that was migrated (and, with `seed`, loaded with
 * data/seed.json) once — per test file on SQLite (in memory), per server on PostgreSQL (a template
 * database). Close it with `conn.db.destroy()`, which on PostgreSQL also gives the copy back.
 */
export async function freshDatabase({ seed = false }: { seed?: boolean } = {}): Promise<Connection> {
  if (testEngine === 'postgres') {
    const fresh = await freshPostgresDatabase({ seed });
    const { db } = openPostgres(fresh.url, { poolMax: 4 });
    urlOf.set(db, fresh.url);
    const destroy = db.destroy.bind(db);
    db.destroy = async () => {
      await destroy();
      await fresh.drop();
    };
    return { db, sqlite: noSqlite };
  }
  let image: Buffer;
  if (seed) image = seededTemplate ??= await buildTemplate(true);
  else image = migratedTemplate ??= await buildTemplate(false);
  return wrapSqlite(new SqliteDatabase(image));
}

/** Inserts many rows in multi-row statements, as fixtures for tests at scale; the new ids in order. */
export async function insertMany<T extends 'claim' | 'claimant'>(db: Db, table: T, rows: Array<Insertable<DB[T]>>): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await db
      .insertInto(table)
      .values(rows.slice(i, i + 500) as never)
      .returning('id')
      .execute();
    ids.push(...inserted.map((r) => Number((r as { id: number }).id)));
  }
  return ids;
}

/**
 * Runs SQL (`?` placeholders) on a connection of its own, as another process would write behind the
 * app's back: the SQLite connection under the test's handle, or a new client to the PostgreSQL copy.
 */
export async function runBehindTheApp(conn: Connection, text: string, ...parameters: unknown[]): Promise<void> {
  if (testEngine === 'sqlite') {
    conn.sqlite.prepare(text).run(...parameters);
    return;
  }
  const client = new pg.Client({ connectionString: urlOf.get(conn.db) });
  await client.connect();
  let n = 0;
  await client
    .query(
      text.replace(/\?/g, () => `$${++n}`),
      parameters,
    )
    .finally(() => client.end());
}
