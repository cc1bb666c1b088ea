import { sql, type Kysely } from 'kysely';
import { isPostgres } from './engine';

// Frozen in time. When a dispute was first published (first left draft), for "newest first" on the home
// page and /disputes. Backfilled from the history: the first revision whose dispute was no longer a draft;
// a public dispute without such a revision takes its creation time. Drafts that were never public stay null.
// The index serves the newest-first scan (read backwards) and stops after a page.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('dispute').addColumn('published_at', 'text').execute();
  if (isPostgres(db)) return backfillOnPostgres(db);
  await sql`
    update dispute set published_at = coalesce(
      (select min(r.at) from revision r
        where r.entity = 'dispute' and r.entity_id = dispute.id and r.after_json is not null
          and json_extract(r.after_json, '$.state') <> 'draft'),
      case when state <> 'draft' then created_at end)
  `.execute(db);
  await db.schema.createIndex('dispute_published_idx').on('dispute').columns(['published_at', 'id']).execute();
}

/** The same backfill and index on PostgreSQL, which reads JSON with ->> where SQLite has json_extract. */
async function backfillOnPostgres(db: Kysely<any>): Promise<void> {
  await sql`
    update dispute set published_at = coalesce(
      (select min(r.at) from revision r
        where r.entity = 'dispute' and r.entity_id = dispute.id and r.after_json is not null
          and (r.after_json::json ->> 'state') <> 'draft'),
      case when state <> 'draft' then created_at end)
  `.execute(db);
  await db.schema.createIndex('dispute_published_idx').on('dispute').columns(['published_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('dispute_published_idx').execute();
  await db.schema.alterTable('dispute').dropColumn('published_at').execute();
}
