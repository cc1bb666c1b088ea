// Benchmarks a dispute page against /healthz in the same run: `npm run bench:pages`.
// Starts the real app on loopback, on an in-memory copy of a migrated and seeded database.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import SqliteDatabase from 'better-sqlite3';
import autocannon from 'autocannon';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { wrapSqlite } from '../src/db/connection';
import { migrateToLatest } from '../src/db/migrator';
import { loadSeed, readSeedFile } from '../src/seed/seed';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

async function main(): Promise<void> {
  const { db } = wrapSqlite(new SqliteDatabase(':memory:'));
  await migrateToLatest(db);
  await db.transaction().execute((trx) => loadSeed(trx, readSeedFile()));
  const { slug } = await db.selectFrom('dispute').select('slug').where('question', 'like', 'Did Putin ask Trump%').executeTakeFirstOrThrow();

  const config = { ...loadConfig({ DATABASE_PATH: ':memory:', BASE_URL: 'http://127.0.0.1' }) };
  const app = createApp({ db, config });
  const server = await new Promise<Server>((done) => {
    const s = app.listen(0, '127.0.0.1', () => done(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const targets = [
    { name: '/healthz', url: `${base}/healthz` },
    { name: `/disputes/${slug}`, url: `${base}/disputes/${slug}` },
  ];
  console.log(`autocannon: ${CONNECTIONS} connections, ${DURATION} s per URL, loopback, Node ${process.version}`);
  const rows = [];
  for (const target of targets) {
    const r = await autocannon({ url: target.url, connections: CONNECTIONS, duration: DURATION, headers: { accept: 'text/html' } });
    if (r.non2xx || r.errors || r.timeouts) throw new Error(`${target.name}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
    rows.push({ url: target.name, 'req/s': Math.round(r.requests.average), 'p50 ms': r.latency.p50, 'p99 ms': r.latency.p99, requests: r.requests.total });
  }
  console.table(rows);
  const [health, page] = rows as [(typeof rows)[number], (typeof rows)[number]];
  console.log(`dispute page / healthz throughput: ${(page['req/s'] / health['req/s']).toFixed(2)} (${(health['req/s'] / page['req/s']).toFixed(1)}× slower)`);

  await new Promise((done) => server.close(done));
  await db.destroy();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
