import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { redactedUrl } from './open';

/** The pg_dump command that backs up `url` to `file` (custom format: compressed, restorable with pg_restore). */
export function pgDumpArgs(url: string, file: string): string[] {
  return ['--format=custom', '--no-owner', `--file=${file}`, `--dbname=${url}`];
}

/**
 * `gainsay backup` on PostgreSQL: pg_dump takes one consistent snapshot while the servers keep serving.
 * Without pg_dump on this machine it says exactly what to run instead (exit code 1).
 */
export function postgresBackupCommand(url: string, file: string): number {
  if (existsSync(file)) throw new Error(`${file} already exists; choose a new file name.`);
  const args = pgDumpArgs(url, file);
  const shown = `pg_dump ${pgDumpArgs(redactedUrl(url), file)
    .map((a) => `'${a}'`)
    .join(' ')}`;
  const result = spawnSync('pg_dump', args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    console.error(
      `pg_dump was not found on this machine. Install PostgreSQL's client tools (Debian: apt-get install postgresql-client) ` +
        `of the server's major version or newer, then run:\n  ${shown}\nRestore with: pg_restore --no-owner --dbname=<empty database> '${file}'`,
    );
    return 1;
  }
  if (result.status !== 0) {
    console.error(`pg_dump failed (exit code ${result.status ?? 'none'}); the command was:\n  ${shown}`);
    return 1;
  }
  console.log(
    `Backed up ${redactedUrl(url)} to ${file} with pg_dump (restore with pg_restore --no-owner --dbname=<empty database> '${file}').`,
  );
  return 0;
}
