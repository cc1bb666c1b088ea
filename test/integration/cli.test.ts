import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';

const BIN = resolve(__dirname, '../../bin/gainsay');

function gainsay(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH!, ...env }, encoding: 'utf8', timeout: 60_000 });
}

describe('gainsay command line', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gainsay-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('migrates, seeds once, and refuses to seed a database with data', () => {
    const env = { DATABASE_PATH: join(dir, 'g.sqlite') };
    const migrate = gainsay(['migrate'], env);
    expect(migrate.status).toBe(0);
    expect(migrate.stdout).toContain('applied 2026_11_26_19_00_00_create_claim_graph');
    const seed = gainsay(['seed'], env);
    expect(seed.stdout).toContain('Loaded the seed dataset.');
    expect(gainsay(['seed'], env).stdout).toContain('nothing was loaded');
    const sqlite = new SqliteDatabase(env.DATABASE_PATH, { readonly: true });
    expect((sqlite.prepare('select count(*) as n from dispute').get() as { n: number }).n).toBeGreaterThanOrEqual(5);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    sqlite.close();
  }, 60_000);

  it('stops on bad configuration with one line naming the variable', () => {
    const result = gainsay(['migrate'], { PORT: 'eighty', DATABASE_PATH: join(dir, 'g.sqlite') });
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe('Invalid PORT="eighty": must be a number');
  }, 60_000);

  it('explains an unknown command', () => {
    const result = gainsay(['frobnicate']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown command "frobnicate"');
    expect(result.stderr).toContain('Usage: gainsay');
  }, 60_000);
});
