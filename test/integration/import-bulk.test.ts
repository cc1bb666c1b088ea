import { sql } from 'kysely';
import { Readable } from 'node:stream';
import type { Connection } from '../../src/db/connection';
import { importClaimsCsv } from '../../src/imports/csv-import';
import { ImportWriter } from '../../src/imports/import.repository';
import { describeSqliteOnly, freshDatabase } from '../helpers/db';

// Large imports take other paths than small ones: rows are written in batches, new sources wait in
// batches with counted ids, and past 2,000 new claims the plain indexes of claim, claim_topic and
// citation are dropped and built again at the end. These tests cross those boundaries.

const baseUrl = 'http://gainsay.test';
const HEADER = 'claimant,claimant_slug,said_on,text,quote,verdict,verdict_rationale,state,topics,citations_json';
let db: Connection;
beforeEach(async () => {
  db = await freshDatabase({ seed: true });
});
afterEach(async () => {
  await db.db.destroy();
});

const citation = (n: number) =>
  JSON.stringify([
    {
      role: 'made_in',
      excerpt: null,
      source: {
        outlet: `Outlet ${n % 7}`,
        title: `Report ${n % 300}`,
        url: `https://news.example/${n % 300}`,
        published_on: '2025-03-18',
        language: 'en',
        archive_url: null,
        retrieved_on: null,
      },
    },
  ]);
const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
function row(n: number, text = `Bulk claim ${n} about the ceasefire`): string {
  return [
    `Claimant ${n % 5}`,
    `bulk-claimant-${n % 5}`,
    '2025-03-18',
    text,
    `Quote ${n}`,
    n % 2 ? 'false' : 'unverified',
    n % 2 ? 'Checked.' : '',
    'published',
    `Bulk ${n % 3}; Ceasefire`,
    citation(n),
  ]
    .map(csvCell)
    .join(',');
}
const file = (rows: string[]) => `${HEADER}\r\n${rows.join('\r\n')}\r\n`;

async function snapshot() {
  const one = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(db.db)).rows;
  return {
    tables: await one(sql<{
      name: string;
      n: number;
    }>`select 'claim' as name, count(*) as n from claim union all select 'citation', count(*) from citation
      union all select 'claim_topic', count(*) from claim_topic union all select 'source', count(*) from source
      union all select 'claimant', count(*) from claimant union all select 'topic', count(*) from topic union all select 'search_fts', count(*) from search_fts`),
    schema: await one(
      sql<{ type: string; name: string; sql: string | null }>`select type, name, sql from sqlite_master order by type, name`,
    ),
    sequences: await one(sql<{ name: string; seq: number }>`select name, seq from sqlite_sequence order by name`),
  };
}

describeSqliteOnly('large CSV imports (SQLite: indexes dropped and rebuilt, ids as AUTOINCREMENT gives them)', () => {
  it('imports more rows than a batch and than the index threshold, streamed in small chunks, with indexes, search and ids as row-by-row inserts would leave them', async () => {
    // A deleted source: new sources must not reuse its id.
    const deleted = await db.db
      .insertInto('source')
      .values({ outlet: 'Gone', title: 'Gone', url: 'https://gone.example/', created_at: 'x', updated_at: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.db.deleteFrom('source').where('id', '=', deleted.id).execute();
    const before = await snapshot();
    const rows = Array.from({ length: 2600 }, (_, n) => row(n));
    const text = file(rows);
    // Chunks of 1,000 characters cut records, quoted cells and the JSON in them anywhere.
    const chunks = Array.from({ length: Math.ceil(text.length / 1000) }, (_, i) => Buffer.from(text.slice(i * 1000, (i + 1) * 1000)));
    const report = await importClaimsCsv(db.db, Readable.from(chunks), { baseUrl });
    expect(report.errors).toEqual([]);
    expect(report.counts).toMatchObject({ claims_created: 2600, sources_created: 300, claimants_created: 5, topics_created: 3 });

    const after = await snapshot();
    expect(after.schema).toEqual(before.schema);
    const count = (s: typeof before, name: string) => Number(s.tables.find((t) => t.name === name)!.n);
    expect(count(after, 'claim') - count(before, 'claim')).toBe(2600);
    expect(count(after, 'citation') - count(before, 'citation')).toBe(2600);
    expect(count(after, 'claim_topic') - count(before, 'claim_topic')).toBe(5200);
    expect(count(after, 'search_fts') - count(before, 'search_fts')).toBe(2600 + 300);

    // New sources are numbered after the deleted one, in the order the file names them.
    const sources = await db.db
      .selectFrom('source')
      .select(['id', 'url'])
      .where('url', 'like', 'https://news.example/%')
      .orderBy('id')
      .execute();
    expect(sources.map((s) => s.id)).toEqual(Array.from({ length: 300 }, (_, i) => deleted.id + 1 + i));
    expect(sources.slice(0, 2).map((s) => s.url)).toEqual(['https://news.example/0', 'https://news.example/1']);
    // Every claim kept its citation, topics and search row; the rebuilt indexes answer queries.
    const last = await db.db.selectFrom('claim').select(['id', 'text']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last.text).toBe('Bulk claim 2599 about the ceasefire');
    const cited = await sql<{
      url: string;
    }>`select s.url from citation c indexed by citation_source_idx join source s on s.id = c.source_id where c.claim_id = ${last.id}`.execute(
      db.db,
    );
    expect(cited.rows).toEqual([{ url: 'https://news.example/199' }]);
    const hits = await sql<{ ref_id: number }>`select ref_id from search_fts where search_fts match '"Bulk claim 2599"'`.execute(db.db);
    expect(hits.rows.map((r) => Number(r.ref_id))).toEqual([last.id]);
    const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db.db);
    expect(integrity.rows).toEqual([{ integrity_check: 'ok' }]);
    const fkProblems = await sql`pragma foreign_key_check`.execute(db.db);
    expect(fkProblems.rows).toEqual([]);

    // The same file again: sources are found by URL, claims are new (no ids in the file).
    const again = await importClaimsCsv(db.db, text, { baseUrl });
    expect(again.counts).toMatchObject({ claims_created: 2600, sources_created: 0, claimants_created: 0, topics_created: 0 });
  });

  it('a bad row in the middle of a batch, past the index threshold, leaves nothing saved and the schema as it was', async () => {
    const before = await snapshot();
    const rows = Array.from({ length: 2600 }, (_, n) => row(n));
    rows[2345] = row(2345, '');
    const report = await importClaimsCsv(db.db, file(rows), { baseUrl });
    expect(report.imported).toBe(false);
    expect(report.errors).toEqual([{ row: 2347, column: 'text', message: 'The text is required.' }]);
    expect(await snapshot()).toEqual(before);

    // A dry run of the good rows does all the work, past the threshold too, and also leaves nothing.
    rows[2345] = row(2345);
    const dry = await importClaimsCsv(db.db, file(rows), { baseUrl, dryRun: true });
    expect(dry.counts.claims_created).toBe(2600);
    expect(await snapshot()).toEqual(before);

    // Skipping the bad row saves all the others.
    rows[2345] = row(2345, '');
    const skipped = await importClaimsCsv(db.db, file(rows), { baseUrl, skipBadRows: true });
    expect(skipped).toMatchObject({ imported: true, skipped: 1 });
    expect(skipped.counts.claims_created).toBe(2599);
    const after = await snapshot();
    expect(after.schema).toEqual(before.schema);
  });

  it('malformed CSV after many good rows stops the import with the row named, and saves nothing', async () => {
    const before = await snapshot();
    const rows = Array.from({ length: 2600 }, (_, n) => row(n));
    rows[2500] = `${row(2500)},"not closed`;
    const report = await importClaimsCsv(db.db, file(rows), { baseUrl });
    expect(report.imported).toBe(false);
    expect(report.errors).toEqual([{ row: 2502, column: null, message: expect.stringContaining('not valid CSV') }]);
    expect(await snapshot()).toEqual(before);
  });

  it('every import path ends with the indexes it dropped built again (the writer, as the ClaimReview import uses it)', async () => {
    const before = await snapshot();
    await db.db.transaction().execute(async (trx) => {
      const writer = new ImportWriter(trx, '2026-01-01T00:00:00.000Z');
      const claimantId = await writer.claimantId('Kremlin', 'kremlin', 'government');
      const columns = {
        text: 'x',
        quote: null,
        quote_language: null,
        said_on: null,
        said_precision: null,
        said_where: null,
        kind: 'statement',
        review_due_on: null,
        verdict: 'unverified',
        verdict_rationale: null,
        state: 'draft',
        claim_review_url: null,
        created_at: 'x',
        updated_at: 'x',
      };
      for (let n = 0; n < 2300; n++) await writer.insertClaim(null, claimantId, { ...columns, text: `Review ${n}` }, [], []);
      await writer.finish();
    });
    expect((await snapshot()).schema).toEqual(before.schema);
  });
});
