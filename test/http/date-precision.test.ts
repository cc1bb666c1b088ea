// Issue 13, item 6: month and year precision everywhere — sources take month or year dates (desk, API,
// importer), every export keeps the precision, and the dispute timeline draws a month as a band.
import ExcelJS from 'exceljs';
import request from 'supertest';
import { createApp } from '../../src/app';
import type { Connection } from '../../src/db/connection';
import { insertLink } from '../../src/claims/link.repository';
import { importClaimsCsv } from '../../src/imports/csv-import';
import { testConfig, useTestApp, type TestApp } from '../helpers/app';
import { addClaim } from '../helpers/claims';
import { freshDatabase } from '../helpers/db';
import { fieldError, idFrom, postForm, rowCounts, shownValue } from '../helpers/desk';

let t: TestApp;
useTestApp((app) => (t = app), { signedInAs: 'editor' });

const AID = '/disputes/did-putin-ask-trump-to-stop-military-aid-to-kyiv';
const source = (id: number) => t.db.selectFrom('source').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** Text content without tags and with spaces squeezed: what a reader sees. */
const visible = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('a source’s publication date as a day, a month or a year', () => {
  it.each([
    ['2025-02-14', '2025-02-14', 'day'],
    ['2025-02', '2025-02-01', 'month'],
    ['2025', '2025-01-01', 'year'],
  ])('the desk form takes %s, stores %s as a %s and shows it back as typed', async (typed, on, precision) => {
    const res = await postForm(t.app, '/desk/sources/new', { outlet: 'Ipsos', title: 'Monthly poll', published_on: typed }).expect(303);
    const id = idFrom(res.headers.location);
    expect(await source(id)).toMatchObject({ published_on: on, published_precision: precision });
    const form = await request(t.app).get(`/desk/sources/${id}`).expect(200);
    expect(shownValue(form.text, 'f-published_on')).toBe(typed);
  });

  it('refuses a month that does not exist, naming the field in the journalist’s language, and saves nothing', async () => {
    const before = await rowCounts(t.db);
    const en = await postForm(t.app, '/desk/sources/new', { outlet: 'Ipsos', title: 'Poll', published_on: '2025-13' }).expect(422);
    expect(fieldError(en.text, 'f-published_on')).toBe('The publication date must be written as 2025-03-18, 2025-03 or 2025.');
    expect(shownValue(en.text, 'f-published_on')).toBe('2025-13');
    const nl = await postForm(t.app, '/desk/sources/new?lang=nl', { outlet: 'Ipsos', title: 'Poll', published_on: 'februari' }).expect(422);
    expect(fieldError(nl.text, 'f-published_on')).toBe('De publicatiedatum moet geschreven zijn als 2025-03-18, 2025-03 of 2025.');
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('the API takes YYYY-MM and answers with the first day and the precision; a precision sent apart is kept', async () => {
    const month = await request(t.app)
      .post('/api/v1/sources')
      .send({ outlet: 'Ipsos', title: 'Poll', published_on: '2025-02' })
      .expect(201);
    expect(month.body.data).toMatchObject({ published_on: '2025-02-01', published_precision: 'month' });
    // What a GET answers can be PUT back unchanged: the precision survives the round trip.
    const back = await request(t.app).put(`/api/v1/sources/${month.body.data.id}`).send(month.body.data).expect(200);
    expect(back.body.data).toMatchObject({ published_on: '2025-02-01', published_precision: 'month' });
    const year = await request(t.app)
      .post('/api/v1/sources')
      .send({ outlet: 'Ipsos', title: 'Annual report', published_on: '2024-06-30', published_precision: 'year' })
      .expect(201);
    expect(year.body.data).toMatchObject({ published_on: '2024-01-01', published_precision: 'year' });
  });

  it('the API refuses a precision finer than the date, naming the field', async () => {
    const res = await request(t.app)
      .post('/api/v1/sources')
      .send({ outlet: 'Ipsos', title: 'Poll', published_on: '2025-02', published_precision: 'day' })
      .expect(422);
    expect(JSON.stringify(res.body)).toContain('published_precision');
    expect(JSON.stringify(res.body)).toContain('names a month or a year');
    const bad = await request(t.app)
      .post('/api/v1/sources')
      .send({ outlet: 'Ipsos', title: 'Poll', published_on: '2025-02-30' })
      .expect(422);
    expect(JSON.stringify(bad.body)).toContain('published_on');
  });

  it('readers see the month on the source page and on the claim card, as a month', async () => {
    const fox = await t.db.selectFrom('source').select('id').where('outlet', '=', 'Fox News').executeTakeFirstOrThrow();
    await t.db.updateTable('source').set({ published_on: '2025-03-01', published_precision: 'month' }).where('id', '=', fox.id).execute();
    const page = await request(t.rawApp).get(`/sources/${fox.id}`).expect(200);
    expect(page.text).toContain('<time datetime="2025-03">March 2025</time>');
    const dispute = await request(t.rawApp).get(AID).expect(200);
    expect(dispute.text).toContain('<time datetime="2025-03">March 2025</time>');
    expect(dispute.text).not.toContain('1 March 2025');
  });
});

describe('the importer', () => {
  let empty: Connection;
  beforeEach(async () => {
    empty = await freshDatabase();
  });
  afterEach(async () => {
    await empty.db.destroy();
  });

  const citations = (published_on: string, published_precision?: string) =>
    JSON.stringify([
      { role: 'made_in', excerpt: null, source: { outlet: 'Ipsos', title: 'Poll', url: null, published_on, published_precision } },
    ]).replace(/"/g, '""');

  it.each([
    ['2025-02', undefined, '2025-02-01', 'month'],
    ['2025', undefined, '2025-01-01', 'year'],
    ['2025-02-01', 'month', '2025-02-01', 'month'],
    ['2025-02-18', undefined, '2025-02-18', 'day'],
  ])('reads a source dated %s (precision %s) as %s, %s', async (on, precision, stored, storedPrecision) => {
    const csv = ['claimant,text,citations_json', `Kremlin,A claim,"${citations(on, precision)}"`].join('\n');
    const report = await importClaimsCsv(empty.db, csv, { baseUrl: 'http://gainsay.test' });
    expect(report.errors).toEqual([]);
    expect(await empty.db.selectFrom('source').select(['published_on', 'published_precision']).execute()).toEqual([
      { published_on: stored, published_precision: storedPrecision },
    ]);
  });

  it('reports a source date it cannot read, with its row and column, and imports nothing', async () => {
    const csv = ['claimant,text,citations_json', `Kremlin,A claim,"${citations('2025-02', 'day')}"`].join('\n');
    const report = await importClaimsCsv(empty.db, csv, { baseUrl: 'http://gainsay.test' });
    expect(report.imported).toBe(false);
    expect(report.errors).toEqual([expect.objectContaining({ row: 2, column: 'citations_json' })]);
    expect(await empty.db.selectFrom('source').select('id').execute()).toEqual([]);
  });

  it('a month-dated source survives export → import → export unchanged', async () => {
    await t.db
      .updateTable('source')
      .set({ published_on: '2025-03-01', published_precision: 'month' })
      .where('outlet', '=', 'Fox News')
      .execute();
    const before = (await request(t.rawApp).get('/claims.csv').expect(200)).text;
    expect(before).toContain('""published_on"":""2025-03-01""');
    expect(before).toContain('""published_precision"":""month""');
    const report = await importClaimsCsv(empty.db, before, { baseUrl: 'http://gainsay.test' });
    expect(report.errors).toEqual([]);
    const after = (
      await request(createApp({ db: empty.db, config: testConfig() }))
        .get('/claims.csv')
        .expect(200)
    ).text;
    expect(after).toBe(before);
    const again = await importClaimsCsv(empty.db, before, { baseUrl: 'http://gainsay.test' });
    expect(again.counts).toMatchObject({ claims_updated: 0 });
  });
});

describe('exports keep the precision', () => {
  it('disputes.csv has a precision column for each side’s date', async () => {
    const csv = (await request(t.rawApp).get('/disputes.csv').expect(200)).text;
    const [header, ...rows] = csv.trim().split('\r\n');
    const names = header!.split(',');
    expect(names.slice(-2)).toEqual(['claim_a_said_precision', 'claim_b_said_precision']);
    const aid = rows.find((r) => r.includes('did-putin-ask-trump-to-stop-military-aid-to-kyiv'))!;
    // Kremlin (side A) spoke on 18 March; Trump (side B) in March 2025, stored as its first day.
    expect(aid).toContain(',2025-03-18,');
    expect(aid).toContain(',2025-03-01,');
    expect(aid.endsWith(',day,month')).toBe(true);
  });

  it('disputes.xlsx writes a month as a month, with the precision columns', async () => {
    const res = await request(t.rawApp)
      .get('/disputes.xlsx')
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.body as never);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    expect(col('claim_a_said_precision')).toBeGreaterThan(0);
    let found = false;
    sheet.eachRow((row, n) => {
      if (n === 1 || row.getCell(col('slug')).value !== 'did-putin-ask-trump-to-stop-military-aid-to-kyiv') return;
      found = true;
      expect(row.getCell(col('claim_b_said_precision')).value).toBe('month');
      expect(row.getCell(col('claim_b_said_on')).numFmt).toBe('yyyy-mm');
      expect(row.getCell(col('claim_a_said_on')).numFmt).toBe('yyyy-mm-dd');
    });
    expect(found).toBe(true);
  });

  it('claims.md writes dates for people, only as precise as known ("March 2025", never 2025-03-01)', async () => {
    const md = (await request(t.rawApp).get('/claims.md').expect(200)).text;
    expect(md).toContain('| March 2025 |');
    expect(md).toContain('| 18 March 2025 |');
    expect(md).not.toMatch(/\| 20\d\d-\d\d-\d\d \|/);
    const nl = (await request(t.rawApp).get('/claims.md?lang=nl').expect(200)).text;
    expect(nl).toContain('| maart 2025 |');
  });

  it('the claims table already keeps said_precision; its JSON too', async () => {
    const json = (await request(t.rawApp).get('/claims.json').expect(200)).body as { rows: Array<{ said_precision: string }> };
    expect(json.rows.map((r) => r.said_precision)).toContain('month');
  });
});

describe('the timeline shows a month as a band, ordered by its start', () => {
  it('the month’s claim opens a band labelled with the whole month, holding the days within it', async () => {
    const html = (await request(t.rawApp).get(AID).expect(200)).text;
    const timeline = html.slice(html.indexOf('class="timeline"'), html.indexOf('</section>', html.indexOf('class="timeline"')));
    const band = timeline.slice(timeline.indexOf('class="timeline-band"'));
    expect(band).toContain('<time datetime="2025-03">March 2025</time>');
    expect(visible(band)).toContain('Known only to the month');
    // Trump (March 2025) first, as "some time in March", then the Kremlin on 18 March, both inside the band.
    const text = visible(band);
    expect(text.indexOf('Some time in March 2025')).toBeGreaterThan(-1);
    expect(text.indexOf('Some time in March 2025')).toBeLessThan(text.indexOf('18 March 2025'));
    expect(band).toMatch(/class="lane-b is-period"/);
  });

  it('a claim dated after the month stays outside its band', async () => {
    const view = await t.db
      .selectFrom('dispute')
      .select(['claim_a_id'])
      .where('slug', '=', 'did-putin-ask-trump-to-stop-military-aid-to-kyiv')
      .executeTakeFirstOrThrow();
    const later = await addClaim(t.db, 'kremlin', { text: 'A later statement in April', said_on: '2025-04-02' });
    await insertLink(t.db, { from_claim_id: later.id, to_claim_id: view.claim_a_id, type: 'supports', note: null });
    const html = (await request(t.rawApp).get(AID).expect(200)).text;
    const bandEnd = html.indexOf('</ol>', html.indexOf('class="timeline-band"'));
    const april = html.indexOf('A later statement in April', html.indexOf('class="timeline"'));
    expect(april).toBeGreaterThan(bandEnd);
    expect(visible(html.slice(bandEnd, april + 40))).toContain('2 April 2025');
  });

  it('in Dutch', async () => {
    const html = (await request(t.rawApp).get(`${AID}?lang=nl`).expect(200)).text;
    expect(visible(html)).toContain('Ergens in maart 2025');
    expect(visible(html)).toContain('Alleen de maand is bekend');
  });
});
