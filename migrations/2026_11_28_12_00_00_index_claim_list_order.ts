import { sql, type Kysely } from 'kysely';
import { isPostgres } from './engine';

// Frozen in time. The claim list's default order (newest said first, then newest id) read from an
// index, with state and verdict in it so the usual filters are checked without visiting the row:
// at a million claims, the first page stops after a few dozen index entries instead of sorting them all.

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    // PostgreSQL sorts NULLs last in an ascending index, so read backwards it gives "nulls first": the list's
    // order (said_on desc nulls last, id desc) is built into the index instead. SQLite's backward scan of an
    // ascending index already gives nulls last.
    await db.schema.createIndex('claim_said_order_idx').on('claim').expression(sql`said_on desc nulls last, id desc, state, verdict`).execute();
    return;
  }
  await db.schema.createIndex('claim_said_order_idx').on('claim').columns(['said_on', 'id', 'state', 'verdict']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('claim_said_order_idx').execute();
}
