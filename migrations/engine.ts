import { PostgresAdapter, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// Not a migration: the one helper the migrations share to branch where PostgreSQL's SQL must differ.
// Frozen like them: every branch keeps the SQLite statements exactly as they shipped.

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * An integer primary key numbered by the database: SQLite's autoincrement, PostgreSQL's identity column
 * (`by default`, so imports and `gainsay copy` may give ids of their own).
 */
export function serialKey(db: Kysely<any>): (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return isPostgres(db) ? (c) => c.primaryKey().generatedByDefaultAsIdentity().notNull() : (c) => c.primaryKey().autoIncrement().notNull();
}
