import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// `npm start` as a user runs it: a real process on a fresh database file. The reader threads are
// unref'd once they have opened the database; an earlier version unref'd them at once, and the
// process exited silently (code 0) while its first read waited for a reader to start.
const BIN = resolve(__dirname, '../../bin/gainsay');

describe('gainsay serve', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gainsay-serve-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('seeds an empty database, serves pages from it, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: { PATH: process.env.PATH!, DATABASE_PATH: join(dir, 'g.sqlite'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    let output = '';
    const baseUrl = await new Promise<string>((done, fail) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Gainsay is serving .* at (http:\/\/\S+?)\/?\s/.exec(output);
        if (match) done(match[1]!);
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      void exited.then((code) => fail(new Error(`gainsay serve exited (code ${String(code)}) before serving:\n${output}`)));
    });
    try {
      expect(output).toContain('Loaded the seed dataset into the empty database.');
      expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
      const home = await fetch(`${baseUrl}/disputes`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('<h1');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 60_000);
});
