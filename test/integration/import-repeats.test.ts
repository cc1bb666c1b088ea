import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { openDatabase, readerPoolOf, type Connection } from '../../src/db/connection';
import { describeReport } from '../../src/imports/import-report';
import { runImport } from '../../src/imports/import.service';
import { testApp } from '../helpers/app';
import { describeSqliteOnly, freshDatabase } from '../helpers/db';

// The importer proposes a `repeats` link for each new claim that looks like a claim already logged.

const SEED_TEXT = 'Donald Trump says military aid was not discussed in his phone call with Vladimir Putin.';
const CSV = [
  'claimant,claimant_kind,said_on,text,verdict,verdict_rationale,state,topics',
  'Donald Trump,person,2025-03,Trump says military aid never came up in his phone call with Putin.,unverified,,draft,Military aid',
  'Port of Rotterdam,organisation,2025-03,The port handled a record tonnage of liquefied gas last year.,unverified,,draft,Energy',
  'Port authority,organisation,2025-03,The port handled a record tonnage of liquefied gas in the last year.,unverified,,draft,Energy',
].join('\n');
const CLAIMREVIEW = JSON.stringify({
  '@context': 'https://schema.org',
  '@type': 'ClaimReview',
  url: 'https://factcheck.example/trump-aid',
  claimReviewed: 'Military aid never came up in the phone call with Putin, Trump says.',
  itemReviewed: { '@type': 'Claim', author: { '@type': 'Person', name: 'Donald Trump' } },
  reviewRating: { '@type': 'Rating', ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: 'False' },
});

let conn: Connection;
let seedId: number;
beforeEach(async () => {
  conn = await freshDatabase({ seed: true });
  seedId = (await conn.db.selectFrom('claim').select('id').where('text', '=', SEED_TEXT).executeTakeFirstOrThrow()).id;
});
afterEach(() => conn.db.destroy());

test('a dry run proposes the seed claim for the reworded row, and nothing for the rows that only look like each other', async () => {
  const report = await runImport(conn.db, CSV, 'csv', { baseUrl: 'http://gainsay.test', dryRun: true });
  expect(report.repeats).toEqual([
    {
      row: 2,
      text: 'Trump says military aid never came up in his phone call with Putin.',
      claim_id: null,
      looks_like: [expect.objectContaining({ id: seedId, claimant: 'Donald Trump', text: SEED_TEXT })],
    },
  ]);
  expect(describeReport(report)).toContain(`possible repeat: row 2 looks like claim ${seedId} (Donald Trump: ${SEED_TEXT})`);
});

test('an import names the imported claim, and makes no link by itself', async () => {
  const report = await runImport(conn.db, CSV, 'csv', { baseUrl: 'http://gainsay.test' });
  const imported = await conn.db
    .selectFrom('claim')
    .select('id')
    .where('text', 'like', 'Trump says military aid never%')
    .executeTakeFirstOrThrow();
  expect(report.repeats.map((r) => r.claim_id)).toEqual([imported.id]);
  expect(await conn.db.selectFrom('claim_link').select('id').where('from_claim_id', '=', imported.id).execute()).toEqual([]);
});

test('ClaimReview imports propose links too', async () => {
  const report = await runImport(conn.db, CLAIMREVIEW, 'claimreview', { baseUrl: 'http://gainsay.test', dryRun: true });
  expect(report.errors).toEqual([]);
  expect(report.repeats).toHaveLength(1);
  expect(report.repeats[0]!.looks_like.map((l) => l.id)).toContain(seedId);
});

test('the desk import report lists the proposals, linked to the claims', async () => {
  const t = await testApp({ signedInAs: 'editor' });
  try {
    const res = await request(t.app).post('/desk/import').type('form').send({ content: CSV, action: 'import' }).expect(200);
    expect(res.text).toContain('Possible repeats');
    expect(res.text).toContain(`<a href="/desk/claims/${seedId}">#${seedId}</a>`);
    const nl = await request(t.app)
      .post('/desk/import')
      .set('Cookie', 'lang=nl')
      .type('form')
      .send({ content: CSV, action: 'dry-run' })
      .expect(200);
    expect(nl.text).toContain('Mogelijke herhalingen');
    expect(t.errors).toEqual([]);
  } finally {
    await t.db.destroy();
  }
});

// The comparisons are the importer's heavy reads (a search per new claim): they run after its
// transaction, as reads of their own within QUERY_TIMEOUT_MS. Shown on a database file whose one reader
// is held: the import itself (on the writer) goes through, the comparison gives up within its budget.
describeSqliteOnly('repeat detection within the read budget', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gainsay-import-budget-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the import and says which claims were not compared when no search finishes within QUERY_TIMEOUT_MS', async () => {
    const file = join(dir, 'db.sqlite');
    writeFileSync(file, conn.sqlite.serialize());
    const { db } = openDatabase(file, { readers: 1, queryTimeoutMs: 250 });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    try {
      await db.selectFrom('topic').select('id').limit(1).execute(); // the reader started
      const holding = readerPoolOf(db)!.lease(() => held, 60_000);
      const report = await runImport(db, CSV, 'csv', { baseUrl: 'http://gainsay.test' });
      release();
      await holding;
      expect(report.imported).toBe(true);
      expect(report.errors).toEqual([]);
      expect(report.repeats).toEqual([]);
      expect(report.warnings).toEqual([expect.stringContaining('Repeat detection stopped')]);
      expect(report.warnings[0]).toContain('3 new claim(s) were not compared');
      const imported = await db.selectFrom('claim').select('id').where('text', 'like', 'Trump says military aid never%').execute();
      expect(imported).toHaveLength(1);
      // With the reader free, the same comparison runs.
      const again = await runImport(db, CLAIMREVIEW, 'claimreview', { baseUrl: 'http://gainsay.test', dryRun: true });
      expect(again.warnings).toEqual([]);
      expect(again.repeats.map((r) => r.looks_like.map((l) => l.id))).toEqual([expect.arrayContaining([seedId])]);
    } finally {
      release();
      await db.destroy();
    }
  }, 20_000);
});
