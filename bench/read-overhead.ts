// What the SQLite seam costs per query: a point select on the main thread (DATABASE_READERS=0, as
// before the seam) against the same select sent to a reader worker and back, one at a time and 16 at
// once, and a chunk of an export (1,000 claims as arrays) both ways. Prints figures; asserts nothing.
// Run: npx tsx bench/read-overhead.ts
import { performance } from 'node:perf_hooks';
import { findClaimRecords } from '../src/claims/claim-export.repository';
import { openDatabase } from '../src/db/connection';
import { addClaims, benchDatabase } from './fixture';

const ROUNDS = 5000;

async function measure(readers: number, path: string) {
  const { db } = openDatabase(path, { readers });
  const point = (id: number) => db.selectFrom('claim').select(['id', 'text', 'verdict']).where('id', '=', id).executeTakeFirst();
  for (let i = 1; i <= 500; i++) await point(i); // warm: readers started, statements prepared
  let t = performance.now();
  for (let i = 1; i <= ROUNDS; i++) await point((i % 10_000) + 1);
  const serial = ((performance.now() - t) * 1000) / ROUNDS;
  t = performance.now();
  for (let i = 0; i < ROUNDS / 16; i++) await Promise.all(Array.from({ length: 16 }, (_, j) => point(((i * 16 + j) % 10_000) + 1)));
  const parallel = ((performance.now() - t) * 1000) / ROUNDS;
  const ids = Array.from({ length: 1000 }, (_, i) => i + 1);
  await findClaimRecords(db, ids, { publicOnly: true });
  t = performance.now();
  for (let i = 0; i < 20; i++) await findClaimRecords(db, ids, { publicOnly: true });
  const chunk = (performance.now() - t) / 20;
  await db.destroy();
  return { serial, parallel, chunk };
}

async function main() {
  const { conn, path } = await benchDatabase();
  addClaims(conn.sqlite, 10_000);
  await conn.db.destroy();
  const main = await measure(0, path);
  const pooled = await measure(2, path);
  const row = (name: string, r: typeof main) =>
    `${name.padEnd(28)} ${r.serial.toFixed(1).padStart(8)} µs ${r.parallel.toFixed(1).padStart(8)} µs ${r.chunk.toFixed(1).padStart(8)} ms`;
  console.log(`${''.padEnd(28)} ${'1 at once'.padStart(11)} ${'16 at once'.padStart(11)} ${'1000 records'.padStart(11)}`);
  console.log(row('main thread (READERS=0)', main));
  console.log(row('2 reader workers', pooled));
}

void main();
