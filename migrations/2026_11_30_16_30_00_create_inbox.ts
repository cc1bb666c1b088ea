import { sql, type Kysely } from 'kysely';
import { serialKey } from './engine';

// Frozen in time: never import from src/ here, never edit after it has shipped.
// Readers' tips ("suggest a claim to check") and error reports: the desk inbox. The reader's e-mail
// address is optional, never published, and set to null after the retention period; the sender's
// network address is not stored at all (the per-address limits count in memory).
// A revision made while answering a reader's error report names it (revision.reader_report_id), so
// the public corrections log can say that a reader prompted the correction (IFCN).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inbox_item')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('tip', 'error_report')`))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('claim_id', 'integer', (c) => c.references('claim.id').onDelete('set null'))
    .addColumn('dispute_id', 'integer', (c) => c.references('dispute.id').onDelete('set null'))
    .addColumn('email', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('new').check(sql`status in ('new', 'accepted', 'declined', 'duplicate')`))
    .addColumn('decline_reason', 'text')
    .addColumn('duplicate_of_id', 'integer', (c) => c.references('inbox_item.id').onDelete('set null'))
    // The draft claim a tip became, or the claim an accepted error report asks to correct.
    .addColumn('result_claim_id', 'integer', (c) => c.references('claim.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('handled_by', 'integer', (c) => c.references('user_account.id').onDelete('set null'))
    .addColumn('handled_at', 'text')
    .execute();
  await db.schema.createIndex('inbox_item_status_idx').on('inbox_item').columns(['status', 'id']).execute();
  await db.schema.createIndex('inbox_item_created_idx').on('inbox_item').columns(['created_at']).execute();
  await db.schema
    .alterTable('revision')
    .addColumn('reader_report_id', 'integer', (c) => c.references('inbox_item.id'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('revision').dropColumn('reader_report_id').execute();
  await db.schema.dropTable('inbox_item').execute();
}
