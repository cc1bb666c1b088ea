import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { openDatabase, type Connection, type Db } from './connection';
import type { Engine } from './engine';
import { openPostgres } from './postgres';

/** The settings of src/config.ts that choose and open the database (declared here: src/db imports nothing above it). */
export interface DatabaseSettings {
  databasePath: string;
  databaseUrl?: string;
  databaseReadUrl?: string;
  databasePoolMax: number;
  database: { readers: number; queryTimeoutMs: number; exportTimeoutMs: number };
}

/** An open database of either engine, as the commands and the server need it. */
export interface OpenDatabase {
  db: Db;
  engine: Engine;
  /** The SQLite connection (backup, bulk reads); absent on PostgreSQL. */
  sqlite?: Connection['sqlite'];
  /** Where the data lives, for messages (the URL without its password). */
  describe: string;
  close(): Promise<void>;
}

/** The URL without its password, for logs and messages. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the PostgreSQL database';
  }
}

/**
 * PostgreSQL when DATABASE_URL is set, else the SQLite file at DATABASE_PATH (created with its folder).
 * `server`: the query budget (QUERY_TIMEOUT_MS) applies; commands such as migrate and import run unbounded.
 */
export function openFromConfig(config: DatabaseSettings, { server = false }: { server?: boolean } = {}): OpenDatabase {
  if (config.databaseUrl) {
    const { db } = openPostgres(config.databaseUrl, {
      poolMax: config.databasePoolMax,
      statementTimeoutMs: server ? config.database.queryTimeoutMs : 0,
      // Only the server has signed-out readers whose reads may lag; a command reads the primary.
      ...(server && config.databaseReadUrl ? { readUrl: config.databaseReadUrl } : {}),
    });
    const replica = server && config.databaseReadUrl ? ` (signed-out readers from ${redactedUrl(config.databaseReadUrl)})` : '';
    return { db, engine: 'postgres', describe: redactedUrl(config.databaseUrl) + replica, close: () => db.destroy() };
  }
  if (config.databasePath !== ':memory:') mkdirSync(dirname(config.databasePath), { recursive: true });
  // A command has nothing else to serve: its reads run on the main thread (an export still reads one snapshot).
  const conn = openDatabase(config.databasePath, server ? config.database : { ...config.database, readers: 0 });
  return { db: conn.db, engine: 'sqlite', sqlite: conn.sqlite, describe: config.databasePath, close: () => conn.db.destroy() };
}
