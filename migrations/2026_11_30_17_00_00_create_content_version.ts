import { sql, type Kysely } from 'kysely';
import { isPostgres } from './engine';

// Frozen in time: never import from src/ here, never edit after it has shipped.
// One row counting changes to what readers can see, so kept pages and counts know when they are out
// of date, whichever connection, process or engine wrote: triggers on the content tables bump it in
// the writing transaction. Bookkeeping (sessions, token use, failed logins, account events, user
// roles and passwords) has no trigger and leaves it alone. Read by src/db/change-stamp.ts.

/** The tables whose rows readers see, and which changes of them count. */
const CONTENT: Array<{ table: string; on: string[] }> = [
  { table: 'verdict_rating', on: ['insert', 'update', 'delete'] },
  { table: 'claimant', on: ['insert', 'update', 'delete'] },
  { table: 'topic', on: ['insert', 'update', 'delete'] },
  { table: 'source', on: ['insert', 'update', 'delete'] },
  { table: 'claim', on: ['insert', 'update', 'delete'] },
  { table: 'claim_topic', on: ['insert', 'update', 'delete'] },
  { table: 'citation', on: ['insert', 'update', 'delete'] },
  { table: 'claim_link', on: ['insert', 'update', 'delete'] },
  { table: 'dispute', on: ['insert', 'update', 'delete'] },
  // Append-only; the public history and the corrections log read it.
  { table: 'revision', on: ['insert'] },
  // The public history names who made a change: only a new name (or a deleted account) is content.
  { table: 'user_account', on: ['update of display_name', 'delete'] },
];

const triggerName = (table: string, on: string) => `${table}_content_version_${on.split(' ')[0]}`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('content_version')
    .addColumn('id', 'integer', (c) => c.primaryKey().notNull().check(sql`id = 1`))
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('content_version').values({ id: 1, version: 1 }).execute();

  // ---- Engine-specific: the SQLite triggers. SQLite has row triggers only, so a bulk statement
  // bumps the counter once per row; the row is already in the writing transaction's dirty page, so
  // each bump costs an update of one cached page (see the README's figures for the importer).
  // PostgreSQL: one statement-level trigger per table and event, so a bulk statement bumps it once. A
  // counter row, not a sequence: nextval is seen before commit, and a page could be kept under a stamp its
  // data does not match.
  if (isPostgres(db)) {
    await sql`create function content_version_bump() returns trigger language plpgsql as $$
      begin update content_version set version = version + 1 where id = 1; return null; end $$`.execute(db);
    for (const { table, on } of CONTENT) {
      for (const event of on) {
        await sql
          .raw(`create trigger ${triggerName(table, event)} after ${event} on ${table} for each statement execute function content_version_bump()`)
          .execute(db);
      }
    }
    return;
  }
  for (const { table, on } of CONTENT) {
    for (const event of on) {
      await sql
        .raw(
          `create trigger ${triggerName(table, event)} after ${event} on ${table}
           begin update content_version set version = version + 1 where id = 1; end`,
        )
        .execute(db);
    }
  }
  // ---- end of the engine-specific part.
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const { table, on } of CONTENT) {
    for (const event of on) await sql.raw(`drop trigger ${triggerName(table, event)}${isPostgres(db) ? ` on ${table}` : ''}`).execute(db);
  }
  if (isPostgres(db)) await sql`drop function content_version_bump()`.execute(db);
  await db.schema.dropTable('content_version').execute();
}
