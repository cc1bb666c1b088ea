// npm run bench:import — import of 100,000 claims-CSV rows into an empty database: rows per second.
// BENCH_ROWS changes the count; BENCH_NO_STAMP=1 drops the change-stamp triggers first (their cost).
// The file is written first and read as the command line reads it (a file stream), so the clock
// measures the import and not the generator.
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { csvLine } from '../src/exports/formats';
import { claimTable } from '../src/claims/claim.table';
import { importClaimsCsv } from '../src/imports/csv-import';
import { benchDatabase } from './fixture';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
setTimeout(() => {
  console.error('bench:import gave up after 10 minutes.');
  process.exit(1);
}, 10 * 60_000).unref();

function* csvFile(): Generator<string> {
  yield csvLine(claimTable.columns.map((c) => c.name));
  const names = claimTable.columns.map((c) => c.name);
  for (let n = 0; n < ROWS; n++) {
    const rated = n % 3 === 0;
    const row: Record<string, string | number | null> = {
      id: null,
      url: null,
      claimant: `Claimant ${n % 200}`,
      claimant_slug: `claimant-${n % 200}`,
      claimant_kind: n % 2 ? 'person' : 'organisation',
      said_on: `2025-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`,
      said_precision: 'day',
      said_where: 'interview',
      kind: 'statement',
      review_due_on: null,
      text: `Claim number ${n}: the Kremlin says that Putin pressed Trump to end all foreign military aid.`,
      quote: `Het Kremlin verklaarde (${n}).`,
      quote_language: 'nl',
      topics: `Topic ${n % 20}`,
      verdict: rated ? 'mostly-false' : 'unverified',
      verdict_label: null,
      verdict_rationale: rated ? 'The readout and the interview contradict each other.' : null,
      state: 'published',
      disputes: null,
      sources: null,
      citations_json: JSON.stringify([
        {
          role: 'made_in',
          excerpt: null,
          source: {
            outlet: `Outlet ${n % 50}`,
            title: `Report ${n % 2000}`,
            url: `https://news.example/${n % 2000}`,
            published_on: '2025-03-18',
            language: 'en',
            archive_url: null,
            retrieved_on: null,
          },
        },
      ]),
      links_json: '[]',
      disputes_json: '[]',
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    };
    yield csvLine(names.map((name) => row[name] ?? null));
  }
}

async function writeFile(path: string): Promise<void> {
  const out = createWriteStream(path);
  for (const line of csvFile()) if (!out.write(line)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

async function main() {
  const { conn, path } = await benchDatabase();
  if (process.env.BENCH_NO_FTS) conn.sqlite.exec('drop trigger claim_fts_insert');
  // BENCH_NO_STAMP=1: without the content_version triggers, to see what the change stamp costs an import.
  if (process.env.BENCH_NO_STAMP) {
    for (const name of conn.sqlite
      .prepare(`select name from sqlite_master where type = 'trigger' and name like '%content_version%'`)
      .pluck()
      .all())
      conn.sqlite.exec(`drop trigger "${String(name)}"`);
  }
  const file = join(dirname(path), 'claims.csv');
  await writeFile(file);
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const report = await importClaimsCsv(conn.db, createReadStream(file), { baseUrl: 'https://gainsay.example' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // CPU time too: on a shared machine it moves less than the wall clock (it leaves out waiting for a core).
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  if (report.errors.length) console.error(report.errors.slice(0, 5));
  console.log(
    `import: ${report.counts.claims_created.toLocaleString('en')} claims (${report.counts.sources_created} sources, ${report.counts.claimants_created} claimants) in ${seconds.toFixed(1)} s = ` +
      `${Math.round(report.rows / seconds).toLocaleString('en')} rows/s (CPU ${cpuSeconds.toFixed(1)} s = ${Math.round(report.rows / cpuSeconds).toLocaleString('en')} rows/s); peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  await conn.db.destroy();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
