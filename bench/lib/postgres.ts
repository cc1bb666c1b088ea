// The benchmark on PostgreSQL (`--engine postgres`): the SQLite corpus loaded by COPY into a template
// database once (reused while the corpus is the same), and every run on a fresh copy of that template,
// as the SQLite runs measure a fresh copy of the corpus file.
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { copySqliteToPostgres, copySqliteToPostgresByCopy } from '../../src/db/copy-to-postgres';
import { openPostgres } from '../../src/db/postgres';
import type { CorpusInfo } from '../corpus/generate';

/** A role that may create databases on the server to measure; the benchmark's databases are named gainsay_bench_*. */
export const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Bump when the way the corpus is loaded changes, so a stored template is loaded again. */
const LOADER_VERSION = 1;

export function urlFor(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export interface LoadFigures {
  method: 'COPY' | 'inserts';
  rows: number;
  seconds: number;
  perSecond: number;
  /** `vacuum analyze` after the load, which the planner needs (not counted in `seconds`). */
  analyzeSeconds?: number;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function dropDatabase(name: string): Promise<void> {
  return admin(async (c) => void (await c.query(`drop database if exists ${quoted(name)} with (force)`)));
}

/** An empty database (dropped first when it exists). */
export async function createDatabase(name: string, template?: string): Promise<string> {
  await dropDatabase(name);
  await admin(async (c) => void (await c.query(`create database ${quoted(name)}${template ? ` template ${quoted(template)}` : ''}`)));
  return urlFor(name);
}

export async function serverVersion(): Promise<string> {
  return admin(async (c) => String((await c.query<{ v: string }>(`select current_setting('server_version') as v`)).rows[0]!.v));
}

interface TemplateNote {
  key: string;
  load: LoadFigures;
}

/** Copies the corpus file into database `name` by COPY or by inserts, timed; then `vacuum analyze`. */
async function load(corpusPath: string, name: string, method: LoadFigures['method']): Promise<LoadFigures> {
  const url = await createDatabase(name);
  const sqlite = new SqliteDatabase(corpusPath, { readonly: true });
  const started = process.hrtime.bigint();
  let rows: number;
  try {
    if (method === 'COPY') {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const report = await copySqliteToPostgresByCopy(sqlite, client);
        rows = report.tables.reduce((n, t) => n + t.rows, 0);
      } finally {
        await client.end();
      }
    } else {
      const { db } = openPostgres(url, { poolMax: 1 });
      try {
        const report = await copySqliteToPostgres(sqlite, db);
        rows = report.tables.reduce((n, t) => n + t.rows, 0);
      } finally {
        await db.destroy();
      }
    }
  } finally {
    sqlite.close();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const analyzed = process.hrtime.bigint();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('vacuum analyze');
  await client.end();
  return { method, rows, seconds, perSecond: rows / seconds, analyzeSeconds: Number(process.hrtime.bigint() - analyzed) / 1e9 };
}

/**
 * The template database holding `info`'s corpus, loaded by COPY unless one of the same corpus exists
 * (its key is kept as the database's comment, with the load's figures). `compareInserts` loads the corpus
 * a second time by multi-row inserts (into a scratch database, dropped after), for the COPY/inserts ratio.
 */
export async function corpusTemplate(
  corpusPath: string,
  info: CorpusInfo,
  mode: 'quick' | 'full',
  { reload = false, compareInserts = false } = {},
): Promise<{ name: string; loads: LoadFigures[]; reused: boolean }> {
  const name = `gainsay_bench_${mode}`;
  const key = JSON.stringify({
    loader: LOADER_VERSION,
    generator: info.generator,
    migration: info.migration,
    scale: info.scale,
    seed: info.seed,
  });
  const stored = await admin(async (c) => {
    const { rows } = await c.query<{ note: string | null }>(
      `select shobj_description(oid, 'pg_database') as note from pg_database where datname = $1`,
      [name],
    );
    return rows[0]?.note ? (JSON.parse(rows[0].note) as TemplateNote) : undefined;
  });
  const loads: LoadFigures[] = [];
  let reused = false;
  if (!reload && stored?.key === key) {
    loads.push(stored.load);
    reused = true;
  } else {
    console.log(`Loading the corpus into PostgreSQL (${name}) by COPY …`);
    const building = `${name}_building`;
    const copied = await load(corpusPath, building, 'COPY');
    loads.push(copied);
    await dropDatabase(name);
    const note: TemplateNote = { key, load: copied };
    await admin(async (c) => {
      await c.query(`alter database ${quoted(building)} rename to ${quoted(name)}`);
      await c.query(`comment on database ${quoted(name)} is ${pg.escapeLiteral(JSON.stringify(note))}`);
    });
  }
  if (compareInserts) {
    console.log('Loading the corpus again by inserts, for comparison …');
    const scratch = `${name}_inserts`;
    loads.push(await load(corpusPath, scratch, 'inserts'));
    await dropDatabase(scratch);
  }
  return { name, loads, reused };
}
