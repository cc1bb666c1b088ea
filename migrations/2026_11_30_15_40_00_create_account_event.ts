import type { Kysely } from 'kysely';
import { serialKey } from './engine';

// Frozen in time: never import from src/ here, never edit after it has shipped.
// What admins did to accounts that leaves no other trace: for now, unlocking an account's sign-in
// (its failed logins cleared). Append-only, like the revision history.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('account_event')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('user_account.id').onDelete('cascade'))
    .addColumn('actor_id', 'integer', (c) => c.references('user_account.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('account_event_user_idx').on('account_event').columns(['user_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('account_event').execute();
}
