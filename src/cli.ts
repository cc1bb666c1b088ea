import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError, loadConfig, type Config } from './config';
import { openDatabase } from './db/connection';
import { migrateToLatest } from './db/migrator';
import { serve } from './main';
import { readSeedFile, seedIfEmpty } from './seed/seed';

const USAGE = `Usage: gainsay <command>

Commands:
  serve            migrate, load the seed into an empty database, and serve the web app
  migrate          bring the database schema up to date
  seed [file]      load a seed dataset (default data/seed.json) into an empty database
  help             show this text

Configuration comes from environment variables (see README.md): PORT, HOST, DATABASE_PATH, …`;

export class UsageError extends Error {}

function openConfigured(config: Config) {
  if (config.databasePath !== ':memory:') mkdirSync(dirname(config.databasePath), { recursive: true });
  return openDatabase(config.databasePath);
}

export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  const config = loadConfig(env);
  switch (command) {
    case 'serve':
      await serve(config);
      return -1; // keeps running
    case 'migrate': {
      const { db } = openConfigured(config);
      const results = await migrateToLatest(db);
      await db.destroy();
      console.log(results.length ? results.map((r) => `applied ${r.migrationName}`).join('\n') : 'The database is up to date.');
      return 0;
    }
    case 'seed': {
      const { db } = openConfigured(config);
      await migrateToLatest(db);
      const loaded = await seedIfEmpty(db, readSeedFile(rest[0]));
      await db.destroy();
      console.log(loaded ? 'Loaded the seed dataset.' : 'The database already holds data; nothing was loaded.');
      return 0;
    }
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

export function main(argv = process.argv.slice(2)): void {
  runCli(argv).then(
    (code) => {
      if (code >= 0) process.exitCode = code;
    },
    (err: unknown) => {
      if (err instanceof ConfigError || err instanceof UsageError) {
        console.error(err.message);
        process.exit(2);
      }
      console.error(err instanceof Error ? `gainsay: ${err.message}` : err);
      process.exit(1);
    },
  );
}

if (require.main === module) main();
