import { Migrator, type Kysely, type MigrationResult } from 'kysely';
import { migrations } from '../../migrations';

export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<MigrationResult[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(typeof error === 'string' ? error : JSON.stringify(error));
  return results ?? [];
}
