// npm run bench:profile [-- --quick] — where the time of a page rendered from the database goes.
// Starts `gainsay serve` under `node --cpu-prof` with the page cache off on a copy of the benchmark
// corpus (built by `npm run bench`), asks for the dispute and the claim page one request at a time
// (bounded: BENCH_REQUESTS each, at most 2 minutes per page, each page on its own server), stops the server
// and sums each thread's samples (the main thread, the SQLite reader workers) by where they were spent:
// SQLite, Kysely, templates, compression, Express, logging, the app's code.
//   BENCH_REQUESTS (1000)  BENCH_PROFILE_DIR (a temp directory; the .cpuprofile stays there)
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { freePort } from './lib/server';

const ROOT = resolve(__dirname, '..');
const quick = process.argv.includes('--quick');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const LIMIT_MS = 120_000;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const SQLITE_CALLS = new Set(['all', 'get', 'run', 'iterate', 'prepare', 'raw', 'pluck', 'exec', 'pragma']);

/** Where a sample's own time belongs, judged by the function it was in (and, for native code, its caller). */
function category(node: ProfileNode, parent: ProfileNode | undefined): string {
  const { functionName: fn, url } = node.callFrame;
  if (fn === '(garbage collector)') return 'garbage collection';
  if (fn === '(idle)') return 'idle (waiting)';
  if (fn === '(program)') return 'V8 / native, unattributed';
  if (url.includes('better-sqlite3') || (url === '' && SQLITE_CALLS.has(fn) && parent?.callFrame.url.includes('kysely')))
    return 'SQLite (better-sqlite3, native)';
  if (url === '' && SQLITE_CALLS.has(fn)) return 'SQLite (better-sqlite3, native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  // better-sqlite3's statement calls are native: their time lands in the Kysely driver's executeQuery.
  if (pkg === 'kysely' && fn === 'executeQuery') return 'SQLite (better-sqlite3, native)';
  if (pkg === 'kysely') return 'Kysely (building and compiling queries)';
  if (pkg === 'handlebars') return 'Handlebars (templates)';
  if (pkg === 'compression' || url.includes('zlib') || /gzip|deflate|zlib/i.test(fn)) return 'compression (gzip)';
  if (pkg && /^(pino|pino-http|sonic-boom|thread-stream|fast-redact|quick-format-unescaped)$/.test(pkg)) return 'request logging (pino)';
  if (pkg === 'helmet') return 'helmet';
  if (pkg === 'zod') return 'zod';
  if (pkg === 'tsx' || pkg === 'esbuild' || pkg === 'get-tsconfig') return 'tsx (loading TypeScript)';
  if (pkg)
    return `other package: ${pkg.replace(/^(express|router|body-parser|send|finalhandler|on-finished|etag|fresh|qs|cookie|accepts|negotiator|type-is|content-type|mime-types|vary|path-to-regexp|parseurl|statuses|depd|debug)$/, 'Express and its helpers')}`;
  // The reader worker's own frames are the statement calls and the rows it hands back (src/db/sqlite-pool.ts).
  if (url.endsWith('sqlite-reader.worker.cjs')) return 'SQLite reader worker (statements, rows)';
  if (url.includes('/src/')) return `app: ${url.slice(url.indexOf('/src/') + 1)}`;
  if (url.includes('/views/')) return 'Handlebars (templates)';
  if (url.startsWith('node:') || url === '') return `Node internals${url ? ` (${url.replace(/^node:/, '').split('/')[0]})` : ''}`;
  return url;
}

function summarize(profile: Profile, requests: number): Array<[string, number]> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, ProfileNode>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n);
  // Loading modules at start (and lazily on a first use) is not per-request work: set apart.
  const loading = new Map<number, boolean>();
  const isLoading = (node: ProfileNode): boolean => {
    let known = loading.get(node.id);
    if (known === undefined) {
      const { functionName: fn, url } = node.callFrame;
      const parent = parentOf.get(node.id);
      known =
        /^(Module\._load|Module\.require|require|wrapSafe|compileForInternalLoader)$/.test(fn) ||
        url.includes('cjs/loader') ||
        (parent ? isLoading(parent) : false);
      loading.set(node.id, known);
    }
    return known;
  };
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const key = isLoading(node) ? 'loading modules (start, first use)' : category(node, parentOf.get(id));
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return [...totals.entries()].map(([k, us]) => [k, us / 1000 / requests] as [string, number]).sort((a, b) => b[1] - a[1]);
}

async function main() {
  const corpus = join(__dirname, 'data', `corpus-${quick ? 'quick' : 'full'}.sqlite`);
  if (!existsSync(corpus)) throw new Error(`${corpus} is missing: run npm run bench${quick ? ' -- --quick' : ''} first`);
  const dir = process.env.BENCH_PROFILE_DIR ?? mkdtempSync(join(tmpdir(), 'gainsay-profile-'));
  mkdirSync(dir, { recursive: true });
  const db = join(dir, 'profile.sqlite');
  copyFileSync(corpus, db);
  const sample = new SqliteDatabase(db, { readonly: true });
  const slug = sample.prepare(`select slug from dispute where state <> 'draft' order by id limit 1 offset 10`).pluck().get() as string;
  const claim = sample
    .prepare(`select claim_id from citation group by claim_id having count(*) > 1 order by claim_id limit 1 offset 10`)
    .pluck()
    .get() as number;
  sample.close();

  console.log(
    `Page cache off; ${REQUESTS} requests per page, one at a time, gzip accepted (${quick ? 'quick' : 'full'} corpus). Each page on its own server.`,
  );
  for (const path of [`/disputes/${encodeURIComponent(slug)}`, `/claims/${claim}`]) {
    const pageDir = join(dir, path.split('/')[1]!);
    mkdirSync(pageDir, { recursive: true });
    const { msPerRequest, requests } = await profilePage(db, pageDir, path);
    // One profile per thread: the main thread (tid 0) and the SQLite reader workers.
    const files = readdirSync(pageDir).filter((f) => f.endsWith('.cpuprofile'));
    if (!files.length) throw new Error(`no profile was written to ${pageDir}`);
    const tid = (f: string) => Number(f.split('.')[4]);
    console.log(`\n${path}: ${msPerRequest.toFixed(2)} ms per request (wall, client side), ${requests} requests incl. warm-up`);
    for (const file of files.sort((a, b) => tid(a) - tid(b))) {
      const profile = JSON.parse(readFileSync(join(pageDir, file), 'utf8')) as Profile;
      const rows = summarize(profile, requests).filter(([name]) => name !== 'idle (waiting)');
      const busy = rows.filter(([name]) => name !== 'loading modules (start, first use)').reduce((n, [, ms]) => n + ms, 0);
      console.log(
        `  ${tid(file) === 0 ? 'main thread' : `worker thread ${tid(file)}`}: ${busy.toFixed(3)} ms CPU per request (module loading left out)`,
      );
      for (const [name, ms] of rows.slice(0, 14)) if (ms >= 0.005) console.log(`    ${ms.toFixed(3).padStart(7)}  ${name}`);
    }
  }
  console.log(`\nProfiles: ${dir} (open them in Chrome DevTools for the call tree).`);
  if (!process.env.BENCH_PROFILE_DIR) rmSync(db, { force: true });
}

/** Serves `path` from a server under --cpu-prof (profiles written to `dir` when it stops), one request at a time. */
async function profilePage(db: string, dir: string, path: string): Promise<{ msPerRequest: number; requests: number }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, join(ROOT, 'bin', 'gainsay'), 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_PATH: db,
      PORT: String(port),
      HOST: '127.0.0.1',
      BASE_URL: base,
      SEED_ON_START: 'false',
      PAGE_CACHE_MB: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  for (let i = 0; ; i++) {
    if (i > 600) throw new Error('the server did not start');
    if (
      await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const until = Date.now() + LIMIT_MS;
  for (let i = 0; i < 20; i++) await (await fetch(base + path)).arrayBuffer(); // warm-up: JIT, statements
  const started = performance.now();
  let n = 0;
  for (; n < REQUESTS && Date.now() < until; n++) {
    const res = await fetch(base + path, { headers: { 'accept-encoding': 'gzip', accept: 'text/html' } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  }
  const msPerRequest = (performance.now() - started) / n;
  child.kill('SIGTERM');
  await exited;
  return { msPerRequest, requests: n + 20 };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
