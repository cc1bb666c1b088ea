import { sql, type Kysely } from 'kysely';
import { isPostgres } from './engine';

// Frozen in time: never import from src/ here, never edit after it has shipped.
// Promise outcomes (badges on claim, claimant and dispute pages, /promises) and the aliases of claimants
// and topics ("also known as", search) are content: their changes move the content_version counter like
// the other content tables' (see create_content_version).

const CONTENT: Array<{ table: string; on: string[] }> = [
  { table: 'promise_outcome', on: ['insert', 'update', 'delete'] },
  { table: 'promise_outcome_revision', on: ['insert'] },
  { table: 'claimant_alias', on: ['insert', 'update', 'delete'] },
  { table: 'topic_alias', on: ['insert', 'update', 'delete'] },
];

const triggerName = (table: string, on: string) => `${table}_content_version_${on}`;

export async function up(db: Kysely<any>): Promise<void> {
  // ---- Engine-specific: as in create_content_version (PostgreSQL: statement triggers calling its function).
  if (isPostgres(db)) {
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
}
