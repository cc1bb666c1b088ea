import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { addUser, CliInputError, parseUserAddArgs, readPassword } from './accounts/user.cli';
import { ConfigError, loadConfig, type Config } from './config';
import { backupDatabase } from './db/backup';
import { openDatabase } from './db/connection';
import { migrateToLatest } from './db/migrator';
import { serve } from './main';
import { readSeedFile, seedIfEmpty } from './seed/seed';

const USAGE = `Usage: gainsay <command>

Commands:
  serve            migrate, load the seed into an empty database, and serve the web app
  migrate          bring the database schema up to date
  seed [file]      load a seed dataset (default data/seed.json) into an empty database
  user add --role <admin|editor|reporter> [--name "Name"] <email>
                   create an account; the password is read from a prompt (or the first line of stdin)
  backup <file>    copy the database to a new file while the server keeps serving
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
    case 'user': {
      if (rest[0] !== 'add') throw new UsageError(`Unknown user command "${rest[0] ?? ''}".\n\n${USAGE}`);
      const args = parseUserAddArgs(rest.slice(1));
      const password = await readPassword();
      const { db } = openConfigured(config);
      try {
        await migrateToLatest(db);
        const user = await addUser(db, args, password);
        console.log(`Added ${user.role} ${user.email}.`);
      } finally {
        await db.destroy();
      }
      return 0;
    }
    case 'backup': {
      if (!rest[0]) throw new UsageError(`Give the file to write: gainsay backup <file>\n\n${USAGE}`);
      const target = resolve(rest[0]);
      const { db, sqlite } = openConfigured(config);
      try {
        const { totalPages } = await backupDatabase(sqlite, target);
        console.log(`Backed up ${config.databasePath} to ${target} (${totalPages} pages).`);
      } finally {
        await db.destroy();
      }
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
      if (err instanceof ConfigError || err instanceof UsageError || err instanceof CliInputError) {
        console.error(err.message);
        process.exit(2);
      }
      console.error(err instanceof Error ? `gainsay: ${err.message}` : err);
      process.exit(1);
    },
  );
}

if (require.main === module) main();
