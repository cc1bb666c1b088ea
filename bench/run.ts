// npm run bench [-- --quick] [--seconds N] [--connections N] [--regenerate]
// Builds (or reuses) the synthetic archive, then measures everything in one run against a server in
// its own process on loopback, and prints a table (also written as JSON under bench/results/).
import { copyFileSync, createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { openDatabase } from '../src/db/connection';
import { migrateToLatest } from '../src/db/migrator';
import { importClaimsCsv } from '../src/imports/csv-import';
import { countFilteredClaims } from '../src/claims/claim-facet.repository';
import { generateCorpus, FULL_SCALE, GENERATOR_VERSION, latestMigration, QUICK_SCALE, type CorpusInfo } from './corpus/generate';
import { measureLoad, type LoadResult } from './lib/load';
import { resetPeakRss, rssOf, startServer, type RunningServer } from './lib/server';
import { formatTable, type Figure } from './lib/report';
import { measureApiWrites } from './api-writes';
import { firstViewAfterWrite, healthUnderSiege, mixedSoak, readerUrls, readersUnderWrites } from './live';

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
// Only some parts: `--only live` skips the page, export and import figures (the live ones need the corpus only).
const ONLY = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;

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

/** The number of rows a claims export of these filters has, counted by the app's own query. */
async function exportRows(databasePath: string, filters: Record<string, string>): Promise<number> {
  const conn = openDatabase(databasePath);
  try {
    return await countFilteredClaims(conn.db, filters, { publicOnly: true });
  } finally {
    await conn.db.destroy();
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
  const path = join(DATA, 'import.sqlite');
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const conn = openDatabase(path);
  await migrateToLatest(conn.db);
  if (withoutStamp) {
    const triggers = conn.sqlite
      .prepare(`select name from sqlite_master where type = 'trigger' and name like '%content_version%'`)
      .pluck()
      .all();
    for (const name of triggers) conn.sqlite.exec(`drop trigger "${String(name)}"`);
  }
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const report = await importClaimsCsv(conn.db, createReadStream(csvPath), { baseUrl: 'http://127.0.0.1' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // CPU time too: on a shared machine it moves less than the wall clock.
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  await conn.db.destroy();
  if (!report.imported) throw new Error(`the import failed: ${JSON.stringify(report.errors.slice(0, 3))}`);
  return { rows: report.rows, seconds, cpuSeconds, perSecond: report.rows / seconds };
}

async function main() {
  mkdirSync(DATA, { recursive: true });
  mkdirSync(RESULTS, { recursive: true });
  const { path, info, reused } = await corpus();
  console.log(
    `Corpus: ${Object.entries(info.counts)
      .map(([k, v]) => `${v.toLocaleString('en')} ${k}`)
      .join(', ')} (${reused ? 'reused' : `built in ${info.seconds.toFixed(0)} s`}).`,
  );
  // The API writes change the database: every run measures a fresh copy of the stored corpus.
  const runPath = join(DATA, 'run.sqlite');
  for (const suffix of ['', '-wal', '-shm']) rmSync(runPath + suffix, { force: true });
  copyFileSync(path, runPath);

  const figures: Figure[] = [];
  let server = await startServer(runPath);
  figures.push({ name: 'cold start (ready on /healthz)', value: server.coldStartMs, unit: 'ms' });
  console.log(
    `Server ready in ${server.coldStartMs.toFixed(0)} ms; autocannon: ${CONNECTIONS} connections, ${SECONDS} s per URL, loopback, Node ${process.version}.`,
  );
  try {
    const s = info.sample;
    if (ONLY !== 'live') {
      const pages: Array<{ name: string; path: string; target?: Figure['target'] }> = [
        { name: '/healthz', path: '/healthz' },
        { name: 'dispute page', path: `/disputes/${s.disputeSlug}`, target: { ratio: 0.6, p99: 50 } },
        { name: 'claim page', path: `/claims/${s.claimId}`, target: { ratio: 0.6, p99: 50 } },
        { name: '/claims, 2 filters + facets', path: `/claims?verdict=${s.verdict}&topic=${s.topicSlug}`, target: { p99: 150 } },
        { name: `/search common word (${info.commonWord})`, path: `/search?q=${info.commonWord}`, target: { p50: 20, p99: 100 } },
        { name: `/search rare word (${info.rareWordQuery})`, path: `/search?q=${info.rareWordQuery}` },
      ];
      let health: LoadResult | undefined;
      for (const page of pages) {
        const url = server.baseUrl + page.path;
        // The first request after start renders from the database: no page, facet or count is kept yet.
        const firstStarted = process.hrtime.bigint();
        const first = await fetch(url);
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
      server = await startServer(runPath, { PAGE_CACHE_MB: '0' });
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
        });
        console.log(`  cache off: ${page.name}: ${Math.round(r.perSecond)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`);
      }

      // The export runs in a freshly started server, so its memory is the export's, not the page caches'.
      await server.stop();
      server = await startServer(runPath);
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

    // The newsroom at work: a fresh server on the same copy, which the writes above have grown.
    await server.stop();
    server = await startServer(runPath);
    const paths = readerUrls(runPath, { common: info.commonWord, rare: info.rareWordQuery });
    const rw = await readersUnderWrites(server, info.apiToken, paths, {
      connections: 10,
      seconds: LIVE_SECONDS,
      writesPerSecond: WRITES_PER_SECOND,
    });
    figures.push({
      name: `readers (10 conn., ${paths.length} URLs), no writes`,
      value: rw.quiet.perSecond,
      unit: 'req/s',
      p50: rw.quiet.p50,
      p99: rw.quiet.p99,
      failed: rw.quiet.failed,
    });
    figures.push({
      name: `readers with ${WRITES_PER_SECOND} API writes/s (${rw.writes.ok} written, ${rw.writes.failed} failed, write p99 ${rw.writes.p99.toFixed(0)} ms)`,
      value: rw.busy.perSecond,
      unit: 'req/s',
      p50: rw.busy.p50,
      p99: rw.busy.p99,
      ratio: rw.busy.perSecond / rw.quiet.perSecond,
      failed: rw.busy.failed,
      target: { ratio: 0.8, p99: Math.max(1, 2 * rw.quiet.p99) },
    });
    console.log(
      `  readers: ${Math.round(rw.quiet.perSecond)} req/s (p99 ${rw.quiet.p99} ms) without writes, ${Math.round(rw.busy.perSecond)} req/s (p99 ${rw.busy.p99} ms) with ${WRITES_PER_SECOND}/s; ${rw.writes.ok} writes`,
    );

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
    firstView('first view after a write: the list as the journalist who wrote sees it', fv.signedIn);
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
    server = await startServer(runPath);
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
  } finally {
    await server.stop();
  }

  const result = {
    when: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    node: process.version,
    seconds: SECONDS,
    connections: CONNECTIONS,
    corpus: info.counts,
    figures,
  };
  const file = join(RESULTS, `${result.when.replace(/[:.]/g, '-')}-${result.mode}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2));
  console.log(`\n${formatTable(figures, quick)}\n\nWritten to ${file}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
