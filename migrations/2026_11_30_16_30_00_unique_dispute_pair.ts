import { sql, type Kysely } from 'kysely';

// Frozen in time. One dispute per pair of claims, in either order: the unique index is over the pair's
// smaller and larger claim id (CASE expressions, which SQLite and PostgreSQL both index). saveDispute
// refuses a twin with a message naming the first dispute; the index is the database's own guard.
// A database that already holds twins keeps them (a migration must not delete a newsroom's work, nor
// fail on it): the index is then left out, and saveDispute alone refuses new twins until they are merged.

const low = sql`(case when claim_a_id < claim_b_id then claim_a_id else claim_b_id end)`;
const high = sql`(case when claim_a_id < claim_b_id then claim_b_id else claim_a_id end)`;

export async function up(db: Kysely<any>): Promise<void> {
  const twins = await db
    .selectFrom('dispute')
    .select([low.as('low'), high.as('high')])
    .groupBy([low, high])
    .having(sql`count(*)`, '>', 1)
    .execute();
  if (twins.length) return;
  await db.schema.createIndex('dispute_pair_idx').on('dispute').unique().expression(sql`${low}, ${high}`).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('dispute_pair_idx').ifExists().execute();
}
