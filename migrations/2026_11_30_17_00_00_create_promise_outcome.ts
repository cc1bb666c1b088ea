import { sql, type Kysely } from 'kysely';
import { isPostgres, serialKey } from './engine';

// Frozen in time: never import from src/ here, never edit after it has shipped.
// The promise tracker: a promise's or prediction's outcome (kept, partly kept, broken, pending, not yet
// due), kept apart from the verdict. `promise_outcome` holds the current outcome of a claim (one row at
// most); `promise_outcome_revision` is its own append-only history, like `revision` for claims (whose
// entity CHECK cannot be widened without rebuilding the table). The history keeps no foreign key to the
// claim, so it outlives a deleted claim as `revision` does.

export async function up(db: Kysely<any>): Promise<void> {
  const outcomes = sql`outcome in ('kept', 'partly_kept', 'broken', 'pending', 'not_yet_due')`;
  await db.schema
    .createTable('promise_outcome')
    .addColumn('claim_id', 'integer', (c) => c.primaryKey().notNull().references('claim.id').onDelete('cascade'))
    .addColumn('outcome', 'text', (c) => c.notNull().check(outcomes))
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('assessed_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('promise_outcome_outcome_idx').on('promise_outcome').columns(['outcome', 'claim_id']).execute();

  await db.schema
    .createTable('promise_outcome_revision')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('claim_id', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('create', 'update', 'delete')`))
    .addColumn('before_outcome', 'text')
    .addColumn('outcome', 'text')
    .addColumn('rationale', 'text')
    .addColumn('assessed_on', 'text')
    .addColumn('actor_id', 'integer', (c) => c.references('user_account.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    // 1 when readers could see the claim as the outcome changed (the claim's feeds list only those).
    .addColumn('public_change', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('promise_outcome_revision_claim_idx')
    .on('promise_outcome_revision')
    .columns(['claim_id', 'id'])
    .execute();

  // --- SQLite triggers (the one engine-specific spot of this migration; PostgreSQL needs its own) ---
  if (isPostgres(db)) {
    // PostgreSQL: the same refusal, with revision_append_only() from create_accounts as the body.
    await sql`create trigger promise_outcome_revision_no_update before update on promise_outcome_revision for each row execute function revision_append_only()`.execute(db);
    await sql`create trigger promise_outcome_revision_no_delete before delete on promise_outcome_revision for each row execute function revision_append_only()`.execute(db);
    return;
  }
  await sql`create trigger promise_outcome_revision_no_update before update on promise_outcome_revision begin select raise(abort, 'revisions are append-only'); end`.execute(
    db,
  );
  await sql`create trigger promise_outcome_revision_no_delete before delete on promise_outcome_revision begin select raise(abort, 'revisions are append-only'); end`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) {
    await sql`drop trigger if exists promise_outcome_revision_no_update`.execute(db);
    await sql`drop trigger if exists promise_outcome_revision_no_delete`.execute(db);
  }
  await db.schema.dropTable('promise_outcome_revision').execute();
  await db.schema.dropTable('promise_outcome').execute();
}
