import { sql, type Kysely } from 'kysely';

// Frozen in time. A source's publication date can be known to a month or a year (a monthly poll, an
// annual report), like a claim's date: `published_precision` says which, and `published_on` holds the
// first day of that period. Every date stored before this migration was a full day.
// The pairing rule (a date has a precision, no date has none) is kept by the code that writes sources:
// a column check naming another column is not portable to ALTER TABLE on every engine.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('source')
    .addColumn('published_precision', 'text', (c) => c.check(sql`published_precision in ('day', 'month', 'year')`))
    .execute();
  await db.updateTable('source').set({ published_precision: 'day' }).where('published_on', 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('source').dropColumn('published_precision').execute();
}
