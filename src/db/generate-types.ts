// Regenerates src/db/schema.ts from the migrations: `npm run db:types`.
// FTS5 shadow tables (search_fts_data, …) are SQLite internals and left out.
// With --check it only reports whether the committed file is current (used by the test suite).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from './connection';
import { migrateToLatest } from './migrator';

export const SCHEMA_FILE = resolve(__dirname, 'schema.ts');

export async function generateSchemaTypes(outFile: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'gainsay-codegen-'));
  try {
    const dbFile = join(dir, 'schema.sqlite');
    const { db } = openDatabase(dbFile);
    await migrateToLatest(db);
    await db.destroy();
    const bin = resolve(__dirname, '../../node_modules/.bin/kysely-codegen');
    execFileSync(bin, ['--dialect', 'sqlite', '--url', dbFile, '--out-file', outFile, '--exclude-pattern', 'search_fts_*'], {
      stdio: 'pipe',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function schemaTypesAreCurrent(): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'gainsay-codegen-out-'));
  try {
    const fresh = join(dir, 'schema.ts');
    await generateSchemaTypes(fresh);
    return readFileSync(fresh, 'utf8') === readFileSync(SCHEMA_FILE, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const check = process.argv.includes('--check');
  void (check ? schemaTypesAreCurrent() : generateSchemaTypes(SCHEMA_FILE).then(() => true)).then((ok) => {
    if (!ok) {
      console.error('src/db/schema.ts is out of date: run `npm run db:types`.');
      process.exit(1);
    }
  });
}
