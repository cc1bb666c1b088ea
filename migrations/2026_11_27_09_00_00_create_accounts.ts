import { Kysely, sql } from 'kysely';
import { isPostgres, serialKey } from './engine';

// Frozen in time: never import from src/ here, never edit after it has shipped.
// Accounts, sessions, API tokens, login attempts and the append-only revision history.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('user_account')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'editor', 'reporter')`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // The id is the SHA-256 of the token in the cookie, so a leaked database row cannot be replayed.
  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey().notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('csrf_secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute();

  await db.schema
    .createTable('api_token')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_token_user_idx').on('api_token').column('user_id').execute();

  // One row per failed login, keyed by 'email:<address>' and 'ip:<address>'; old rows are pruned.
  await db.schema
    .createTable('login_failure')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_failure_key_at_idx').on('login_failure').columns(['key', 'at']).execute();

  // Append-only: rows are inserted in the transaction of the change they describe, never updated.
  // claim_id / other_claim_id say which claims' histories show the row (a link touches two claims).
  await db.schema
    .createTable('revision')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('entity', 'text', (c) =>
      c.notNull().check(sql`entity in ('claim', 'verdict', 'citation', 'link', 'dispute')`))
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('create', 'update', 'delete')`))
    .addColumn('actor_id', 'integer', (c) => c.references('user_account.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('reason', 'text')
    .addColumn('claim_id', 'integer')
    .addColumn('other_claim_id', 'integer')
    // 1 when the change was visible to readers as it happened (a verdict change on a published claim).
    .addColumn('public_correction', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('revision_entity_idx').on('revision').columns(['entity', 'entity_id', 'id']).execute();
  await db.schema.createIndex('revision_claim_idx').on('revision').columns(['claim_id', 'id']).execute();
  await db.schema.createIndex('revision_other_claim_idx').on('revision').columns(['other_claim_id', 'id']).execute();
  await db.schema.createIndex('revision_correction_idx').on('revision').columns(['public_correction', 'at']).execute();
  if (isPostgres(db)) {
    // PostgreSQL: the same two triggers, their body a PL/pgSQL function.
    await sql`create function revision_append_only() returns trigger language plpgsql as $$
      begin raise exception 'revisions are append-only' using errcode = 'restrict_violation'; end $$`.execute(db);
    await sql`create trigger revision_no_update before update on revision for each row execute function revision_append_only()`.execute(db);
    await sql`create trigger revision_no_delete before delete on revision for each row execute function revision_append_only()`.execute(db);
    return;
  }
  await sql`create trigger revision_no_update before update on revision begin select raise(abort, 'revisions are append-only'); end`.execute(db);
  await sql`create trigger revision_no_delete before delete on revision begin select raise(abort, 'revisions are append-only'); end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    // Dropping the table drops its triggers; the function goes after it.
    for (const table of ['revision', 'login_failure', 'api_token', 'session', 'user_account']) await db.schema.dropTable(table).execute();
    await sql`drop function revision_append_only()`.execute(db);
    return;
  }
  await sql`drop trigger if exists revision_no_update`.execute(db);
  await sql`drop trigger if exists revision_no_delete`.execute(db);
  for (const table of ['revision', 'login_failure', 'api_token', 'session', 'user_account']) {
    await db.schema.dropTable(table).execute();
  }
}
