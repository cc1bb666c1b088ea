import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export interface RunningServer {
  baseUrl: string;
  pid: number;
  /** From spawning the process to the first 200 from /healthz. */
  coldStartMs: number;
  stop(): Promise<void>;
}

/** A free loopback port, so a benchmark never collides with a server already running. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Starts `gainsay serve` on a database file in its own process, as production runs it (request
 * logging on, to /dev/null), so the load generator and the server each get a core.
 */
export async function startServer(
  databasePath: string,
  extraEnv: Record<string, string> = {},
  timeoutMs = 120_000,
): Promise<RunningServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = process.hrtime.bigint();
  const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin', 'gainsay'), 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_PATH: databasePath,
      PORT: String(port),
      HOST: '127.0.0.1',
      BASE_URL: baseUrl,
      SEED_ON_START: 'false',
      LOG_LEVEL: 'info',
      // The bench is one address sending thousands of searches and exports: the per-address limits,
      // which would answer most of them 429, are off so it measures the work itself.
      SEARCH_RATE_LIMIT: '0',
      EXPORT_RATE_LIMIT: '0',
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()).slice(-4000));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`the server exited (code ${code}) before it was ready:\n${stderr}`))),
  );
  const ready = (async () => {
    for (;;) {
      try {
        const res = await fetch(`${baseUrl}/healthz`);
        if (res.ok) return Number(process.hrtime.bigint() - started) / 1e6;
      } catch {
        // not listening yet
      }
      if (Number(process.hrtime.bigint() - started) / 1e6 > timeoutMs)
        throw new Error(`the server was not ready after ${timeoutMs / 1000} s`);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const coldStartMs = await Promise.race([ready, exited]);
  child.removeAllListeners('exit');
  return {
    baseUrl,
    pid: child.pid!,
    coldStartMs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(force);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Resident memory of a process now, and its peak since the last `resetPeakRss` (Linux /proc). */
export function rssOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** Resets the kernel's peak-RSS mark of a process (writing 5 to clear_refs), so a peak belongs to one task. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
