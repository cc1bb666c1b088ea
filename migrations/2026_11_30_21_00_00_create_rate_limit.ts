import type { Kysely } from 'kysely';

// Frozen in time: never import from src/ here, never edit after it has shipped.
// The per-address limits' counters (searches, exports, readers' tips and error reports), kept in the
// database so that several app processes on one database count together: one row per limiter and
// client, the hits in its current window and when that window ends. The key is a hash of the limiter's
// name and the client address, never the address itself; a row is deleted once its window is over.
// Bookkeeping: no content_version trigger. No index beyond the key: the purge of ended windows scans a
// table that holds one row per client of the last window, and every hit would pay for another index.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limit')
    .addColumn('key', 'text', (c) => c.primaryKey().notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('reset_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limit').execute();
}
