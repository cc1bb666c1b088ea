import { Kysely, sql } from 'kysely';
import { isPostgres } from './engine';

// Frozen in time. SQLite-only: the FTS5 index and the triggers that keep it in sync.
// On PostgreSQL this migration would create a tsvector column and GIN index instead;
// src/search/fts.ts is the one module that queries it.

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return createOnPostgres(db);
  // remove_diacritics 2 folds accents, so "oekraine" matches "Oekraïne"; unicode61 folds case.
  await sql`create virtual table search_fts using fts5(
    kind unindexed, ref_id unindexed, title, body,
    tokenize = 'unicode61 remove_diacritics 2'
  )`.execute(db);

  const statements = [
    `create trigger claim_fts_insert after insert on claim begin
       insert into search_fts (kind, ref_id, title, body) values ('claim', new.id, new.text, coalesce(new.quote, ''));
     end`,
    `create trigger claim_fts_update after update of text, quote on claim begin
       delete from search_fts where kind = 'claim' and ref_id = old.id;
       insert into search_fts (kind, ref_id, title, body) values ('claim', new.id, new.text, coalesce(new.quote, ''));
     end`,
    `create trigger claim_fts_delete after delete on claim begin
       delete from search_fts where kind = 'claim' and ref_id = old.id;
     end`,
    `create trigger dispute_fts_insert after insert on dispute begin
       insert into search_fts (kind, ref_id, title, body) values ('dispute', new.id, new.question, coalesce(new.summary, ''));
     end`,
    `create trigger dispute_fts_update after update of question, summary on dispute begin
       delete from search_fts where kind = 'dispute' and ref_id = old.id;
       insert into search_fts (kind, ref_id, title, body) values ('dispute', new.id, new.question, coalesce(new.summary, ''));
     end`,
    `create trigger dispute_fts_delete after delete on dispute begin
       delete from search_fts where kind = 'dispute' and ref_id = old.id;
     end`,
    `create trigger source_fts_insert after insert on source begin
       insert into search_fts (kind, ref_id, title, body) values ('source', new.id, new.title, new.outlet);
     end`,
    `create trigger source_fts_update after update of title, outlet on source begin
       delete from search_fts where kind = 'source' and ref_id = old.id;
       insert into search_fts (kind, ref_id, title, body) values ('source', new.id, new.title, new.outlet);
     end`,
    `create trigger source_fts_delete after delete on source begin
       delete from search_fts where kind = 'source' and ref_id = old.id;
     end`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);

  // Index whatever already exists.
  await sql`insert into search_fts (kind, ref_id, title, body) select 'claim', id, text, coalesce(quote, '') from claim`.execute(db);
  await sql`insert into search_fts (kind, ref_id, title, body) select 'dispute', id, question, coalesce(summary, '') from dispute`.execute(db);
  await sql`insert into search_fts (kind, ref_id, title, body) select 'source', id, title, outlet from source`.execute(db);
}

// PostgreSQL: the same table, rows keyed as the later search-index-by-rowid migration keys them on
// SQLite (rowid = id * 4 + 1 claim, 2 dispute, 3 source), so that migration has nothing to do there.
// `document` is the tsvector of title (weight A) and body (weight B) under the `gainsay_search`
// configuration: the `simple` parser and dictionary (no stemming, no stop words, like FTS5's unicode61)
// after `unaccent`, so "oekraine" matches "Oekraïne" and case does not count. A GIN index serves @@.
const PG_KINDS = [
  { table: 'claim', code: 1, title: 'new.text', body: `coalesce(new.quote, '')`, columns: 'text, quote', select: `id, text, coalesce(quote, '')` },
  { table: 'dispute', code: 2, title: 'new.question', body: `coalesce(new.summary, '')`, columns: 'question, summary', select: `id, question, coalesce(summary, '')` },
  { table: 'source', code: 3, title: 'new.title', body: 'new.outlet', columns: 'title, outlet', select: 'id, title, outlet' },
];

async function createOnPostgres(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists unaccent`.execute(db);
  await sql`create text search configuration gainsay_search (copy = simple)`.execute(db);
  await sql`alter text search configuration gainsay_search
    alter mapping for asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, numhword, hword_numpart
    with unaccent, simple`.execute(db);
  await sql`create table search_fts (
    rowid bigint primary key,
    kind text not null,
    ref_id integer not null,
    title text not null,
    body text not null,
    document tsvector generated always as (
      setweight(to_tsvector('gainsay_search'::regconfig, title), 'A') || setweight(to_tsvector('gainsay_search'::regconfig, body), 'B')
    ) stored
  )`.execute(db);
  await sql`create index search_fts_document_idx on search_fts using gin (document)`.execute(db);
  for (const k of PG_KINDS) {
    const rowid = `new.id * 4 + ${k.code}`;
    await sql
      .raw(
        `create function ${k.table}_fts_sync() returns trigger language plpgsql as $$ begin
          if tg_op = 'DELETE' then delete from search_fts where rowid = old.id * 4 + ${k.code}; return null; end if;
          insert into search_fts (rowid, kind, ref_id, title, body) values (${rowid}, '${k.table}', new.id, ${k.title}, ${k.body})
            on conflict (rowid) do update set title = excluded.title, body = excluded.body;
          return null;
        end $$`,
      )
      .execute(db);
    await sql.raw(`create trigger ${k.table}_fts_insert after insert on ${k.table} for each row execute function ${k.table}_fts_sync()`).execute(db);
    await sql.raw(`create trigger ${k.table}_fts_update after update of ${k.columns} on ${k.table} for each row execute function ${k.table}_fts_sync()`).execute(db);
    await sql.raw(`create trigger ${k.table}_fts_delete after delete on ${k.table} for each row execute function ${k.table}_fts_sync()`).execute(db);
    const [idColumn, ...rest] = k.select.split(', ');
    await sql
      .raw(`insert into search_fts (rowid, kind, ref_id, title, body) select ${idColumn} * 4 + ${k.code}, '${k.table}', ${[idColumn, ...rest].join(', ')} from ${k.table}`)
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop table search_fts`.execute(db);
    for (const { table } of PG_KINDS) {
      for (const op of ['insert', 'update', 'delete']) await sql.raw(`drop trigger ${table}_fts_${op} on ${table}`).execute(db);
      await sql.raw(`drop function ${table}_fts_sync()`).execute(db);
    }
    await sql`drop text search configuration gainsay_search`.execute(db);
    return;
  }
  for (const t of ['claim', 'dispute', 'source']) {
    for (const op of ['insert', 'update', 'delete']) await sql.raw(`drop trigger ${t}_fts_${op}`).execute(db);
  }
  await sql`drop table search_fts`.execute(db);
}
