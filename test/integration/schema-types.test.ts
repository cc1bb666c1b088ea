import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SCHEMA_FILE, schemaTypesAreCurrent } from '../../src/db/generate-types';
import { freshPostgresDatabase, itPostgresOnly, itSqliteOnly } from '../helpers/db';

itSqliteOnly(
  'src/db/schema.ts matches the migrations (run `npm run db:types` if not)',
  async () => {
    expect(await schemaTypesAreCurrent()).toBe(true);
  },
  30_000,
);

// The types are generated from SQLite; the same code runs on PostgreSQL. They hold there when every column
// PostgreSQL's migrations make is in schema.ts with a type that covers what PostgreSQL returns.

/** Table interface → column → the union's members, as kysely-codegen writes them (what a select returns). */
function columnsOf(source: string): Map<string, Map<string, Set<string>>> {
  const tables = new Map<string, Map<string, Set<string>>>();
  for (const [, table, body] of source.matchAll(/export interface (\w+) \{\n([^}]*)\}/g)) {
    if (table === 'DB') continue;
    const columns = new Map<string, Set<string>>();
    for (const [, column, type] of body!.matchAll(/^\s+(\w+): (.+);$/gm)) {
      // Generated<T> and PostgreSQL's Int8 (bigint, read as a string by pg) are about inserts, not reads.
      const read = type!.replace(/^Generated<(.+)>$/, '$1').replace(/\bInt8\b/g, 'string');
      columns.set(column!, new Set(read.split(' | ')));
    }
    tables.set(table!, columns);
  }
  return tables;
}

// The one engine-specific table: SQLite's FTS5 virtual table has untyped columns; PostgreSQL's twin is a
// plain table with a tsvector. Only src/db/search-index.ts and its engine halves read it.
const ENGINE_SPECIFIC = new Set(['SearchFts']);

itPostgresOnly(
  'src/db/schema.ts holds for the tables PostgreSQL migrations make',
  async () => {
    const database = await freshPostgresDatabase();
    const dir = mkdtempSync(join(tmpdir(), 'gainsay-pg-codegen-'));
    try {
      const out = join(dir, 'schema.ts');
      execFileSync(
        resolve(__dirname, '../../node_modules/.bin/kysely-codegen'),
        ['--dialect', 'postgres', '--url', database.url, '--out-file', out, '--include-pattern', 'public.*'],
        { stdio: 'pipe' },
      );
      const committed = columnsOf(readFileSync(SCHEMA_FILE, 'utf8'));
      const postgres = columnsOf(readFileSync(out, 'utf8'));
      expect(postgres.size).toBeGreaterThan(15);

      const differences: string[] = [];
      for (const name of new Set([...committed.keys(), ...postgres.keys()])) {
        if (ENGINE_SPECIFIC.has(name)) continue;
        const ours = committed.get(name);
        const theirs = postgres.get(name);
        if (!ours || !theirs) {
          differences.push(`${name}: only on ${ours ? 'SQLite' : 'PostgreSQL'}`);
          continue;
        }
        for (const column of new Set([...ours.keys(), ...theirs.keys()])) {
          const a = ours.get(column);
          const b = theirs.get(column);
          if (!a || !b) differences.push(`${name}.${column}: only on ${a ? 'SQLite' : 'PostgreSQL'}`);
          else if ([...b].some((type) => !a.has(type)))
            differences.push(`${name}.${column}: ${[...a].join('|')} on SQLite, ${[...b].join('|')} on PostgreSQL`);
        }
      }
      expect(differences).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await database.drop();
    }
  },
  60_000,
);
