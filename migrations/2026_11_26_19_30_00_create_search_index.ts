import { Kysely, sql } from 'kysely';

// Frozen in time. SQLite-only: the FTS5 index and the triggers that keep it in sync.
// On PostgreSQL this migration would create a tsvector column and GIN index instead;
// src/search/fts.ts is the one module that queries it.

export async function up(db: Kysely<any>): Promise<void> {
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

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['claim', 'dispute', 'source']) {
    for (const op of ['insert', 'update', 'delete']) await sql.raw(`drop trigger ${t}_fts_${op}`).execute(db);
  }
  await sql`drop table search_fts`.execute(db);
}
