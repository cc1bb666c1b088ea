import type { Kysely } from 'kysely';

// Frozen in time. The URL of the ClaimReview a claim was imported from, so a second import of the
// same feed updates the claim instead of creating a twin.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('claim').addColumn('claim_review_url', 'text').execute();
  await db.schema.createIndex('claim_review_url_uq').on('claim').column('claim_review_url').unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('claim_review_url_uq').execute();
  await db.schema.alterTable('claim').dropColumn('claim_review_url').execute();
}
