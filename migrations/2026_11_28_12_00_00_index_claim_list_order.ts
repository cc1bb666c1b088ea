import type { Kysely } from 'kysely';

// Frozen in time. The claim list's default order (newest said first, then newest id) read from an
// index, with state and verdict in it so the usual filters are checked without visiting the row:
// at a million claims, the first page stops after a few dozen index entries instead of sorting them all.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('claim_said_order_idx').on('claim').columns(['said_on', 'id', 'state', 'verdict']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('claim_said_order_idx').execute();
}
