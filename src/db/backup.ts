import type SqliteDatabase from 'better-sqlite3';
import { existsSync } from 'node:fs';

/**
 * Copies the open database to `file` with SQLite's online backup API while other connections keep
 * reading and writing. After a first step the rest is copied in one step, inside one read
 * transaction, so a steady write load cannot keep restarting it and the copy is one consistent snapshot.
 */
export async function backupDatabase(sqlite: SqliteDatabase.Database, file: string): Promise<{ totalPages: number }> {
  if (existsSync(file)) throw new Error(`${file} already exists; choose a new file name.`);
  const result = await sqlite.backup(file, { progress: () => 0x7fffffff });
  return { totalPages: result.totalPages };
}
