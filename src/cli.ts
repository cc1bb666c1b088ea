import { closeSync, createReadStream, createWriteStream, existsSync, openSync, readSync, statSync } from 'node:fs';
import { Presets, SingleBar } from 'cli-progress';
import { claimFiltersSchema } from './claims/claim-filter.repository';
import { exportClaims } from './claims/claim-export.service';
import { BadFilter } from './claims/list-params';
import { exportDisputes } from './disputes/dispute-export.service';
import { EXPORT_FORMATS, type ExportFormat } from './exports/formats';
import { fieldErrors } from './http/fields';
import { describeReport } from './imports/import-report';
import { detectImportFormat, runImport, type ImportFormat } from './imports/import.service';
import { resolve } from 'node:path';
import { Transform } from 'node:stream';
import { addUser, CliInputError, parseUserAddArgs, readPassword } from './accounts/user.cli';
import { ConfigError, loadConfig, type Config } from './config';
import { backupDatabase } from './db/backup';
import { openDatabase } from './db/connection';
import { copySqliteToPostgresAt } from './db/copy-to-postgres';
import { openFromConfig, redactedUrl } from './db/open';
import { isPostgresUrl } from './db/postgres';
import { postgresBackupCommand } from './db/postgres-backup';
import { migrateToLatest } from './db/migrator';
import { serve } from './main';
import { readSeedFile, seedIfEmpty } from './seed/seed';

const USAGE = `Usage: gainsay <command>

Commands:
  serve            migrate, load the seed into an empty database, and serve the web app
  migrate          bring the database schema up to date
  seed [file]      load a seed dataset (default data/seed.json) into an empty database
  export           write a list as a table:
                     --format csv|json|xlsx|md (default csv)  --kind claims|disputes (default claims)
                     --q … --verdict … --claimant … --topic … --outlet … --from … --to … --sort …
                     --bom (CSV for Excel)  -o, --output file (default: standard output)
  import <file>    import a claims CSV (the export format) or ClaimReview JSON-LD (.json, .html)
                     --dry-run (report, write nothing)  --skip-bad-rows  --format csv|claimreview
  user add --role <admin|editor|reporter> [--name "Name"] <email>
                   create an account; the password is read from a prompt (or the first line of stdin)
  backup <file>    copy the database to a new file while the server keeps serving
                     (on PostgreSQL: runs pg_dump, or says what to run)
  copy --to postgres://…
                   move the SQLite database (DATABASE_PATH) to an empty PostgreSQL database, every table
  help             show this text

Configuration comes from environment variables (see README.md): PORT, HOST, DATABASE_PATH, DATABASE_URL, …`;

export class UsageError extends Error {}

function openConfigured(config: Config) {
  return openFromConfig(config);
}

/** `--name value`, `--name=value` and bare `--flag` options, plus positional arguments. */
export function parseOptions(args: string[], flags: readonly string[]): { options: Record<string, string>; positional: string[] } {
  const options: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const [rawName, inline] = arg.replace(/^--?/, '').split(/=(.*)/s, 2) as [string, string | undefined];
    const name = rawName === 'o' ? 'output' : rawName;
    if (flags.includes(name)) options[name] = 'true';
    else if (inline !== undefined) options[name] = inline;
    else if (i + 1 < args.length) options[name] = args[++i]!;
    else throw new UsageError(`The option --${name} needs a value.`);
  }
  return { options, positional };
}

async function exportCommand(config: Config, args: string[]): Promise<number> {
  const { options } = parseOptions(args, ['bom']);
  const { format = 'csv', kind = 'claims', output, bom, ...filterOptions } = options;
  if (!(EXPORT_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be one of: ${EXPORT_FORMATS.join(', ')}.`);
  if (kind !== 'claims' && kind !== 'disputes') throw new UsageError('--kind must be claims or disputes.');
  const parsed = claimFiltersSchema.safeParse(filterOptions);
  if (!parsed.success) {
    const [field, message] = Object.entries(fieldErrors(parsed.error))[0]!;
    throw new UsageError(`--${field} ${message}.`);
  }
  const { db } = openConfigured(config);
  await migrateToLatest(db);
  const out = output ? createWriteStream(output) : process.stdout;
  try {
    const rows = await (kind === 'claims' ? exportClaims : exportDisputes)({
      db,
      format: format as ExportFormat,
      filters: parsed.data,
      out,
      ctx: { baseUrl: config.baseUrl, licence: config.dataLicence },
      bom: bom === 'true',
    });
    if (output) {
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
      console.error(`Wrote ${rows} row(s) to ${output}.`);
    }
  } catch (err) {
    if (err instanceof BadFilter) throw new UsageError(`--${err.field}: ${err.message}`);
    throw err;
  } finally {
    await db.destroy();
  }
  return 0;
}

async function importCommand(config: Config, args: string[]): Promise<number> {
  const { options, positional } = parseOptions(args, ['dry-run', 'skip-bad-rows']);
  const file = positional[0];
  if (!file) throw new UsageError('Usage: gainsay import <file> [--dry-run] [--skip-bad-rows] [--format csv|claimreview]');
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  const headBuffer = Buffer.alloc(200);
  const head = headBuffer.subarray(0, readSync(fd, headBuffer, 0, 200, 0)).toString('utf8');
  closeSync(fd);
  const format = (options.format ?? detectImportFormat(head, file)) as ImportFormat;
  if (format !== 'csv' && format !== 'claimreview') throw new UsageError('--format must be csv or claimreview.');
  const { db } = openConfigured(config);
  await migrateToLatest(db);
  const bar =
    process.stderr.isTTY || process.env.GAINSAY_PROGRESS === '1'
      ? new SingleBar(
          { format: 'importing [{bar}] {percentage}% | {rows} rows | {eta_formatted} left', stream: process.stderr },
          Presets.shades_classic,
        )
      : undefined;
  let bytes = 0;
  let rowsRead = 0;
  // Counted on the way through, not by a 'data' listener on the file: that would start the file flowing at
  // once, and the bytes read while the import awaits the database (PostgreSQL) would be lost to it.
  const stream = createReadStream(file).pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        bar?.update(bytes, { rows: rowsRead });
        done(null, chunk);
      },
    }),
  );
  bar?.start(size, 0, { rows: 0 });
  try {
    const report = await runImport(db, stream, format, {
      baseUrl: config.baseUrl,
      dryRun: options['dry-run'] === 'true',
      skipBadRows: options['skip-bad-rows'] === 'true',
      onProgress: (rows) => {
        rowsRead = rows;
      },
    });
    bar?.update(size, { rows: report.rows });
    bar?.stop();
    console.log(describeReport(report));
    return report.errors.length && !report.imported ? 1 : 0;
  } finally {
    bar?.stop();
    await db.destroy();
  }
}

async function copyCommand(config: Config, args: string[]): Promise<number> {
  const { options } = parseOptions(args, []);
  const to = options.to;
  if (!to || !isPostgresUrl(to))
    throw new UsageError('Usage: gainsay copy --to postgres://user@host/database (the SQLite file is DATABASE_PATH)');
  if (config.databasePath === ':memory:' || !existsSync(config.databasePath))
    throw new UsageError(`There is no SQLite database at ${config.databasePath} (DATABASE_PATH) to copy.`);
  const source = openDatabase(config.databasePath);
  try {
    const started = Date.now();
    const report = await copySqliteToPostgresAt(source.sqlite, to, (table, rows) => console.error(`copied ${table}: ${rows} row(s)`));
    const rows = report.tables.reduce((n, t) => n + t.rows, 0);
    console.log(
      `Copied ${config.databasePath} to ${redactedUrl(to)}: ${report.tables.length} tables, ${rows} rows in ${((Date.now() - started) / 1000).toFixed(1)} s. ` +
        `Serve it with DATABASE_URL=${redactedUrl(to)}.`,
    );
  } finally {
    await source.db.destroy();
  }
  return 0;
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
    case 'export':
      return exportCommand(config, rest);
    case 'import':
      return importCommand(config, rest);
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
    case 'copy':
      return copyCommand(config, rest);
    case 'backup': {
      if (!rest[0]) throw new UsageError(`Give the file to write: gainsay backup <file>\n\n${USAGE}`);
      const target = resolve(rest[0]);
      if (config.databaseUrl) return postgresBackupCommand(config.databaseUrl, target);
      const { db, sqlite } = openConfigured(config);
      try {
        const { totalPages } = await backupDatabase(sqlite!, target);
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
