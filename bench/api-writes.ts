// npm run bench:api-writes — claims created per second through POST /api/v1/claims.
//
// `measureApiWrites` is self-contained: give it a running Gainsay and an editor's (or admin's) API
// token; it reads some claimants, sources and claims through the API to build realistic, varied
// bodies, then runs autocannon for `seconds`. Run directly, this file builds (once, cached in the temp
// directory) a file database holding BENCH_CLAIMS claims with their search index, starts `gainsay serve`
// on a copy of it in a separate process (autocannon shares the CPUs), and measures.
//   BENCH_CLAIMS (100000)  BENCH_CONNECTIONS (16)  BENCH_SECONDS (8)  BENCH_RUNS (1)
//   BENCH_CPU_PROF=dir     the server writes a CPU profile there (node --cpu-prof)
//   BENCH_SECOND_WRITER=import|backup   a second process writes (or backs up) the database meanwhile
//   BENCH_SERVER_ROOT=/path/to/checkout   serve that checkout's code instead (before/after)
//   BENCH_BASE_URL + BENCH_TOKEN        measure a server that is already running instead
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApiToken } from '../src/accounts/api-token.repository';
import { insertUser } from '../src/accounts/user.repository';
import { openDatabase } from '../src/db/connection';
import { indexClaims } from '../src/db/sqlite-fts';
import { addClaims, benchDatabase } from './fixture';

export interface ApiWritesOptions {
  baseUrl: string;
  /** A bearer token (gsy_…) of an editor or admin: the bodies publish and rate some claims. */
  token: string;
  connections: number;
  seconds: number;
}

export interface ApiWritesResult {
  requests: number;
  ok: number;
  failed: number;
  /** Claims created per second (2xx responses over the run's duration). */
  perSecond: number;
  /** Latency in milliseconds. */
  p50: number;
  p99: number;
  /** Responses by status code, and a sample of the first failures. */
  statusCodes: Record<string, number>;
  failures: string[];
}

const CLAIM_TEXTS = [
  'The ministry says that military aid to Kyiv will double next year.',
  'Unemployment fell to its lowest level since 1990, the minister told parliament.',
  'The new bridge will be finished before the summer, the mayor promised.',
  'Energy prices will fall by a third once the pipeline opens.',
  'The party never received money from abroad, its leader said on television.',
  'Crime in the capital rose by 40 percent in two years.',
  'The ceasefire was broken first by the other side, the spokesperson said.',
  'Half of all new cars sold last year were electric.',
];
const QUOTES: Array<[string, string]> = [
  ['De steun aan Kyiv wordt volgend jaar verdubbeld.', 'nl'],
  ['Die Arbeitslosigkeit ist so niedrig wie seit 1990 nicht mehr.', 'de'],
  ['Le pont sera terminé avant l’été.', 'fr'],
  ['Мы никогда не получали денег из-за рубежа.', 'ru'],
];
const TOPICS = [
  'Military aid',
  'Ukraine',
  'Economy',
  'Energy',
  'Elections',
  'Crime',
  'Transport',
  'Climate',
  'Topic 3',
  'Topic 7',
  'Topic 12',
  'Health care',
];
const NEW_CLAIMANTS = ['Élysée Palace', 'Ministry of Finance', 'Claimant 12', 'The Mayor of Ghent', 'Kremlin', 'Opposition leader'];
const PLACES = ['an interview on Fox News', 'a press conference', 'a post on X', 'the official readout', 'a debate in parliament', null];
const ROLES = ['made_in', 'reported_by', 'evidence_for', 'evidence_against'] as const;
const RATED = ['true', 'mostly-true', 'misleading', 'mostly-false', 'false'];

async function getJson(url: string, token: string): Promise<{ data: Array<Record<string, unknown>> }> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { data: Array<Record<string, unknown>> };
}

/** An endless, deterministic variety of valid claim bodies: existing and new claimants, topics, citations, verdicts, links. */
export function claimBodies(refs: { claimantIds: number[]; sourceIds: number[]; claimIds: number[] }, runId = Date.now().toString(36)) {
  let n = 0;
  const pick = <T>(list: readonly T[], k: number): T => list[k % list.length]!;
  return (): Record<string, unknown> => {
    const i = n++;
    const body: Record<string, unknown> = { text: `${pick(CLAIM_TEXTS, i)} (${runId}-${i})` };
    // Mostly existing claimants; some typed by name (found, or created once), a few brand new.
    if (i % 10 < 7 || !refs.claimantIds.length) body.claimant_id = refs.claimantIds.length ? pick(refs.claimantIds, i * 7) : undefined;
    if (body.claimant_id === undefined) {
      body.new_claimant_name = i % 50 === 9 ? `Speaker ${runId}-${i}` : pick(NEW_CLAIMANTS, i);
      body.new_claimant_kind = i % 2 ? 'person' : 'government';
    }
    if (i % 3 === 0) [body.quote, body.quote_language] = pick(QUOTES, i);
    body.said_on = [`2025-0${(i % 9) + 1}-1${i % 10}`, `2025-1${i % 3}`, '2024', ''][i % 4];
    const where = pick(PLACES, i);
    if (where) body.said_where = where;
    const kind = i % 7 === 0 ? 'promise' : i % 11 === 0 ? 'prediction' : 'statement';
    body.kind = kind;
    if (kind !== 'statement' && i % 2) body.review_due_on = '2027-01-31';
    const topics = [pick(TOPICS, i), pick(TOPICS, i * 5 + 1), pick(TOPICS, i * 3 + 2)].slice(0, i % 4);
    body.topics = i % 5 === 0 ? topics.join(', ') : topics;
    if (i % 3 === 1) {
      body.verdict = pick(RATED, i);
      body.verdict_rationale = 'The official figures for the period say otherwise; see the evidence cited.';
    }
    body.state = i % 4 === 0 ? 'draft' : 'published';
    const citations = [];
    for (let c = 0; c < i % 4 && refs.sourceIds.length; c++) {
      citations.push({
        source_id: pick(refs.sourceIds, i * 13 + c * 101),
        role: ROLES[c]!,
        excerpt: c === 1 ? 'The relevant passage, quoted.' : null,
      });
    }
    body.citations = citations;
    if (i % 20 === 3 && refs.claimIds.length) {
      body.link_to_claim = pick(refs.claimIds, i);
      body.link_type = i % 40 === 3 ? 'supports' : 'contradicts';
    }
    return body;
  };
}

/** Runs autocannon against POST /api/v1/claims with varied bodies for `seconds`; 2xx are successes. */
export async function measureApiWrites({ baseUrl, token, connections, seconds }: ApiWritesOptions): Promise<ApiWritesResult> {
  const api = `${baseUrl.replace(/\/+$/, '')}/api/v1`;
  const ids = (page: { data: Array<Record<string, unknown>> }) => page.data.map((r) => Number(r.id));
  const refs = {
    claimantIds: ids(await getJson(`${api}/claimants?per_page=200`, token)),
    sourceIds: ids(await getJson(`${api}/sources?per_page=500`, token)),
    claimIds: ids(await getJson(`${api}/claims?per_page=50`, token)),
  };
  const next = claimBodies(refs);
  const failures: string[] = [];
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/claims',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        setupRequest: (req) => ({ ...req, body: JSON.stringify(next()) }),
        onResponse: (status, body) => {
          if ((status < 200 || status >= 300) && failures.length < 5) failures.push(`${status} ${body.slice(0, 300)}`);
        },
      },
    ],
  });
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]));
  const ok = result['2xx'];
  const requests = result.requests.total + result.errors + result.timeouts;
  return {
    requests,
    ok,
    failed: result.non2xx + result.errors + result.timeouts,
    perSecond: Math.round(ok / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    statusCodes,
    failures,
  };
}

// --- running it directly -------------------------------------------------------------------------

const ROOT = resolve(__dirname, '..');
/** Another checkout's server to measure (for before/after comparisons in one session): BENCH_SERVER_ROOT. */
const SERVER_ROOT = resolve(process.env.BENCH_SERVER_ROOT ?? ROOT);

/** A file database with `claims` claims and their search index, built once and kept in the temp directory. */
async function fixtureFile(claims: number): Promise<string> {
  const file = join(tmpdir(), `gainsay-api-writes-${claims}.sqlite`);
  if (existsSync(file)) return file;
  const { conn, path } = await benchDatabase();
  const { sql: trigger } = conn.sqlite
    .prepare("select sql from sqlite_master where type = 'trigger' and name = 'claim_fts_insert'")
    .get() as { sql: string };
  console.error(`building a fixture of ${claims.toLocaleString('en')} claims…`);
  addClaims(conn.sqlite, claims);
  // The fixture drops the search trigger; index its claims and put the trigger back, as in production.
  const claimIds = conn.sqlite.prepare('select id from claim').pluck().all() as number[];
  await conn.db.transaction().execute((trx) => indexClaims(trx, claimIds));
  conn.sqlite.exec(trigger);
  conn.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await conn.db.destroy();
  renameSync(path, file);
  return file;
}

/** A copy of the fixture with a fresh editor and API token. */
async function databaseWithToken(claims: number): Promise<{ path: string; token: string }> {
  const path = join(mkdtempSync(join(tmpdir(), 'gainsay-api-writes-')), 'gainsay.sqlite');
  copyFileSync(await fixtureFile(claims), path);
  const { db } = openDatabase(path);
  // The password is never used: the benchmark signs in with the token only.
  const user = await insertUser(db, { email: 'bench@example.test', display_name: 'Bench Editor', role: 'editor', password_hash: 'x' });
  const { token } = await createApiToken(db, user.id, 'bench');
  await db.destroy();
  return { path, token };
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
    s.on('error', fail);
  });
}

async function startServer(
  path: string,
  cpuProfDir?: string,
): Promise<{ child: ChildProcess; baseUrl: string; exited: Promise<number | null> }> {
  const port = await freePort();
  const args = [...(cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : []), join(SERVER_ROOT, 'bin/gainsay'), 'serve'];
  // Request logs go to /dev/null: the server still formats every line, as in production.
  const child = spawn(process.execPath, args, {
    cwd: SERVER_ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: path, SEED_ON_START: 'false', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((done) => child.once('exit', done));
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error('the server exited');
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return { child, baseUrl, exited };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not start');
}

/** A second writer: imports a small claims CSV (in one transaction) or backs the database up, every second. */
function secondWriter(kind: string, path: string, seconds: number): { stop: () => Promise<string> } {
  const dir = mkdtempSync(join(tmpdir(), 'gainsay-second-writer-'));
  const csv = join(dir, 'claims.csv');
  const rows = ['claimant,text,topics,state'];
  for (let i = 0; i < 2000; i++) rows.push(`Imported speaker ${i % 40},"Imported claim ${i}, said somewhere.",Imports,draft`);
  writeFileSync(csv, rows.join('\n') + '\n');
  let runs = 0;
  let failures = 0;
  let stopped = false;
  const loop = (async () => {
    const until = Date.now() + seconds * 1000;
    while (!stopped && Date.now() < until) {
      const args = kind === 'backup' ? ['backup', join(dir, `backup-${runs}.sqlite`)] : ['import', csv];
      const code = await new Promise<number | null>((done) => {
        spawn(process.execPath, [join(ROOT, 'bin/gainsay'), ...args], {
          cwd: ROOT,
          env: { ...process.env, DATABASE_PATH: path },
          stdio: 'ignore',
        }).once('exit', done);
      });
      runs++;
      if (code !== 0) failures++;
      if (kind === 'backup') rmSync(join(dir, `backup-${runs - 1}.sqlite`), { force: true });
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      rmSync(dir, { recursive: true, force: true });
      return `${kind}: ${runs} run(s), ${failures} failed`;
    },
  };
}

/** CPU seconds a process has used (Linux /proc): per claim, it is a figure that other load on the machine hardly changes. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

async function main(): Promise<void> {
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
  const seconds = Number(process.env.BENCH_SECONDS ?? 8);
  const runs = Number(process.env.BENCH_RUNS ?? 1);
  if (process.env.BENCH_BASE_URL && process.env.BENCH_TOKEN) {
    console.log(await measureApiWrites({ baseUrl: process.env.BENCH_BASE_URL, token: process.env.BENCH_TOKEN, connections, seconds }));
    return;
  }
  const claims = Number(process.env.BENCH_CLAIMS ?? 100_000);
  const { path, token } = await databaseWithToken(claims);
  const server = await startServer(path, process.env.BENCH_CPU_PROF);
  console.log(
    `POST /api/v1/claims: ${connections} connections, ${seconds} s, ${claims.toLocaleString('en')} claims in a WAL file database, server in its own process, Node ${process.version}`,
  );
  let lastPerSecond = 0;
  try {
    for (let run = 1; run <= runs; run++) {
      const writer = process.env.BENCH_SECOND_WRITER ? secondWriter(process.env.BENCH_SECOND_WRITER, path, seconds) : undefined;
      const cpuBefore = cpuSeconds(server.child.pid);
      const r = await measureApiWrites({ baseUrl: server.baseUrl, token, connections, seconds });
      const cpuPerClaim = ((cpuSeconds(server.child.pid) - cpuBefore) * 1000) / Math.max(r.ok, 1);
      lastPerSecond = r.perSecond;
      const note = writer ? `; ${await writer.stop()}` : '';
      console.log(
        `run ${run}: ${r.perSecond} claims/s, ${r.ok}/${r.requests} ok, ${r.failed} failed, p50 ${r.p50} ms, p99 ${r.p99} ms, status ${JSON.stringify(r.statusCodes)}, server CPU ${cpuPerClaim.toFixed(2)} ms/claim${note}`,
      );
      for (const f of r.failures) console.log(`  failure: ${f}`);
    }
    // The same server's /healthz in the same run: on a shared machine, the ratio says more than claims/s.
    const cpuBefore = cpuSeconds(server.child.pid);
    const health = await autocannon({ url: `${server.baseUrl}/healthz`, connections, duration: Math.min(seconds, 5) });
    const cpuPerRequest = ((cpuSeconds(server.child.pid) - cpuBefore) * 1000) / Math.max(health.requests.total, 1);
    console.log(
      `/healthz: ${Math.round(health.requests.average)} req/s, server CPU ${cpuPerRequest.toFixed(2)} ms/request (claims/s are ${(lastPerSecond / health.requests.average).toFixed(2)} of it)`,
    );
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(path, { force: true });
    rmSync(`${path}-wal`, { force: true });
    rmSync(`${path}-shm`, { force: true });
  }
}

if (require.main === module) {
  setTimeout(() => {
    console.error('bench:api-writes gave up after 15 minutes.');
    process.exit(1);
  }, 15 * 60_000).unref();
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
