import request from 'supertest';
import type { Connection } from '../../src/db/connection';
import { describeReport } from '../../src/imports/import-report';
import { runImport } from '../../src/imports/import.service';
import { testApp } from '../helpers/app';
import { freshDatabase } from '../helpers/db';

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
