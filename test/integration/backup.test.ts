import SqliteDatabase from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { backupDatabase } from '../../src/db/backup';
import { openDatabase } from '../../src/db/connection';
import { migrateToLatest } from '../../src/db/migrator';

// A writer on its own connection and thread, like the server: inserts rows one transaction at a
// time and reports the highest id it has had acknowledged (committed).
const WRITER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const insert = db.prepare("insert into login_failure (key, at) values ('load', ?)");
let stop = false;
parentPort.on('message', (m) => { if (m === 'stop') stop = true; });
function burst() {
  for (let i = 0; i < 20; i++) {
    const id = db.transaction(() => insert.run(new Date().toISOString()).lastInsertRowid)();
    parentPort.postMessage(Number(id));
  }
  if (stop) { db.close(); parentPort.postMessage('done'); } else setImmediate(burst);
}
burst();
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gainsay-backup-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

test('a backup taken under write load is consistent and holds every write acknowledged before it began', async () => {
  const file = join(dir, 'live.sqlite');
  const { db, sqlite } = openDatabase(file);
  await migrateToLatest(db);
  // Some bulk, so the copy takes more than one step.
  sqlite.exec(`with recursive n(i) as (select 1 union all select i + 1 from n where i < 20000)
    insert into login_failure (key, at) select 'bulk-' || i, '2026-01-01' from n`);
  const bulk = sqlite.prepare('select max(id) as n from login_failure').get() as { n: number };

  const worker = new Worker(WRITER, { eval: true, workerData: { file } });
  let acknowledged = 0;
  // An array, not a `let`: TypeScript does not see the callback assign it and would narrow a `let` to null.
  const failures: Error[] = [];
  const finished = new Promise<void>((resolve, reject) => {
    worker.on('message', (m) => (m === 'done' ? resolve() : (acknowledged = Math.max(acknowledged, m as number))));
    worker.on('error', (e) => {
      failures.push(e);
      reject(e);
    });
  });
  while (acknowledged < bulk.n + 200 && failures.length === 0) await new Promise((r) => setTimeout(r, 5));
  if (failures[0]) throw failures[0];

  const ackedBeforeBackup = acknowledged;
  const target = join(dir, 'copy.sqlite');
  await backupDatabase(sqlite, target);
  worker.postMessage('stop');
  await finished;
  await worker.terminate();
  await db.destroy();

  const copy = new SqliteDatabase(target, { readonly: true });
  expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
  const { n, max } = copy.prepare('select count(*) as n, max(id) as max from login_failure').get() as { n: number; max: number };
  expect(max).toBeGreaterThanOrEqual(ackedBeforeBackup);
  // A consistent snapshot: no gaps, every row up to the last one copied.
  expect(n).toBe(max);
  copy.close();
}, 30_000);

test('refuses to overwrite an existing file', async () => {
  const { db, sqlite } = openDatabase(join(dir, 'live.sqlite'));
  await migrateToLatest(db);
  await backupDatabase(sqlite, join(dir, 'copy.sqlite'));
  await expect(backupDatabase(sqlite, join(dir, 'copy.sqlite'))).rejects.toThrow('already exists');
  await db.destroy();
});
