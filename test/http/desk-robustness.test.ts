import request from 'supertest';
import { testApp, type TestApp } from '../helpers/app';
import { rowCounts } from '../helpers/desk';

// Many requests per test: generous time, so a busy machine does not fail them.
jest.setTimeout(30_000);

let t: TestApp;
let endpoints: string[];

beforeEach(async () => {
  t = await testApp({ signedInAs: 'editor' });
  const first = async (table: 'claim' | 'claimant' | 'source' | 'dispute') =>
    (await t.db.selectFrom(table).select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  const claim = await first('claim');
  endpoints = [
    '/desk/claimants/new',
    `/desk/claimants/${await first('claimant')}`,
    '/desk/sources/new',
    `/desk/sources/${await first('source')}`,
    '/desk/claims/new',
    `/desk/claims/${claim}`,
    `/desk/claims/${claim}/links`,
    '/desk/disputes/new',
    `/desk/disputes/${await first('dispute')}`,
  ];
});
afterEach(async () => {
  expect(t.errors).toEqual([]);
  await t.db.destroy();
});

const CLIENT_ERRORS = [400, 404, 409, 413, 415, 422];

const jsonBodies: unknown[] = [
  {},
  [],
  [1, 2, 3],
  { name: ['a', 'b'], kind: 7, text: { $gt: '' }, claimant_id: { id: 1 }, citations: 'x', topics: { a: 1 }, version: null },
  {
    name: null,
    outlet: true,
    title: Number.MAX_VALUE,
    url: ['http://x.test'],
    question: 12,
    claim_a: -1,
    claim_b: 1.5,
    to_claim: [1],
    type: null,
  },
  { citation_source_id: [1, 2, { x: 1 }], citation_role: 'made_in', citation_excerpt: [[['deep']]], text: 'x', claimant_id: 1 },
  { __proto__: { polluted: true }, constructor: { prototype: { polluted: true } }, name: 'Proto' },
  { claimant_id: '1e400', version: '99999999999999999999', claim_a: '#99999999999999999999', to_claim: '#0' },
];

const formBodies: string[] = [
  '',
  'text=a&text=b&name=a&name=b&question=a&question=b&outlet=a&outlet=b&version=1&version=2',
  `name=${encodeURIComponent('\u0000\u0001\u001f\u007f')}&text=${encodeURIComponent('\u0000')}&kind=%00&question=%0B`,
  'citation_source_id=1&citation_source_id=1&citation_role=made_in&citation_excerpt=%FF%FE',
  `${'citation_source_id=&citation_role=&citation_excerpt=x&'.repeat(60)}text=y&claimant_id=1`,
  'claimant_id=%E2%80%AE1&said_on=%F0%9F%92%A5&topics=%2C%2C%2C&to_claim=%23&claim_a=%23-1&claim_b=%23%23%23',
  `text=${'x'.repeat(150_000)}&name=${'n'.repeat(10_000)}&question=${'q'.repeat(10_000)}&outlet=${'o'.repeat(10_000)}`,
];

describe('desk: no input makes a 500 or saves anything by accident', () => {
  it('answers JSON bodies of every wrong type with a client error', async () => {
    const before = await rowCounts(t.db);
    const unexpected: unknown[] = [];
    for (const url of endpoints) {
      for (const body of jsonBodies) {
        const res = await request(t.app)
          .post(url)
          .set('Accept', 'text/html')
          .send(body as object);
        if (!CLIENT_ERRORS.includes(res.status)) unexpected.push({ url, body, status: res.status });
      }
      // Numbers beyond a double's range (read as Infinity) only travel as raw JSON text.
      const huge = await request(t.app)
        .post(url)
        .set('Accept', 'text/html')
        .set('Content-Type', 'application/json')
        .send('{"title":1e309,"version":1e309,"claimant_id":-1e309}');
      if (!CLIENT_ERRORS.includes(huge.status)) unexpected.push({ url, body: 'numbers beyond a double', status: huge.status });
      await request(t.app).post(url).set('Content-Type', 'application/json').send('{"not json').expect(400);
      await request(t.app).post(url).set('Content-Type', 'application/json').send('"a string"').expect(400);
    }
    expect(unexpected).toEqual([]);
    expect(await rowCounts(t.db)).toEqual(before);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('answers odd form bodies with a client error', async () => {
    const before = await rowCounts(t.db);
    const unexpected: unknown[] = [];
    for (const url of endpoints) {
      for (const body of formBodies) {
        const res = await request(t.app).post(url).type('form').send(body);
        if (!CLIENT_ERRORS.includes(res.status)) unexpected.push({ url, body: body.slice(0, 80), status: res.status });
        expect(res.text).not.toMatch(/at .*\.ts:\d+/);
      }
    }
    expect(unexpected).toEqual([]);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('refuses bodies that are too large or have too many fields with 413', async () => {
    await request(t.app)
      .post('/desk/claims/new')
      .type('form')
      .send(`text=${'x'.repeat(300_000)}`)
      .expect(413);
    await request(t.app)
      .post('/desk/claims/new')
      .type('form')
      .send(Array.from({ length: 2100 }, (_, i) => `f${i}=1`).join('&'))
      .expect(413);
  });

  it('refuses a claim with more citation rows than allowed with 422 at the citations', async () => {
    const rows = Array.from({ length: 51 }, () => 'citation_source_id=1&citation_role=made_in&citation_excerpt=').join('&');
    const res = await request(t.app).post('/desk/claims/new').type('form').send(`${rows}&claimant_id=1&text=x`).expect(422);
    expect(res.text).toContain('<p class="field-error" id="f-citations-error">A claim can have at most 50 citations.</p>');
  });
});
