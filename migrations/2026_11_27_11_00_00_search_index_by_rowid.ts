import { Kysely, sql } from 'kysely';
import { up as createScanningIndex } from './2026_11_26_19_30_00_create_search_index';
import { isPostgres } from './engine';

// Frozen in time. SQLite-only, like the migration that created the index.
// The first search index found a record's row by scanning (kind and ref_id are unindexed), so every
// edit of a claim read the whole index. Now each row's rowid is derived from the record:
// id * 4 + 1 for a claim, + 2 for a dispute, + 3 for a source — a record's row is one rowid lookup.

const KINDS = [
  { table: 'claim', kind: 'claim', code: 1, title: 'new.text', body: `coalesce(new.quote, '')`, columns: 'text, quote', select: `id, text, coalesce(quote, '')` },
  { table: 'dispute', kind: 'dispute', code: 2, title: 'new.question', body: `coalesce(new.summary, '')`, columns: 'question, summary', select: `id, question, coalesce(summary, '')` },
  { table: 'source', kind: 'source', code: 3, title: 'new.title', body: 'new.outlet', columns: 'title, outlet', select: 'id, title, outlet' },
];

export async function up(db: Kysely<any>): Promise<void> {
  // PostgreSQL's index was created keyed this way (see the search-index migration): nothing to change.
  if (isPostgres(db)) return;
  for (const { table } of KINDS) {
    for (const op of ['insert', 'update', 'delete']) await sql.raw(`drop trigger ${table}_fts_${op}`).execute(db);
  }
  await sql`drop table search_fts`.execute(db);
  await sql`create virtual table search_fts using fts5(
    kind unindexed, ref_id unindexed, title, body,
    tokenize = 'unicode61 remove_diacritics 2'
  )`.execute(db);
  for (const k of KINDS) {
    const insert = `insert into search_fts (rowid, kind, ref_id, title, body) values (new.id * 4 + ${k.code}, '${k.kind}', new.id, ${k.title}, ${k.body});`;
    const remove = `delete from search_fts where rowid = old.id * 4 + ${k.code};`;
    await sql.raw(`create trigger ${k.table}_fts_insert after insert on ${k.table} begin ${insert} end`).execute(db);
    await sql.raw(`create trigger ${k.table}_fts_update after update of ${k.columns} on ${k.table} begin ${remove} ${insert} end`).execute(db);
    await sql.raw(`create trigger ${k.table}_fts_delete after delete on ${k.table} begin ${remove} end`).execute(db);
    const [idColumn, ...rest] = k.select.split(', ');
    await sql
      .raw(`insert into search_fts (rowid, kind, ref_id, title, body) select ${idColumn} * 4 + ${k.code}, '${k.kind}', ${[idColumn, ...rest].join(', ')} from ${k.table}`)
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  // Back to the scanning layout of the first search-index migration.
  for (const { table } of KINDS) {
    for (const op of ['insert', 'update', 'delete']) await sql.raw(`drop trigger ${table}_fts_${op}`).execute(db);
  }
  await sql`drop table search_fts`.execute(db);
  await createScanningIndex(db);
}
