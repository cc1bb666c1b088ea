import { sql, type Kysely } from 'kysely';

// Frozen in time. Imports find a cited source that has no URL by its outlet and title (and date): without
// an index each lookup read every source, so an import of n such citations cost n² row reads — on
// PostgreSQL a 100,000-row import did not finish in a quarter of an hour. Partial: sources with a URL are
// found by source_url_idx. The same SQL on both engines.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index source_without_url_idx on source (outlet, title) where url is null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('source_without_url_idx').execute();
}
