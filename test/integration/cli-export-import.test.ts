import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { runCli } from '../../src/cli';

let dir: string;
let log: jest.SpyInstance;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gainsay-cli-'));
  log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => {
  jest.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

test('gainsay export with filters, and gainsay import of that file into an empty database', async () => {
  const env = { DATABASE_PATH: join(dir, 'a.sqlite'), BASE_URL: 'http://gainsay.test' };
  expect(await runCli(['seed'], env)).toBe(0);
  const out = join(dir, 'kremlin.csv');
  expect(await runCli(['export', '--format', 'csv', '--claimant', 'kremlin', '-o', out], env)).toBe(0);
  const rows = parse<Record<string, string>>(readFileSync(out, 'utf8'), { columns: true });
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((r) => r.claimant_slug === 'kremlin')).toBe(true);

  const env2 = { DATABASE_PATH: join(dir, 'b.sqlite'), BASE_URL: 'http://gainsay.test' };
  expect(await runCli(['import', out, '--dry-run'], env2)).toBe(0);
  expect(log.mock.calls.flat().join('\n')).toMatch(/Dry run — would import/);
  expect(await runCli(['import', out], env2)).toBe(0);
  const out2 = join(dir, 'again.csv');
  expect(await runCli(['export', '--claimant=kremlin', '--output', out2], env2)).toBe(0);
  // A filtered export holds only one side of some disputes: those are left out, with a warning.
  expect(log.mock.calls.flat().join('\n')).toMatch(/warning: row \d+: the dispute ".+" was left out/);
  const strip = (r: Record<string, string>) => ({ ...r, disputes: '', disputes_json: '' });
  const again = parse<Record<string, string>>(readFileSync(out2, 'utf8'), { columns: true });
  expect(again.map(strip)).toEqual(rows.map(strip));

  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'claimant,text,verdict\nKremlin,,false\n');
  expect(await runCli(['import', bad], env2)).toBe(1);
  expect(log.mock.calls.flat().join('\n')).toMatch(/row 2, column text: The text is required/);
  await expect(runCli(['export', '--format', 'pdf'], env)).rejects.toThrow(/--format must be one of/);
});
