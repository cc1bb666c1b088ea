import type { Kysely } from 'kysely';

// Frozen in time. Imports find a citation's source by its URL: without an index each lookup read the
// whole source table, so importing n new sources cost n² row reads.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('source_url_idx').on('source').column('url').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('source_url_idx').execute();
}
