import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { exportClaims } from '../../src/claims/claim-export.service';
import { readChangeStamp } from '../../src/db/change-stamp';
import { openDatabase, readerPoolOf, type Connection, type SqliteOptions } from '../../src/db/connection';
import { readSnapshot } from '../../src/db/snapshot';
import { addClaim } from '../helpers/claims';
import { describeSqliteOnly, freshDatabase } from '../helpers/db';

// The SQLite seam on a database FILE (in-memory databases have no readers): reads outside transactions
// run on reader workers, everything else on the writer; a read past its budget is stopped; an export
// reads one snapshot while the writer changes claims under it.

let dir: string;
const open: Connection[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gainsay-seam-'));
});

afterAll(async () => {
  for (const conn of open) await conn.db.destroy().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

let files = 0;
/** A seeded database file, opened with the reader pool. */
async function seededFile(options: SqliteOptions = {}): Promise<Connection> {
  const template = await freshDatabase({ seed: true });
  const file = join(dir, `db-${++files}.sqlite`);
  writeFileSync(file, template.sqlite.serialize());
  await template.db.destroy();
  const conn = openDatabase(file, options);
  open.push(conn);
  return conn;
}

const KYIV = 'A claim about Kyiv';

// The SQLite seam's own workers (src/db/sqlite-*.ts); on PostgreSQL the pool and statement_timeout do this.
describeSqliteOnly('routing', () => {
  it('reads on readers: they see every committed write at once, and never a transaction half-done', async () => {
    const { db } = await seededFile();
    expect(readerPoolOf(db)).toBeDefined();
    const count = async () =>
      Number(
        (
          await db
            .selectFrom('claim')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();

    await addClaim(db, 'kremlin', { text: KYIV });
    expect(await count()).toBe(before + 1);
    const { rows } = await sql<{ text: string }>`select text from claim where text = ${KYIV}`.execute(db);
    expect(rows).toEqual([{ text: KYIV }]);

    // While the writer holds an open transaction, reads outside it go to a reader (they would wait
    // for the writer otherwise) and see the last commit only.
    let release!: () => void;
    let updated!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const didUpdate = new Promise<void>((resolve) => (updated = resolve));
    const transaction = db.transaction().execute(async (trx) => {
      await trx.updateTable('claim').set({ text: 'Uncommitted' }).where('text', '=', KYIV).execute();
      updated();
      await held;
    });
    await didUpdate;
    expect(await db.selectFrom('claim').select('text').where('text', 'in', [KYIV, 'Uncommitted']).execute()).toEqual([{ text: KYIV }]);
    release();
    await transaction;
    expect(await db.selectFrom('claim').select('text').where('text', 'in', [KYIV, 'Uncommitted']).execute()).toEqual([
      { text: 'Uncommitted' },
    ]);
  });

  it('runs writes that look like reads, pragmas and connection state on the writer', async () => {
    const { db } = await seededFile();
    await sql`with t(slug, name) as (select 'cte-topic', 'CTE topic') insert into topic (slug, name) select slug, name from t`.execute(db);
    expect(await db.selectFrom('topic').select('name').where('slug', '=', 'cte-topic').execute()).toEqual([{ name: 'CTE topic' }]);
    await sql`pragma user_version = 42`.execute(db);
    expect((await sql<{ user_version: number }>`pragma user_version`.execute(db)).rows).toEqual([{ user_version: 42 }]);
    // The change stamp reads the writer's own counter of changes: it moves with every write.
    const stamp = await readChangeStamp(db);
    await db.updateTable('topic').set({ name: 'Renamed' }).where('slug', '=', 'cte-topic').execute();
    expect(await readChangeStamp(db)).not.toBe(stamp);
  });

  it('has no readers for an in-memory database', async () => {
    const conn = await freshDatabase();
    expect(readerPoolOf(conn.db)).toBeUndefined();
    await conn.db.destroy();
  });
});

describeSqliteOnly('budgets', () => {
  // About 1.5 s per million rows on this machine: far past the budget below.
  // About 2 s on a quiet machine, ten times the budgets below (2,000,000 rows took 193 ms, under the
  // budget on a quiet machine); a budget that failed to stop it lets it finish, and the test fail.
  const slow = sql<{
    n: number;
  }>`with recursive r(n) as (select 1 union all select n + 1 from r where n < 20000000) select count(*) as n from r`;

  it('stops a read past QUERY_TIMEOUT_MS with GAINSAY_QUERY_TIMEOUT, and the next read gets a fresh reader', async () => {
    const { db } = await seededFile({ queryTimeoutMs: 200, readers: 1 });
    await db.selectFrom('topic').select('id').limit(1).execute(); // the reader has started
    await expect(slow.execute(db)).rejects.toMatchObject({ code: 'GAINSAY_QUERY_TIMEOUT' });
    const pool = readerPoolOf(db)!;
    expect(pool.abandonedThreads).toBeLessThanOrEqual(pool.maxAbandoned);
    expect(await db.selectFrom('topic').select('slug').where('slug', '=', 'ceasefire').execute()).toEqual([{ slug: 'ceasefire' }]);
  });

  it('gives a snapshot the export budget, per read', async () => {
    const { db } = await seededFile({ exportTimeoutMs: 200 });
    await expect(readSnapshot(db, (snapshot) => slow.execute(snapshot))).rejects.toMatchObject({ code: 'GAINSAY_QUERY_TIMEOUT' });
    expect(
      await readSnapshot(db, (snapshot) => snapshot.selectFrom('topic').select('slug').where('slug', '=', 'ceasefire').execute()),
    ).toEqual([{ slug: 'ceasefire' }]);
  });
});

/** Collects an export; before its first chunk is accepted, runs `meanwhile` (the writer changing claims). */
class PausingCollector extends Writable {
  text = '';
  constructor(private meanwhile?: () => Promise<void>) {
    super();
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error) => void) {
    this.text += chunk.toString('utf8');
    const meanwhile = this.meanwhile;
    this.meanwhile = undefined;
    if (meanwhile) meanwhile().then(() => done(), done);
    else setImmediate(done);
  }
}

describeSqliteOnly('exports', () => {
  it('read one snapshot while claims change under them', async () => {
    const { db } = await seededFile();
    // Enough text for several 64 KB chunks of output, so the export is still reading when the writes land.
    for (let i = 0; i < 60; i++)
      await addClaim(db, 'kremlin', { text: `Claim ${i}`, quote: `${'word '.repeat(800)}${i}`, said_on: '2024-01-01' });
    const exportJson = async (out: PausingCollector) => {
      await exportClaims({ db, format: 'json', filters: {}, out, ctx: { baseUrl: 'https://gainsay.test' }, chunkSize: 5 });
      return out.text;
    };
    const before = await exportJson(new PausingCollector());
    const ids = (JSON.parse(before) as { rows: Array<{ id: number }> }).rows.map((r) => r.id);
    const [last, nextToLast] = [ids[ids.length - 1]!, ids[ids.length - 2]!];

    const during = await exportJson(
      new PausingCollector(async () => {
        await db.updateTable('claim').set({ state: 'draft' }).where('id', '=', last).execute();
        await db.updateTable('claim').set({ text: 'Changed mid-export' }).where('id', '=', nextToLast).execute();
        await addClaim(db, 'kremlin', { text: 'Published mid-export' });
      }),
    );
    expect(during).toEqual(before);

    const after = await exportJson(new PausingCollector());
    expect(after).not.toEqual(before);
    expect(after).toContain('Changed mid-export');
    expect(after).toContain('Published mid-export');
    expect((JSON.parse(after) as { rows: Array<{ id: number }> }).rows.map((r) => r.id)).not.toContain(last);
  }, 30_000);
});
