import SqliteDatabase from 'better-sqlite3';
import { wrapSqlite, type Connection } from '../../src/db/connection';
import { migrateToLatest } from '../../src/db/migrator';
import { loadSeed, readSeedFile } from '../../src/seed/seed';

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

/**
 * A fresh in-memory database for one test: a copy of a template that was migrated (and, with
 * `seed`, loaded with data/seed.json) once per test file. Close it with `conn.db.destroy()`.
 */
export async function freshDatabase({ seed = false }: { seed?: boolean } = {}): Promise<Connection> {
  let image: Buffer;
  if (seed) image = seededTemplate ??= await buildTemplate(true);
  else image = migratedTemplate ??= await buildTemplate(false);
  return wrapSqlite(new SqliteDatabase(image));
}
