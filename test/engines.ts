// `npm test`'s last step (`tsx test/engines.ts`): jest on SQLite, then jest again on PostgreSQL (GAINSAY_TEST_ENGINE=postgres).
// The PostgreSQL half needs a server: GAINSAY_TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres),
// a role that may create databases. Without one it says so loudly and is skipped — except under CI=true,
// where that fails the run. Arguments go to both jest runs (e.g. a test file).
import { spawnSync } from 'node:child_process';
import pg from 'pg';

const args = process.argv.slice(2);
const url = process.env.GAINSAY_TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
// A half that has not ended in 35 minutes is stopped and fails (about 10 minutes each on a 2-core machine): jest
// waits forever for a handle a test left open, and a CI run that times out says less than one that fails.
const HALF_LIMIT_MS = 35 * 60_000;
const jest = (env: Record<string, string>) =>
  spawnSync(process.execPath, ['node_modules/jest/bin/jest.js', ...args], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
    timeout: HALF_LIMIT_MS,
    killSignal: 'SIGKILL',
  });

function timed(label: string, run: () => ReturnType<typeof spawnSync>): number {
  const started = Date.now();
  const result = run();
  const stopped = result.signal
    ? ` (stopped by ${result.signal}: not ended within ${HALF_LIMIT_MS / 60_000} minutes; did a test leave a handle open?)`
    : '';
  console.log(`\n${label}: ${result.status === 0 ? 'passed' : 'FAILED'}${stopped} in ${Math.round((Date.now() - started) / 1000)} s\n`);
  return result.status ?? 1;
}

/** Whether the server answers; drops what an interrupted earlier run left behind. */
async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(
      `select datname from pg_database where datname like 'gainsay\\_test\\_%' or datname like 'gainsay\\_tpl\\_%'`,
    );
    for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
    return true;
  } catch (err) {
    console.error(`PostgreSQL at ${url.replace(/:[^:@/]*@/, ':***@')}: ${err instanceof Error ? err.message : String(err)}`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function main(): Promise<number> {
  if (timed('jest on SQLite', () => jest({ GAINSAY_TEST_ENGINE: 'sqlite' })) !== 0) return 1;
  if (!(await reachable())) {
    const banner = '!'.repeat(100);
    console.error(`\n${banner}
!! THE POSTGRESQL HALF OF THE TESTS IS SKIPPED: no PostgreSQL server answers at GAINSAY_TEST_DATABASE_URL.
!! Install and start one (Debian: apt-get install -y postgresql && service postgresql start), then run e.g.
!!   GAINSAY_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm test
!! (a role that may create databases; .ci/run shows a throwaway cluster on its own port).
${banner}\n`);
    return process.env.CI === 'true' ? 1 : 0;
  }

  return timed('jest on PostgreSQL', () => jest({ GAINSAY_TEST_ENGINE: 'postgres', GAINSAY_TEST_DATABASE_URL: url }));
}

void main().then((code) => process.exit(code));
