import { sql, type Kysely } from 'kysely';

// Frozen in time. Claimants are looked up by name, case-insensitively, on every claim saved with a typed
// claimant name (`lower(name) = ?`); without an index that reads the whole table. PostgreSQL has the same
// expression indexes.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('claimant_lower_name_idx').on('claimant').expression(sql`lower(name)`).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('claimant_lower_name_idx').execute();
}
