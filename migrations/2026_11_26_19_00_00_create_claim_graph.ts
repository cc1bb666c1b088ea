import { Kysely, sql } from 'kysely';
import { serialKey } from './engine';

// Frozen in time: never import from src/ here, never edit after it has shipped.
// Dates are ISO-8601 text ('2025-03-18'); timestamps are ISO-8601 UTC text.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('verdict_rating')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('rating_value', 'integer')
    .addColumn('best_rating', 'integer', (c) => c.notNull())
    .addColumn('worst_rating', 'integer', (c) => c.notNull())
    .addColumn('alternate_name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  const scale: Array<[string, string, string, number | null, string]> = [
    ['unverified', 'Unverified', 'Not yet checked, or the evidence available does not settle it yet.', null, 'Unverified'],
    ['true', 'True', 'Accurate, with nothing significant missing.', 6, 'True'],
    ['mostly-true', 'Mostly true', 'Accurate, but needs clarification or additional information.', 5, 'Mostly true'],
    ['mixed', 'Mixed', 'Partly accurate and partly inaccurate.', 4, 'Mixed'],
    ['misleading', 'Misleading', 'Contains accurate elements but leaves a false impression.', 3, 'Misleading'],
    ['mostly-false', 'Mostly false', 'Contains an element of truth but ignores facts that change the picture.', 2, 'Mostly false'],
    ['false', 'False', 'Not accurate.', 1, 'False'],
    ['unprovable', 'Unprovable', 'Cannot be proven true or false with the evidence that exists.', null, 'Unprovable'],
    ['opinion', 'Opinion', 'A view or a judgement rather than a checkable statement of fact.', null, 'Opinion'],
  ];
  await db
    .insertInto('verdict_rating')
    .values(
      scale.map(([key, label, description, rating_value, alternate_name], position) => ({
        key, label, description, rating_value, best_rating: 6, worst_rating: 1, alternate_name, position,
      })),
    )
    .execute();

  await db.schema
    .createTable('claimant')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('person', 'organisation', 'government', 'media', 'other')`))
    .addColumn('description', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('claimant_name_idx').on('claimant').column('name').execute();

  await db.schema
    .createTable('topic')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('source')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('outlet', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('published_on', 'text')
    .addColumn('language', 'text')
    .addColumn('archive_url', 'text')
    .addColumn('retrieved_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('source_outlet_idx').on('source').column('outlet').execute();

  await db.schema
    .createTable('claim')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('claimant_id', 'integer', (c) => c.notNull().references('claimant.id').onDelete('restrict'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('quote', 'text')
    .addColumn('quote_language', 'text')
    .addColumn('said_on', 'text')
    .addColumn('said_precision', 'text', (c) => c.check(sql`said_precision in ('day', 'month', 'year')`))
    .addColumn('said_where', 'text')
    .addColumn('kind', 'text', (c) =>
      c.notNull().defaultTo('statement').check(sql`kind in ('statement', 'promise', 'prediction')`))
    .addColumn('review_due_on', 'text')
    .addColumn('verdict', 'text', (c) => c.notNull().defaultTo('unverified').references('verdict_rating.key'))
    .addColumn('verdict_rationale', 'text')
    .addColumn('state', 'text', (c) =>
      c.notNull().defaultTo('draft').check(sql`state in ('draft', 'published', 'retracted')`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('claim_said_on_has_precision', sql`(said_on is null) = (said_precision is null)`)
    .addCheckConstraint('claim_verdict_has_rationale', sql`verdict = 'unverified' or verdict_rationale is not null`)
    .execute();
  await db.schema.createIndex('claim_claimant_idx').on('claim').columns(['claimant_id', 'said_on']).execute();
  await db.schema.createIndex('claim_state_said_idx').on('claim').columns(['state', 'said_on']).execute();
  await db.schema.createIndex('claim_verdict_idx').on('claim').column('verdict').execute();
  await db.schema.createIndex('claim_review_due_idx').on('claim').column('review_due_on').execute();

  await db.schema
    .createTable('claim_topic')
    .addColumn('claim_id', 'integer', (c) => c.notNull().references('claim.id').onDelete('cascade'))
    .addColumn('topic_id', 'integer', (c) => c.notNull().references('topic.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('claim_topic_pk', ['claim_id', 'topic_id'])
    .execute();
  await db.schema.createIndex('claim_topic_topic_idx').on('claim_topic').columns(['topic_id', 'claim_id']).execute();

  await db.schema
    .createTable('citation')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('claim_id', 'integer', (c) => c.notNull().references('claim.id').onDelete('cascade'))
    .addColumn('source_id', 'integer', (c) => c.notNull().references('source.id').onDelete('restrict'))
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('made_in', 'reported_by', 'evidence_for', 'evidence_against')`))
    .addColumn('excerpt', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('citation_claim_source_role_uq', ['claim_id', 'source_id', 'role'])
    .execute();
  await db.schema.createIndex('citation_source_idx').on('citation').column('source_id').execute();

  await db.schema
    .createTable('claim_link')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('from_claim_id', 'integer', (c) => c.notNull().references('claim.id').onDelete('cascade'))
    .addColumn('to_claim_id', 'integer', (c) => c.notNull().references('claim.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) =>
      c.notNull().check(sql`type in ('contradicts', 'supports', 'repeats', 'retracts')`))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addCheckConstraint('claim_link_not_self', sql`from_claim_id <> to_claim_id`)
    .addUniqueConstraint('claim_link_uq', ['from_claim_id', 'to_claim_id', 'type'])
    .execute();
  await db.schema.createIndex('claim_link_to_idx').on('claim_link').columns(['to_claim_id', 'type']).execute();

  await db.schema
    .createTable('dispute')
    .addColumn('id', 'integer', serialKey(db))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'settled')`))
    .addColumn('state', 'text', (c) =>
      c.notNull().defaultTo('draft').check(sql`state in ('draft', 'published', 'retracted')`))
    .addColumn('claim_a_id', 'integer', (c) => c.notNull().references('claim.id').onDelete('restrict'))
    .addColumn('claim_b_id', 'integer', (c) => c.notNull().references('claim.id').onDelete('restrict'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('dispute_two_sides', sql`claim_a_id <> claim_b_id`)
    .execute();
  await db.schema.createIndex('dispute_claim_a_idx').on('dispute').column('claim_a_id').execute();
  await db.schema.createIndex('dispute_claim_b_idx').on('dispute').column('claim_b_id').execute();
  await db.schema.createIndex('dispute_state_updated_idx').on('dispute').columns(['state', 'updated_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['dispute', 'claim_link', 'citation', 'claim_topic', 'claim', 'source', 'topic', 'claimant', 'verdict_rating']) {
    await db.schema.dropTable(table).execute();
  }
}
