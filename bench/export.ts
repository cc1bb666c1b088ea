// npm run bench:export — CSV export of 100,000 and then 1,000,000 claims through the code path of
// /claims.csv (exportClaims), into a counting stream: rows per second and peak RSS of each.
// BENCH_XLSX=1 measures the XLSX export (/claims.xlsx) of the 100,000 instead, and stops there
// (in its own process: the workbook writer's memory would blur the peak RSS of the CSV runs).
import { Writable } from 'node:stream';
import { exportClaims } from '../src/claims/claim-export.service';
import type { ExportFormat } from '../src/exports/formats';
import { addClaims, benchDatabase } from './fixture';

const LIMIT_MS = 15 * 60_000;
setTimeout(() => {
  console.error(`bench:export gave up after ${LIMIT_MS / 60_000} minutes.`);
  process.exit(1);
}, LIMIT_MS).unref();

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Counts bytes and samples RSS on every chunk, since the export never yields to timers. */
class CountingSink extends Writable {
  bytes = 0;
  peakRss = 0;
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void) {
    this.bytes += chunk.length;
    const rss = process.memoryUsage.rss();
    if (rss > this.peakRss) this.peakRss = rss;
    setImmediate(done); // asynchronous like a socket, so back-pressure is exercised
  }
}

async function measure(label: string, conn: Awaited<ReturnType<typeof benchDatabase>>['conn'], format: ExportFormat = 'csv') {
  global.gc?.();
  const sink = new CountingSink({ highWaterMark: 64 * 1024 });
  const startRss = process.memoryUsage.rss();
  const started = process.hrtime.bigint();
  const rows = await exportClaims({ db: conn.db, format, filters: {}, out: sink, ctx: { baseUrl: 'https://gainsay.example' } });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `${label}: ${rows.toLocaleString('en')} rows, ${mb(sink.bytes)} of ${format.toUpperCase()} in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds).toLocaleString('en')} rows/s; ` +
      `RSS before ${mb(startRss)}, peak during export ${mb(sink.peakRss)}`,
  );
  return sink.peakRss;
}

async function main() {
  const { conn } = await benchDatabase();
  let t = Date.now();
  addClaims(conn.sqlite, 100_000);
  console.log(`fixture: 100,000 claims in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  if (process.env.BENCH_XLSX) {
    await measure('100k', conn, 'xlsx');
    return conn.db.destroy();
  }
  const peak100k = await measure('100k', conn);
  t = Date.now();
  addClaims(conn.sqlite, 900_000, 100_000);
  console.log(`fixture: +900,000 claims in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  const peak1m = await measure('1M  ', conn);
  console.log(`peak RSS difference 1M − 100k: ${mb(peak1m - peak100k)}`);
  await conn.db.destroy();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
