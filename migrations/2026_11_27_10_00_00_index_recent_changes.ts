import type { Kysely } from 'kysely';

// Frozen in time. Indexes for the lists sorted by last change: the desk lists and `sort=updated-desc`.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('claim_updated_idx').on('claim').columns(['updated_at', 'id']).execute();
  await db.schema.createIndex('claimant_updated_idx').on('claimant').column('updated_at').execute();
  await db.schema.createIndex('source_updated_idx').on('source').column('updated_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['claim_updated_idx', 'claimant_updated_idx', 'source_updated_idx']) await db.schema.dropIndex(index).execute();
}
