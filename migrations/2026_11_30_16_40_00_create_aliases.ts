import type { Kysely } from 'kysely';
import { serialKey } from './engine';

// Frozen in time. Other names a claimant or a topic is known by ("also known as", as Wikidata keeps
// them): Zelensky, Zelenskyy, Zelenskyj; Poetin for Putin; Staakt-het-vuren for Ceasefire. `name` is
// shown; `name_key` is how it matches what people type (lower case, accents and punctuation dropped;
// written by the app, src/domain/match-key.ts) and is unique per table, so one alias names one claimant
// (or topic). Aliases go with their claimant or topic.

export async function up(db: Kysely<any>): Promise<void> {
  for (const owner of ['claimant', 'topic']) {
    await db.schema
      .createTable(`${owner}_alias`)
      .addColumn('id', 'integer', serialKey(db))
      .addColumn(`${owner}_id`, 'integer', (c) => c.notNull().references(`${owner}.id`).onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_key', 'text', (c) => c.notNull().unique())
      .execute();
    await db.schema.createIndex(`${owner}_alias_owner_idx`).on(`${owner}_alias`).column(`${owner}_id`).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('topic_alias').execute();
  await db.schema.dropTable('claimant_alias').execute();
}
