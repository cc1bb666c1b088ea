import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../../src/db/connection';
import { verifyPassword } from '../../src/accounts/password';

const BIN = resolve(__dirname, '../../bin/gainsay');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gainsay-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function gainsay(args: string[], input: string) {
  return spawnSync(process.execPath, [BIN, ...args], {
    input,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, DATABASE_PATH: join(dir, 'g.sqlite') },
    timeout: 30_000,
  });
}

test('gainsay user add makes the first admin, reading the password from stdin and storing only an argon2id hash', async () => {
  const run = gainsay(['user', 'add', '--role', 'admin', '--name', 'Ada Admin', 'Ada@Example.org'], 'a long enough secret\n');
  expect(run.stderr).toBe('');
  expect(run.stdout).toContain('Added admin ada@example.org');
  const { db } = openDatabase(join(dir, 'g.sqlite'));
  const user = await db.selectFrom('user_account').selectAll().executeTakeFirstOrThrow();
  await db.destroy();
  expect(user).toMatchObject({ email: 'ada@example.org', role: 'admin', display_name: 'Ada Admin', disabled: 0 });
  expect(user.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
  expect(await verifyPassword(user.password_hash, 'a long enough secret')).toBe(true);
}, 40_000);

test('refuses a short or missing password and a bad role, with a message and no account', () => {
  const short = gainsay(['user', 'add', '--role', 'admin', 'a@example.org'], 'short\n');
  expect(short.status).toBe(2);
  expect(short.stderr).toContain('at least 12 characters');
  const role = gainsay(['user', 'add', '--role', 'root', 'a@example.org'], 'a long enough secret\n');
  expect(role.status).toBe(2);
  expect(role.stderr).toContain('--role must be one of: admin, editor, reporter');
}, 40_000);

test('gainsay backup writes a copy that opens', async () => {
  const made = gainsay(['migrate'], '');
  expect(made.status).toBe(0);
  const run = gainsay(['backup', join(dir, 'copy.sqlite')], '');
  expect(run.stdout).toContain('Backed up');
  const { db, sqlite } = openDatabase(join(dir, 'copy.sqlite'));
  expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  await db.destroy();
}, 40_000);
