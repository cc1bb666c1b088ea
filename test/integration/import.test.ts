import { sql } from 'kysely';
import request from 'supertest';
import { createApp } from '../../src/app';
import type { Connection } from '../../src/db/connection';
import { importClaimReviews } from '../../src/imports/claimreview-import';
import { importClaimsCsv } from '../../src/imports/csv-import';
import { insertClaimant } from '../../src/claimants/claimant.repository';
import { csvLine } from '../../src/exports/formats';
import { testApp, testConfig, type TestApp } from '../helpers/app';
import { freshDatabase, itPostgresOnly, itSqliteOnly, testEngine } from '../helpers/db';

let t: TestApp;
let empty: Connection;
const baseUrl = 'http://gainsay.test';
beforeEach(async () => {
  t = await testApp({ signedInAs: 'editor' });
  empty = await freshDatabase();
});
afterEach(async () => {
  expect(t.errors).toEqual([]);
  await t.db.destroy();
  await empty.db.destroy();
});

async function counts(conn: Connection) {
  const out: Record<string, number> = {};
  for (const table of ['claim', 'claimant', 'source', 'topic', 'citation', 'dispute', 'claim_link'] as const) {
    out[table] = Number(
      (
        await conn.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  }
  return out;
}

const HEADER = 'claimant,claimant_kind,said_on,text,verdict,verdict_rationale,state,topics';

describe('CSV import', () => {
  it('finds an existing claimant by name as the desk does: trimmed, NFC, any case', async () => {
    const emile = await insertClaimant(t.db, { name: 'Émile Dupont', kind: 'person' });
    const before = await counts(t);
    const decomposed = 'E\u0301MILE DUPONT';
    const csv = [
      `id,${HEADER}`,
      `,"  ÉMILE Dupont ",person,2025-03-18,The first claim by Émile,unverified,,draft,`,
      `,${decomposed},person,2025-03-19,The second claim by Émile,unverified,,draft,`,
    ].join('\n');
    const report = await importClaimsCsv(t.db, csv, { baseUrl });
    expect(report.errors).toEqual([]);
    expect(report.counts).toMatchObject({ claims_created: 2, claimants_created: 0 });
    expect(await counts(t)).toEqual({ ...before, claim: before.claim! + 2 });
    const claimants = await t.db.selectFrom('claim').select('claimant_id').where('text', 'like', 'The % claim by Émile').execute();
    expect(claimants).toEqual([{ claimant_id: emile.id }, { claimant_id: emile.id }]);
  });

  it('round trip: export → import into an empty database → export is byte-identical', async () => {
    await t.db.updateTable('claim').set({ said_where: '=cmd|"/c calc"!A1' }).where('id', '=', 2).execute();
    const before = (await request(t.app).get('/claims.csv').expect(200)).text;
    const report = await importClaimsCsv(empty.db, before, { baseUrl });
    expect(report.errors).toEqual([]);
    expect(report.imported).toBe(true);
    const after = (
      await request(createApp({ db: empty.db, config: testConfig() }))
        .get('/claims.csv')
        .expect(200)
    ).text;
    expect(after).toBe(before);
    const disputesBefore = (await request(t.app).get('/disputes.csv')).text.split('\r\n').length;
    const disputesAfter = (await request(createApp({ db: empty.db, config: testConfig() })).get('/disputes.csv')).text.split('\r\n').length;
    expect(disputesAfter).toBe(disputesBefore);
    // A second import finds every claim unchanged.
    const again = await importClaimsCsv(empty.db, before, { baseUrl });
    expect(again.counts).toMatchObject({ claims_created: 0, claims_updated: 0, claims_unchanged: report.counts.claims_created });
  });

  it('indexes every imported claim for search exactly once and keeps the search trigger', async () => {
    const trigger = async () =>
      Number(
        (
          await (
            testEngine === 'postgres'
              ? sql<{ n: number }>`select count(*) as n from pg_trigger where tgname = 'claim_fts_insert' and tgenabled <> 'D'`
              : sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'trigger' and name = 'claim_fts_insert'`
          ).execute(empty.db)
        ).rows[0]!.n,
      );
    const indexed = async () =>
      (await sql<{ ref_id: number }>`select ref_id from search_fts where kind = 'claim' order by ref_id`.execute(empty.db)).rows.map((r) =>
        Number(r.ref_id),
      );
    // The same id twice: created by the first row, updated by the second.
    const csv = `id,${HEADER}\n7,Kremlin,government,2025-03-18,Putin spoke of a pause,unverified,,published,\n7,Kremlin,government,2025-03-18,Putin spoke of a longer pause,unverified,,published,\n,Trump,person,2025,Aid was not discussed,unverified,,published,\n`;
    await importClaimsCsv(empty.db, csv, { baseUrl, dryRun: true });
    expect(await trigger()).toBe(1);
    expect(await indexed()).toEqual([]);
    const report = await importClaimsCsv(empty.db, csv, { baseUrl });
    expect(report.errors).toEqual([]);
    expect(await trigger()).toBe(1);
    const ids = (await empty.db.selectFrom('claim').select('id').orderBy('id').execute()).map((r) => r.id);
    expect(ids).toHaveLength(2);
    expect(await indexed()).toEqual(ids);
    const hits = await (
      testEngine === 'postgres'
        ? sql<{ title: string }>`select title from search_fts where document @@ to_tsquery('gainsay_search', 'longer')`
        : sql<{ title: string }>`select title from search_fts where search_fts match 'longer'`
    ).execute(empty.db);
    expect(hits.rows.map((r) => r.title)).toEqual(['Putin spoke of a longer pause']);
    // A claim added later is indexed by the trigger again.
    await empty.db
      .insertInto('claim')
      .values({
        claimant_id: (await empty.db.selectFrom('claimant').select('id').orderBy('id').executeTakeFirstOrThrow()).id,
        text: 'After the import',
        kind: 'statement',
        verdict: 'unverified',
        state: 'draft',
        version: 1,
        created_at: 'x',
        updated_at: 'x',
      })
      .execute();
    expect(await indexed()).toHaveLength(3);
  });

  itPostgresOnly('takes new claim ids from the sequence, keeps free ids from the file and moves the sequence past them', async () => {
    const row = (id: string, text: string) => `${id},Kremlin,government,2025,${text},unverified,,published,`;
    await importClaimsCsv(empty.db, [`id,${HEADER}`, row('', 'one'), row('', 'two'), row('', 'three')].join('\n'), { baseUrl });
    const first = (await empty.db.selectFrom('claim').select('id').orderBy('id').execute()).map((r) => r.id);
    await empty.db.deleteFrom('claim').where('id', '=', first[2]!).execute();
    const high = first[2]! + 1000;
    const report = await importClaimsCsv(empty.db, [`id,${HEADER}`, row(String(high), 'far'), row('', 'next')].join('\n'), { baseUrl });
    expect(report.errors).toEqual([]);
    expect(report.counts).toMatchObject({ claims_created: 2 });
    const rows = await empty.db.selectFrom('claim').select(['id', 'text']).orderBy('id').execute();
    expect(rows.map((r) => r.text)).toEqual(['one', 'two', 'far', 'next']);
    expect(rows.find((r) => r.text === 'far')!.id).toBe(high);
    // Neither the deleted claim's id nor one at or below the file's id comes again.
    const claimant = (await empty.db.selectFrom('claimant').select('id').executeTakeFirstOrThrow()).id;
    const later = await empty.db
      .insertInto('claim')
      .values({ claimant_id: claimant, text: 'later', created_at: 'x', updated_at: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(later.id).toBeGreaterThan(high);
  });

  itSqliteOnly('gives new claims the ids SQLite would: after the largest ever used, past ids in the file, across batches', async () => {
    const ids = async () =>
      (await empty.db.selectFrom('claim').select(['id', 'text']).orderBy('id').execute()).map((r) => `${r.id}:${r.text}`);
    const row = (id: string, text: string) => `${id},Kremlin,government,2025,${text},unverified,,published,`;
    // Claim 3 deleted: AUTOINCREMENT never hands its id out again.
    await importClaimsCsv(empty.db, [`id,${HEADER}`, row('', 'one'), row('', 'two'), row('', 'three')].join('\n'), { baseUrl });
    await empty.db.deleteFrom('claim').where('id', '=', 3).execute();
    // Row 3 names id 4, which row 2 was given first: as before batching, row 3 updates that claim.
    // A file id beyond the counter moves it on (10, then 11); ids in the file that are free keep their id (7).
    const csv = [`id,${HEADER}`, row('', 'four'), row('4', 'four again'), row('10', 'ten'), row('', 'eleven'), row('7', 'seven')].join(
      '\n',
    );
    const report = await importClaimsCsv(empty.db, csv, { baseUrl });
    expect(report.errors).toEqual([]);
    expect(report.counts).toMatchObject({ claims_created: 4, claims_updated: 1 });
    expect(await ids()).toEqual(['1:one', '2:two', '4:four again', '7:seven', '10:ten', '11:eleven']);
    // More rows than one batch: every claim gets its topic and citation rows.
    const many = [
      `${HEADER}`,
      ...Array.from({ length: 600 }, (_, i) => `Kremlin,government,2025,Claim ${i},unverified,,published,T${i % 3};Other`),
    ].join('\n');
    const big = await importClaimsCsv(empty.db, many, { baseUrl });
    expect(big.counts.claims_created).toBe(600);
    expect((await counts(empty)).claim).toBe(606);
    const topicRows = await sql<{ n: number }>`select count(*) as n from claim_topic`.execute(empty.db);
    expect(Number(topicRows.rows[0]!.n)).toBe(1200);
    expect((await ids()).at(-1)).toBe('611:Claim 599');
  });

  it('a dry run reports what it would do and changes nothing', async () => {
    const csv = (await request(t.app).get('/claims.csv').expect(200)).text;
    const report = await importClaimsCsv(empty.db, csv, { baseUrl, dryRun: true });
    expect(report.imported).toBe(false);
    expect(report.counts.claims_created).toBeGreaterThan(0);
    expect(report.counts.disputes_created).toBeGreaterThan(0);
    expect(Object.values(await counts(empty)).every((n) => n === 0)).toBe(true);
  });

  it('reports bad rows with row, column and message, and imports nothing', async () => {
    const csv = [
      HEADER,
      'Kremlin,government,2025-03-18,A good claim,unverified,,published,Ceasefire',
      'Kremlin,government,2025-02-30,Bad date,unverified,,published,',
      ',person,2025,No claimant,false,,published,',
      'Kremlin,robot,2025-03,Bad kind,maybe,,published,',
    ].join('\r\n');
    const before = await counts(t);
    const report = await importClaimsCsv(t.db, csv, { baseUrl });
    expect(report.imported).toBe(false);
    expect(report.errors).toEqual(
      expect.arrayContaining([
        { row: 3, column: 'said_on', message: expect.stringContaining('YYYY-MM-DD') },
        { row: 4, column: 'claimant', message: 'The claimant is required.' },
        { row: 4, column: 'verdict_rationale', message: 'A verdict needs a rationale.' },
        { row: 5, column: 'claimant_kind', message: expect.stringContaining('must be one of') },
      ]),
    );
    expect(await counts(t)).toEqual(before);

    const skipped = await importClaimsCsv(t.db, csv, { baseUrl, skipBadRows: true });
    expect(skipped.imported).toBe(true);
    expect(skipped.skipped).toBe(3);
    expect(skipped.counts.claims_created).toBe(1);
    expect((await counts(t)).claim).toBe(before.claim! + 1);
  });

  it('reports an unknown verdict and a file that is not a claims CSV', async () => {
    const r1 = await importClaimsCsv(t.db, `${HEADER}\nKremlin,government,,Text,bogus,why,published,`, { baseUrl });
    expect(r1.errors).toEqual([{ row: 2, column: 'verdict', message: expect.stringContaining('"bogus" is not on the verdict scale') }]);
    const r2 = await importClaimsCsv(t.db, 'name,age\nx,1', { baseUrl });
    expect(r2.errors[0]).toMatchObject({ row: 1, column: 'claimant' });
    const r3 = await importClaimsCsv(t.db, `${HEADER}\nKremlin,"unclosed`, { baseUrl });
    expect(r3.imported).toBe(false);
    expect(r3.errors[0]!.message).toMatch(/not valid CSV/);
  });

  it('updates a claim whose id and url are ours', async () => {
    const csv = (await request(t.app).get('/claims.csv?claimant=kremlin').expect(200)).text;
    const edited = csv.replace(/phone-call readout/, 'phone-call readout (edited)');
    const report = await importClaimsCsv(t.db, edited, { baseUrl, dryRun: true });
    expect(report.counts.claims_updated).toBe(1);
    expect(report.counts.claims_created).toBe(0);
  });

  // The importer writes new claimants, links and disputes in batches and looks up what they point at
  // in one query per few thousand: each must still come out as if written one by one.
  it('adds links and disputes once, to claims in the file or the database, and finds a claimant it created by name', async () => {
    const known = await t.db.selectFrom('claim').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
    const link = await t.db
      .selectFrom('claim_link')
      .select(['from_claim_id', 'to_claim_id', 'type'])
      .orderBy('id')
      .limit(1)
      .executeTakeFirstOrThrow();
    const takenDispute = await t.db.selectFrom('dispute').select(['slug', 'question']).orderBy('id').limit(1).executeTakeFirstOrThrow();
    const [a, b] = [900_001, 900_002];
    const ref = (slug: string, claimA: number, claimB: number) => ({
      slug,
      question: `Who is right about ${slug}?`,
      summary: null,
      status: 'open',
      state: 'published',
      side: 'a',
      claim_a_id: claimA,
      claim_b_id: claimB,
    });
    const row = (id: number, claimant: string, slug: string, links: unknown[], disputes: unknown[]) =>
      csvLine([
        id,
        claimant,
        slug,
        'person',
        `Claim ${id} about the harbour`,
        'published',
        JSON.stringify(links),
        JSON.stringify(disputes),
      ]);
    const csv = [
      csvLine(['id', 'claimant', 'claimant_slug', 'claimant_kind', 'text', 'state', 'links_json', 'disputes_json']),
      row(
        a,
        'Batch Person',
        'batch-person',
        [
          { type: 'contradicts', to_claim_id: b, note: null },
          { type: 'contradicts', to_claim_id: b, note: 'the same link again' },
          { type: 'supports', to_claim_id: known.id, note: null },
          { type: 'supports', to_claim_id: a, note: 'to itself' },
          { type: 'supports', to_claim_id: 999_999, note: 'to nothing' },
        ],
        [ref('harbour-new', a, known.id), { ...ref(takenDispute.slug, a, b), question: 'Not this one' }, ref('harbour-gone', a, 999_998)],
      ),
      row(b, '  batch PERSON ', '', [], []),
      // An existing claim, its link given again.
      row(link.from_claim_id, 'Batch Person', 'batch-person', [{ type: link.type, to_claim_id: link.to_claim_id, note: null }], []),
    ].join('');
    const before = await counts(t);
    const report = await importClaimsCsv(t.db, csv, { baseUrl });
    expect(report.errors).toEqual([]);
    expect(report.counts).toMatchObject({
      claims_created: 2,
      claims_updated: 1,
      claimants_created: 1,
      links_created: 2,
      disputes_created: 1,
    });
    expect(report.warnings).toEqual([
      'row 2: the link to claim 999999 was left out: that claim is not in the file or the database.',
      'row 2: the dispute "harbour-gone" was left out: one of its claims is not in the file or the database.',
    ]);
    const after = await counts(t);
    expect(after).toMatchObject({
      claim: before.claim! + 2,
      claimant: before.claimant! + 1,
      claim_link: before.claim_link! + 2,
      dispute: before.dispute! + 1,
    });
    const claimants = await t.db.selectFrom('claim').select('claimant_id').where('id', 'in', [a, b, link.from_claim_id]).execute();
    expect(new Set(claimants.map((c) => c.claimant_id)).size).toBe(1);
    const links = await t.db
      .selectFrom('claim_link')
      .select(['to_claim_id', 'type'])
      .where('from_claim_id', '=', a)
      .orderBy('to_claim_id')
      .execute();
    expect(links).toEqual(
      [
        { to_claim_id: b, type: 'contradicts' },
        { to_claim_id: known.id, type: 'supports' },
      ].sort((x, y) => x.to_claim_id - y.to_claim_id),
    );
    const disputes = await t.db
      .selectFrom('dispute')
      .select(['slug', 'question', 'claim_a_id', 'claim_b_id'])
      .where('slug', 'in', ['harbour-new', takenDispute.slug])
      .orderBy('slug')
      .execute();
    expect(disputes).toEqual(
      [
        { slug: 'harbour-new', question: 'Who is right about harbour-new?', claim_a_id: a, claim_b_id: known.id },
        { slug: takenDispute.slug, question: takenDispute.question, claim_a_id: expect.any(Number), claim_b_id: expect.any(Number) },
      ].sort((x, y) => (x.slug < y.slug ? -1 : 1)),
    );
  });
});

describe('ClaimReview import', () => {
  it('imports a feed as draft claims with verdicts, de-duplicated by review URL', async () => {
    await t.db.updateTable('claim').set({ verdict: 'false', verdict_rationale: 'No.' }).where('id', '=', 1).execute();
    const feed = (await request(t.app).get('/claimreview.json').expect(200)).text;
    const n = JSON.parse(feed).dataFeedElement.length;
    const report = await importClaimReviews(empty.db, feed, { baseUrl: 'http://other.test' });
    expect(report.errors).toEqual([]);
    expect(report.counts.claims_created).toBe(n);
    const claim = await empty.db
      .selectFrom('claim')
      .selectAll()
      .where('claim_review_url', '=', `${baseUrl}/claims/1`)
      .executeTakeFirstOrThrow();
    expect(claim).toMatchObject({ verdict: 'false', state: 'draft', said_on: '2025-03-18' });
    const again = await importClaimReviews(empty.db, feed, { baseUrl: 'http://other.test' });
    expect(again.counts).toMatchObject({ claims_created: 0, claims_unchanged: n });
  });

  it('reads the script tags of an HTML page, and reports bad reviews', async () => {
    const html = `<html><head><script type="application/ld+json">${JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: 'https://factcheck.example/1',
      claimReviewed: 'The moon is cheese.',
      reviewRating: { '@type': 'Rating', ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: 'Pants on fire' },
      author: { '@type': 'Organization', name: 'Example Checks' },
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Person', name: 'A. Person' },
        datePublished: '2024-05',
        firstAppearance: { '@type': 'CreativeWork', url: 'https://news.example/a', headline: 'A said it' },
      },
    })}</script><script type="application/ld+json">{"@type":"ClaimReview","url":"https://factcheck.example/2"}</script></head></html>`;
    const strict = await importClaimReviews(empty.db, html, { baseUrl });
    expect(strict.imported).toBe(false);
    expect(strict.errors).toEqual(
      expect.arrayContaining([
        { row: 2, column: 'claimReviewed', message: expect.any(String) },
        { row: 2, column: 'reviewRating', message: expect.any(String) },
      ]),
    );
    const lenient = await importClaimReviews(empty.db, html, { baseUrl, skipBadRows: true });
    expect(lenient.counts.claims_created).toBe(1);
    const claim = await empty.db.selectFrom('claim').selectAll().executeTakeFirstOrThrow();
    expect(claim).toMatchObject({
      verdict: 'false',
      said_on: '2024-05-01',
      said_precision: 'month',
      claim_review_url: 'https://factcheck.example/1',
    });
    expect((await counts(empty)).citation).toBe(1);
  });
});

describe('/desk/import', () => {
  it('shows the form, runs a dry run and reports bad rows escaped', async () => {
    await request(t.app).get('/desk/import').expect(200);
    const content = `${HEADER}\n<b>Kremlin</b>,robot,2025,<script>x</script>,unverified,,published,`;
    const res = await request(t.app).post('/desk/import').type('form').send({ content, action: 'import' }).expect(422);
    expect(res.text).toContain('Nothing was imported');
    expect(res.text).toContain('<td>claimant_kind</td>');
    expect(res.text).not.toContain('<script>x</script>');
    const ok = `${HEADER}\nKremlin,government,2025,New claim from the desk,unverified,,draft,`;
    const dry = await request(t.app).post('/desk/import').type('form').send({ content: ok, action: 'dry-run' }).expect(200);
    expect(dry.text).toContain('Dry run: nothing was written');
    const done = await request(t.app).post('/desk/import').type('form').send({ content: ok, action: 'import' }).expect(200);
    expect(done.text).toContain('<h2 id="report-label">Imported</h2>');
    await request(t.app).post('/desk/import').type('form').send({ content: '' }).expect(422);
  });

  it('takes a raw CSV body and answers with a JSON report', async () => {
    const res = await request(t.app)
      .post('/desk/import?dry_run=1')
      .set('Content-Type', 'text/csv')
      .send(`${HEADER}\nKremlin,government,2025,Raw,unverified,,draft,`)
      .expect(200);
    expect(res.body.report).toMatchObject({ dryRun: true, imported: false, counts: { claims_created: 1 } });
  });
  it('reports what it left out in the editor’s language, and counts warnings past the limit in one line', async () => {
    const links = (ids: number[]) => JSON.stringify(ids.map((id) => ({ type: 'supports', to_claim_id: id, note: null })));
    const csv = [
      csvLine(['claimant', 'text', 'links_json', 'disputes_json']),
      csvLine(['Kremlin', 'A claim linking to nothing', links([999_991, 999_992, 999_993]), '[]']),
    ].join('');
    const dutch = await request(t.app).post('/desk/import?dry_run=1&lang=nl').set('Content-Type', 'text/csv').send(csv).expect(200);
    expect(dutch.body.report.warnings).toEqual([
      'regel 2: de koppeling naar bewering 999991 is weggelaten: die bewering staat niet in het bestand en niet in de database.',
      'regel 2: de koppeling naar bewering 999992 is weggelaten: die bewering staat niet in het bestand en niet in de database.',
      'regel 2: de koppeling naar bewering 999993 is weggelaten: die bewering staat niet in het bestand en niet in de database.',
    ]);
    const capped = await importClaimsCsv(t.db, csv, { baseUrl, dryRun: true, maxErrors: 2 });
    expect(capped.warnings).toEqual([
      'row 2: the link to claim 999991 was left out: that claim is not in the file or the database.',
      'row 2: the link to claim 999992 was left out: that claim is not in the file or the database.',
      '… and 1 more warning(s) like these, left out of this report.',
    ]);
  });
  it('skips an appearance whose address cannot be read, instead of failing the import', async () => {
    const review = (appearance: unknown) => ({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: 'https://factcheck.example/3',
      claimReviewed: 'The sea is lemonade.',
      reviewRating: { '@type': 'Rating', ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: 'False' },
      author: { '@type': 'Organization', name: 'Example Checks' },
      itemReviewed: { '@type': 'Claim', author: { '@type': 'Person', name: 'B. Person' }, appearance },
    });
    for (const appearance of ['https://[bad', { '@type': 'CreativeWork', url: 'https://[bad', headline: 'B said it' }]) {
      const report = await importClaimReviews(empty.db, JSON.stringify(review(appearance)), { baseUrl, dryRun: true });
      expect(report.errors).toEqual([]);
      expect(report.counts.claims_created).toBe(1);
      expect(report.counts.sources_created).toBe(0);
    }
  });
});
