// npm run bench [-- --quick] [--engine sqlite|postgres] [--only pages,exports,writes,live] [--repeat N]
//                 [--seconds N] [--connections N] [--regenerate] [--reload] [--compare-inserts]
// Builds (or reuses) the synthetic archive, then measures everything in one run against a server in
// its own process on loopback, and prints a table (also written as JSON under bench/results/).
// On PostgreSQL the corpus is loaded by COPY into a template database (bench/lib/postgres.ts).
import { copyFileSync, createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../src/db/connection';
import { migrateToLatest } from '../src/db/migrator';
import { openPostgres } from '../src/db/postgres';
import { importClaimsCsv } from '../src/imports/csv-import';
import { countFilteredClaims } from '../src/claims/claim-facet.repository';
import { generateCorpus, FULL_SCALE, GENERATOR_VERSION, latestMigration, QUICK_SCALE, type CorpusInfo } from './corpus/generate';
import { measureLoad, type LoadResult } from './lib/load';
import { resetPeakRss, rssOf, startServer, type RunningServer } from './lib/server';
import { formatTable, type Figure } from './lib/report';
import { measureApiWrites } from './api-writes';
import { firstViewAfterWrite, healthUnderSiege, mixedSoak, readerUrls, readersUnderWrites } from './live';
import { ADMIN_URL, corpusTemplate, createDatabase, dropDatabase, serverVersion, urlFor } from './lib/postgres';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SECONDS = option('seconds', quick ? 3 : 10);
const CONNECTIONS = option('connections', 50);
const API_CLIENTS = 16;
const IMPORT_ROWS = quick ? 10_000 : 100_000;
// About a tenth of the claims were said in these fourteen months: ~94,000 public rows in the full corpus.
const XLSX_FILTER = 'from=2020-01&to=2021-02';
const LIMIT_MINUTES = quick ? 60 : 120;
// The newsroom at work (bench/live.ts): seconds per reader run, and the mixed soak (10 minutes in full).
const LIVE_SECONDS = option('live-seconds', quick ? 6 : 20);
const SOAK_SECONDS = option('soak-seconds', quick ? 30 : 600);
const WRITES_PER_SECOND = 2;
// Only some parts, e.g. `--only live` or `--only pages,live`: pages (cache on and off), exports (CSV, XLSX,
// import), writes (API writes), live (the newsroom at work).
const SECTIONS = ['pages', 'exports', 'writes', 'live'] as const;
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1]!.split(',') : [...SECTIONS];
for (const part of ONLY) if (!(SECTIONS as readonly string[]).includes(part)) throw new Error(`--only takes ${SECTIONS.join(', ')}`);
const runs = (section: (typeof SECTIONS)[number]) => ONLY.includes(section);
// `--repeat N`: the readers with and without writes N times in the run, to show the spread of their ratio.
const REPEAT = option('repeat', 1);
const ENGINE = args.includes('--engine') ? args[args.indexOf('--engine') + 1] : 'sqlite';
if (ENGINE !== 'sqlite' && ENGINE !== 'postgres') throw new Error('--engine takes sqlite or postgres');
const MODE = quick ? 'quick' : 'full';
const RUN_DATABASE = `gainsay_bench_run_${MODE}`;

const DATA = join(__dirname, 'data');
const RESULTS = join(__dirname, 'results');
const mb = (bytes: number) => bytes / 1024 / 1024;

setTimeout(() => {
  console.error(`bench gave up after ${LIMIT_MINUTES} minutes.`);
  process.exit(1);
}, LIMIT_MINUTES * 60_000).unref();

/** The stored corpus when it was built by this generator at this scale, else a new one. */
async function corpus(): Promise<{ path: string; info: CorpusInfo; reused: boolean }> {
  const scale = quick ? QUICK_SCALE : FULL_SCALE;
  const path = join(DATA, `corpus-${quick ? 'quick' : 'full'}.sqlite`);
  if (!args.includes('--regenerate') && existsSync(path) && existsSync(`${path}.json`)) {
    const info = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as CorpusInfo;
    if (
      info.generator === GENERATOR_VERSION &&
      info.migration === latestMigration() &&
      JSON.stringify(info.scale) === JSON.stringify(scale)
    ) {
      return { path, info, reused: true };
    }
  }
  console.log(`Generating the ${quick ? 'quick' : 'full'} corpus (${scale.claims.toLocaleString('en')} claims) into ${path} …`);
  return { path, info: await generateCorpus(path, scale), reused: false };
}

/** Streams /claims.csv, sampling the server's memory; keeps the header and first rows for the import. */
async function measureCsvExport(server: RunningServer, rows: number, keepRows: number, keepPath: string) {
  resetPeakRss(server.pid);
  const before = rssOf(server.pid).rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(server.pid).rss)), 20);
  const keep = createWriteStream(keepPath);
  let records = 0;
  let inQuotes = false;
  let bytes = 0;
  const started = process.hrtime.bigint();
  const res = await fetch(`${server.baseUrl}/claims.csv`);
  if (!res.ok || !res.body) throw new Error(`/claims.csv answered ${res.status}`);
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    if (records > keepRows) continue;
    // Records end at a line break outside quotes (cells such as `sources` hold line breaks).
    let end = chunk.byteLength;
    for (let i = 0; i < chunk.byteLength; i++) {
      const byte = chunk[i]!;
      if (byte === 34) inQuotes = !inQuotes;
      else if (byte === 10 && !inQuotes && ++records === keepRows + 1) {
        end = i + 1;
        break;
      }
    }
    if (!keep.write(Buffer.from(chunk.buffer, chunk.byteOffset, end))) await once(keep, 'drain');
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  keep.end();
  await once(keep, 'finish');
  peak = Math.max(peak, rssOf(server.pid).peak);
  return { rows, seconds, perSecond: rows / seconds, bytes, peakRss: peak, rssBefore: before };
}

/** The run's database through the app's own code: the SQLite file, or the PostgreSQL copy. */
function openRunDatabase(databasePath: string): Db {
  return ENGINE === 'postgres' ? openPostgres(urlFor(RUN_DATABASE), { poolMax: 1 }).db : openDatabase(databasePath).db;
}

/** The number of rows a claims export of these filters has, counted by the app's own query. */
async function exportRows(databasePath: string, filters: Record<string, string>): Promise<number> {
  const db = openRunDatabase(databasePath);
  try {
    return await countFilteredClaims(db, filters, { publicOnly: true });
  } finally {
    await db.destroy();
  }
}

async function measureXlsx(server: RunningServer, databasePath: string) {
  const rows = await exportRows(databasePath, Object.fromEntries(new URLSearchParams(XLSX_FILTER)));
  const started = process.hrtime.bigint();
  const res = await fetch(`${server.baseUrl}/claims.xlsx?${XLSX_FILTER}`);
  let bytes = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
  if (!res.ok) throw new Error(`/claims.xlsx answered ${res.status}`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { rows, seconds, perSecond: rows / seconds, bytes };
}

/** Imports the CSV into an empty database; `withoutStamp` drops the content_version triggers first (their cost). */
async function measureImport(csvPath: string, { withoutStamp = false } = {}) {
  let db: Db;
  if (ENGINE === 'postgres') {
    db = openPostgres(await createDatabase(`gainsay_bench_import_${MODE}`), { poolMax: 2 }).db;
    await migrateToLatest(db);
    if (withoutStamp) {
      const { rows } = await sql<{ name: string; on: string }>`select tgname as name, tgrelid::regclass::text as on
        from pg_trigger where tgname like '%content_version%'`.execute(db);
      for (const t of rows) await sql.raw(`drop trigger "${t.name}" on ${t.on}`).execute(db);
    }
  } else {
    const path = join(DATA, `import-${MODE}.sqlite`);
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    const conn = openDatabase(path);
    db = conn.db;
    await migrateToLatest(db);
    if (withoutStamp) {
      const triggers = conn.sqlite
        .prepare(`select name from sqlite_master where type = 'trigger' and name like '%content_version%'`)
        .pluck()
        .all();
      for (const name of triggers) conn.sqlite.exec(`drop trigger "${String(name)}"`);
    }
  }
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const report = await importClaimsCsv(db, createReadStream(csvPath), { baseUrl: 'http://127.0.0.1' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // CPU time too: on a shared machine it moves less than the wall clock.
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  await db.destroy();
  if (ENGINE === 'postgres') await dropDatabase(`gainsay_bench_import_${MODE}`);
  if (!report.imported) throw new Error(`the import failed: ${JSON.stringify(report.errors.slice(0, 3))}`);
  return { rows: report.rows, seconds, cpuSeconds, perSecond: report.rows / seconds };
}

async function main() {
  const loadAtStart = loadavg();
  mkdirSync(DATA, { recursive: true });
  mkdirSync(RESULTS, { recursive: true });
  const { path, info, reused } = await corpus();
  console.log(
    `Corpus: ${Object.entries(info.counts)
      .map(([k, v]) => `${v.toLocaleString('en')} ${k}`)
      .join(', ')} (${reused ? 'reused' : `built in ${info.seconds.toFixed(0)} s`}).`,
  );
  const figures: Figure[] = [];
  // The API writes change the database: every run measures a fresh copy of the stored corpus.
  const runPath = join(DATA, `run-${MODE}.sqlite`);
  let engineEnv: Record<string, string> = {};
  if (ENGINE === 'postgres') {
    const template = await corpusTemplate(path, info, MODE, {
      reload: args.includes('--reload'),
      compareInserts: args.includes('--compare-inserts'),
    });
    for (const l of template.loads) {
      figures.push({
        name: `corpus loaded into PostgreSQL by ${l.method} (${l.rows.toLocaleString('en')} rows, ${l.seconds.toFixed(1)} s; vacuum analyze ${(l.analyzeSeconds ?? 0).toFixed(1)} s)${l.method === 'COPY' && template.reused ? ', when the template was built' : ''}`,
        value: l.perSecond,
        unit: 'rows/s',
      });
      console.log(`  load by ${l.method}: ${l.rows} rows in ${l.seconds.toFixed(1)} s (${Math.round(l.perSecond)} rows/s)`);
    }
    engineEnv = { DATABASE_URL: await createDatabase(RUN_DATABASE, template.name) };
    console.log(
      `Engine: PostgreSQL ${await serverVersion()} (${new URL(ADMIN_URL).host}), database ${RUN_DATABASE} copied from ${template.name}.`,
    );
  } else {
    for (const suffix of ['', '-wal', '-shm']) rmSync(runPath + suffix, { force: true });
    copyFileSync(path, runPath);
    console.log(`Engine: SQLite (${runPath}, a copy of the corpus).`);
  }
  const start = (env: Record<string, string> = {}) => startServer(runPath, { ...engineEnv, ...env });

  let server = await start();
  figures.push({ name: 'cold start (ready on /healthz)', value: server.coldStartMs, unit: 'ms' });
  console.log(
    `Server ready in ${server.coldStartMs.toFixed(0)} ms; autocannon: ${CONNECTIONS} connections, ${SECONDS} s per URL, loopback, Node ${process.version}.`,
  );
  try {
    const s = info.sample;
    if (runs('pages')) {
      // uncachedTarget: issue 11's target for rendering from the database (page cache off).
      const pages: Array<{ name: string; path: string; target?: Figure['target']; uncachedTarget?: Figure['target'] }> = [
        { name: '/healthz', path: '/healthz' },
        { name: 'dispute page', path: `/disputes/${s.disputeSlug}`, target: { ratio: 0.6, p99: 50 }, uncachedTarget: { ratio: 0.4 } },
        { name: 'claim page', path: `/claims/${s.claimId}`, target: { ratio: 0.6, p99: 50 }, uncachedTarget: { ratio: 0.4 } },
        { name: '/claims, 2 filters + facets', path: `/claims?verdict=${s.verdict}&topic=${s.topicSlug}`, target: { p99: 150 } },
        { name: `/search common word (${info.commonWord})`, path: `/search?q=${info.commonWord}`, target: { p50: 20, p99: 100 } },
        { name: `/search rare word (${info.rareWordQuery})`, path: `/search?q=${info.rareWordQuery}` },
      ];
      let health: LoadResult | undefined;
      for (const page of pages) {
        const url = server.baseUrl + page.path;
        // The first request after start renders from the database: no page, facet or count is kept yet.
        // A page past its query budget (QUERY_TIMEOUT_MS) is answered 503 with Retry-After: asked again
        // after that pause, as a reader would, the wait counted in the first view.
        const firstStarted = process.hrtime.bigint();
        let first = await fetch(url);
        for (let attempt = 1; first.status === 503 && attempt < 5; attempt++) {
          await first.arrayBuffer();
          console.log(`  ${page.name}: first request answered 503; asking again`);
          await new Promise((r) => setTimeout(r, Math.min(5, Number(first.headers.get('retry-after')) || 1) * 1000));
          first = await fetch(url);
        }
        await first.text();
        const firstMs = Number(process.hrtime.bigint() - firstStarted) / 1e6;
        if (!first.ok) throw new Error(`${page.path} answered ${first.status}`);
        await measureLoad({ url, connections: CONNECTIONS, seconds: Math.min(1, SECONDS) }); // warm-up, not counted
        const r = await measureLoad({ url, connections: CONNECTIONS, seconds: SECONDS });
        health ??= r;
        figures.push({
          name: page.name,
          value: r.perSecond,
          unit: 'req/s',
          p50: r.p50,
          p99: r.p99,
          ratio: r.perSecond / health.perSecond,
          failed: r.failed,
          target: page.target,
          firstMs,
        });
        console.log(
          `  ${page.name}: first (uncached) ${firstMs.toFixed(0)} ms; ${Math.round(r.perSecond)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${r.failed ? `, ${r.failed} FAILED` : ''}`,
        );
      }

      // The same pages with the page cache off, at 10 connections: what rendering from the database costs
      // (facet counts and totals are still kept between requests, as in production).
      await server.stop();
      server = await start({ PAGE_CACHE_MB: '0' });
      let uncachedHealth: LoadResult | undefined;
      for (const page of pages) {
        const url = server.baseUrl + page.path;
        await measureLoad({ url, connections: 10, seconds: Math.min(1, SECONDS) });
        const r = await measureLoad({ url, connections: 10, seconds: Math.max(2, SECONDS / 2) });
        uncachedHealth ??= r;
        figures.push({
          name: `  page cache off, 10 conn.: ${page.name}`,
          value: r.perSecond,
          unit: 'req/s',
          p50: r.p50,
          p99: r.p99,
          ratio: r.perSecond / uncachedHealth.perSecond,
          failed: r.failed,
          target: page.uncachedTarget,
        });
        console.log(`  cache off: ${page.name}: ${Math.round(r.perSecond)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`);
      }
    }

    if (runs('exports')) {
      // The export runs in a freshly started server, so its memory is the export's, not the page caches'.
      await server.stop();
      server = await start();
      const keepPath = join(DATA, `import-${IMPORT_ROWS}.csv`);
      const csv = await measureCsvExport(server, await exportRows(runPath, {}), IMPORT_ROWS, keepPath);
      figures.push({
        name: `CSV export, all public claims (${csv.rows.toLocaleString('en')}, ${mb(csv.bytes).toFixed(0)} MB)`,
        value: csv.perSecond,
        unit: 'rows/s',
        peakRssMb: mb(csv.peakRss),
        rssBeforeMb: mb(csv.rssBefore),
        target: { perSecond: 300_000, peakRssMb: 250 },
      });
      console.log(
        `  CSV export: ${csv.rows} rows in ${csv.seconds.toFixed(1)} s; server RSS ${mb(csv.rssBefore).toFixed(0)} MB before, peak ${mb(csv.peakRss).toFixed(0)} MB`,
      );

      const xlsx = await measureXlsx(server, runPath);
      figures.push({ name: `XLSX export (${xlsx.rows.toLocaleString('en')} rows, ${XLSX_FILTER})`, value: xlsx.perSecond, unit: 'rows/s' });
      console.log(`  XLSX export: ${xlsx.rows} rows in ${xlsx.seconds.toFixed(1)} s`);

      const imported = await measureImport(keepPath);
      figures.push({
        name: `CSV import (${imported.rows.toLocaleString('en')} rows, empty database)`,
        value: imported.perSecond,
        unit: 'rows/s',
        target: { perSecond: 50_000 },
      });
      console.log(`  CSV import: ${imported.rows} rows in ${imported.seconds.toFixed(1)} s`);
      const unstamped = await measureImport(keepPath, { withoutStamp: true });
      figures.push({
        name: `  the same import without the change-stamp triggers (CPU ${unstamped.cpuSeconds.toFixed(1)} s vs ${imported.cpuSeconds.toFixed(1)} s with)`,
        value: unstamped.perSecond,
        unit: 'rows/s',
      });
      console.log(`  CSV import without the change-stamp triggers: ${unstamped.rows} rows in ${unstamped.seconds.toFixed(1)} s`);
    }

    if (runs('writes')) {
      const writes = await measureApiWrites({ baseUrl: server.baseUrl, token: info.apiToken, connections: API_CLIENTS, seconds: SECONDS });
      figures.push({
        name: `API writes, POST /api/v1/claims (${API_CLIENTS} clients)`,
        value: writes.perSecond,
        unit: 'claims/s',
        p50: writes.p50,
        p99: writes.p99,
        failed: writes.failed,
        target: { perSecond: 1_500, failed: 0 },
      });
      console.log(`  API writes: ${writes.ok} created, ${writes.failed} failed`);
    }

    if (runs('live')) await newsroomAtWork();
  } finally {
    await server.stop();
  }

  /** The newsroom at work (bench/live.ts): a fresh server on the same copy, which the writes above have grown. */
  async function newsroomAtWork() {
    const s = info.sample;
    await server.stop();
    server = await start();
    // The URLs come from the stored corpus, so both engines read the same pages.
    const paths = readerUrls(path, { common: info.commonWord, rare: info.rareWordQuery });
    const ratios: number[] = [];
    for (let round = 1; round <= REPEAT; round++) {
      const rw = await readersUnderWrites(server, info.apiToken, paths, {
        connections: 10,
        seconds: LIVE_SECONDS,
        writesPerSecond: WRITES_PER_SECOND,
      });
      const of = REPEAT > 1 ? ` [${round}/${REPEAT}]` : '';
      figures.push({
        name: `readers (10 conn., ${paths.length} URLs), no writes${of}`,
        value: rw.quiet.perSecond,
        unit: 'req/s',
        p50: rw.quiet.p50,
        p99: rw.quiet.p99,
        failed: rw.quiet.failed,
      });
      figures.push({
        name: `readers with ${WRITES_PER_SECOND} API writes/s (${rw.writes.ok} written, ${rw.writes.failed} failed, write p99 ${rw.writes.p99.toFixed(0)} ms)${of}`,
        value: rw.busy.perSecond,
        unit: 'req/s',
        p50: rw.busy.p50,
        p99: rw.busy.p99,
        ratio: rw.busy.perSecond / rw.quiet.perSecond,
        failed: rw.busy.failed,
        target: { ratio: 0.8, p99: Math.max(1, 2 * rw.quiet.p99) },
      });
      ratios.push(rw.busy.perSecond / rw.quiet.perSecond);
      console.log(
        `  readers${of}: ${Math.round(rw.quiet.perSecond)} req/s (p99 ${rw.quiet.p99} ms) without writes, ${Math.round(rw.busy.perSecond)} req/s (p99 ${rw.busy.p99} ms) with ${WRITES_PER_SECOND}/s; ${rw.writes.ok} writes`,
      );
    }
    if (REPEAT > 1)
      console.log(`  readers' ratio with/without writes over ${REPEAT} rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')}`);

    const filtered = `/claims?verdict=${s.verdict}&topic=${s.topicSlug}`;
    const topics = paths.filter((p) => p.startsWith('/topics/')).map((p) => decodeURIComponent(p.slice('/topics/'.length)));
    const fv = await firstViewAfterWrite(server, info.apiToken, filtered, topics.length ? topics : [s.topicSlug], quick ? 5 : 10);
    const firstView = (name: string, r: { median: number; max: number }, target?: number) =>
      figures.push({ name, value: r.median, unit: 'ms (median)', p99: r.max, target: target ? { p99: target } : undefined });
    firstView(
      `first view after a write: a list readers had open, anonymous (max in p99; ${fv.staleServed}/${fv.rounds} served kept)`,
      fv.kept,
      300,
    );
    firstView('first view after a write: a filter set nobody asked for yet, anonymous', fv.fresh, 300);
    firstView(
      `first view after a write: the list as the journalist who wrote sees it${fv.busy ? ` (${fv.busy} writes answered 503 and sent again)` : ''}`,
      fv.signedIn,
    );
    console.log(
      `  first view after a write: kept ${fv.kept.median.toFixed(0)} ms, new ${fv.fresh.median.toFixed(0)} ms, signed in ${fv.signedIn.median.toFixed(0)} ms (medians)`,
    );

    const siege = await healthUnderSiege(server, LIVE_SECONDS);
    figures.push({
      name: `/healthz while 4 pathological searches and 2 full exports run (${siege.probes} probes, ${siege.unanswered} unanswered, max ${siege.max.toFixed(0)} ms; searches ${JSON.stringify(siege.searches)}, exports ${JSON.stringify(siege.exports)})`,
      value: siege.probes / LIVE_SECONDS,
      unit: 'req/s',
      p50: siege.p50,
      p99: siege.p99,
      failed: siege.unanswered,
      target: { p99: 100 },
    });
    console.log(
      `  /healthz under siege: p99 ${siege.p99.toFixed(0)} ms, max ${siege.max.toFixed(0)} ms over ${siege.probes} probes; searches ${JSON.stringify(siege.searches)}, exports ${JSON.stringify(siege.exports)}`,
    );

    // The soak starts from a fresh server: its memory is the soak's.
    await server.stop();
    server = await start();
    const soak = await mixedSoak(server, info.apiToken, paths, SOAK_SECONDS, info.commonWord);
    figures.push({
      name: `RSS after a ${SOAK_SECONDS} s mixed soak (${Math.round(soak.readers.perSecond + soak.explorers.perSecond)} req/s, ${soak.writes.ok} writes)`,
      value: mb(soak.after),
      unit: 'MB',
      peakRssMb: mb(soak.peak),
      rssBeforeMb: mb(soak.before),
      failed: soak.readers.failed + soak.explorers.failed + soak.writes.failed,
    });
    console.log(
      `  soak: RSS ${mb(soak.before).toFixed(0)} MB before, peak ${mb(soak.peak).toFixed(0)} MB, ${mb(soak.after).toFixed(0)} MB after; samples ${soak.samples.map((b) => mb(b).toFixed(0)).join(' ')}`,
    );
  }

  const loadAtEnd = loadavg();
  const result = {
    when: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    engine: ENGINE,
    // The machine's load average (1, 5, 15 min) when the run began and ended: other work shares the cores.
    load: { start: loadAtStart, end: loadAtEnd },
    node: process.version,
    seconds: SECONDS,
    connections: CONNECTIONS,
    corpus: info.counts,
    figures,
  };
  const file = join(RESULTS, `${result.when.replace(/[:.]/g, '-')}-${result.mode}-${ENGINE}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2));
  const loads = (l: number[]) => l.map((x) => x.toFixed(2)).join(', ');
  console.log(
    `\n${ENGINE === 'postgres' ? 'PostgreSQL' : 'SQLite'}, ${result.mode} run; load average at start ${loads(loadAtStart)}, at end ${loads(loadAtEnd)}\n` +
      `${formatTable(figures, quick)}\n\nWritten to ${file}`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
