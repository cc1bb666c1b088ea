import request from 'supertest';
import { testApp, type TestApp } from '../helpers/app';
import { fieldError, postForm, rowCounts } from '../helpers/desk';

// The JSON API validates with the desk's form schemas: the same bad input gets the same message from
// both, and neither saves anything.

let t: TestApp;
let kremlin: number;
let fox: number;
beforeEach(async () => {
  t = await testApp({ signedInAs: 'editor' });
  kremlin = (await t.db.selectFrom('claimant').select('id').where('name', '=', 'Kremlin').executeTakeFirstOrThrow()).id;
  fox = (await t.db.selectFrom('source').select('id').where('outlet', 'like', 'Fox News%').executeTakeFirstOrThrow()).id;
});
afterEach(async () => {
  expect(t.errors).toEqual([]);
  await t.db.destroy();
});

/** Sends `form` to the desk and `json` to the API; both must refuse `field` with the same message and save nothing. */
async function sameRefusal(desk: string, api: string, form: Record<string, string | string[]>, json: Record<string, unknown>, field: string) {
  const before = await rowCounts(t.db);
  const page = await postForm(t.app, desk, form).expect(422);
  const deskMessage = fieldError(page.text, `f-${field}`);
  const res = await request(t.app).post(api).send(json).expect(422);
  expect(res.body.error.code).toBe('invalid');
  expect(deskMessage).toBeTruthy();
  expect(res.body.error.fields[field]).toBe(deskMessage);
  expect(await rowCounts(t.db)).toEqual(before);
  return deskMessage;
}

const claimForm = (overrides: Record<string, string | string[]>) => ({
  claimant_id: String(kremlin), new_claimant_name: '', new_claimant_kind: 'person', text: 'Putin agreed to a pause.', quote: '',
  quote_language: '', said_on: '2025-03', said_where: '', kind: 'statement', review_due_on: '', topics: '', verdict: 'unverified',
  verdict_rationale: '', state: 'draft', citation_source_id: ['', ''], citation_role: ['', ''], citation_excerpt: ['', ''],
  link_type: 'contradicts', link_to_claim: '', ...overrides,
});

describe('the API and the desk share their rules', () => {
  it('refuse a javascript: URL for a source with the same message', async () => {
    const message = await sameRefusal(
      '/desk/sources/new', '/api/v1/sources',
      { outlet: 'Example', title: 'A page', url: 'javascript:alert(1)', published_on: '', language: '', archive_url: '', retrieved_on: '' },
      { outlet: 'Example', title: 'A page', url: 'javascript:alert(1)' },
      'url',
    );
    expect(message).toBe('The URL must be a full web address starting with http:// or https://.');
  });

  it('refuse a verdict without a rationale with the same message', async () => {
    const message = await sameRefusal(
      '/desk/claims/new', '/api/v1/claims',
      claimForm({ verdict: 'false', verdict_rationale: ' ' }),
      { claimant_id: kremlin, text: 'Putin agreed to a pause.', verdict: 'false', verdict_rationale: ' ' },
      'verdict_rationale',
    );
    expect(message).toContain('needs a rationale');
  });

  it('refuse an imprecise date, a too-long text and a review date on a statement alike', async () => {
    await sameRefusal('/desk/claims/new', '/api/v1/claims', claimForm({ said_on: '18 March' }), { claimant_id: kremlin, text: 'x', said_on: '18 March' }, 'said_on');
    const long = 'x'.repeat(5001);
    await sameRefusal('/desk/claims/new', '/api/v1/claims', claimForm({ text: long }), { claimant_id: kremlin, text: long }, 'text');
    await sameRefusal('/desk/claims/new', '/api/v1/claims', claimForm({ review_due_on: '2025-04-01' }), { claimant_id: kremlin, text: 'x', review_due_on: '2025-04-01' }, 'review_due_on');
  });

  it('refuse a dispute whose sides are the same claim alike', async () => {
    const claim = (await t.db.selectFrom('claim').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    await sameRefusal(
      '/desk/disputes/new', '/api/v1/disputes',
      { question: 'Who is right?', slug: '', summary: '', claim_a: String(claim), claim_b: `#${claim} — itself`, status: 'open', state: 'draft' },
      { question: 'Who is right?', claim_a: claim, claim_b: claim },
      'claim_b',
    );
  });

  it('refuse a claimant slug that is not a slug alike', async () => {
    await sameRefusal('/desk/claimants/new', '/api/v1/claimants', { name: 'Jane', slug: 'Jane Doe!', kind: 'person', description: '' }, { name: 'Jane', slug: 'Jane Doe!', kind: 'person' }, 'slug');
  });
});

describe('API writes are all or nothing', () => {
  it('saves neither the inline claimant nor the claim when a cited source does not exist', async () => {
    const before = await rowCounts(t.db);
    const res = await request(t.app).post('/api/v1/claims')
      .send({ new_claimant_name: 'A brand-new claimant', text: 'Something was said.', topics: ['A new topic'], citations: [{ source_id: fox, role: 'made_in' }, { source_id: 999999, role: 'reported_by' }] })
      .expect(422);
    expect(res.body.error.fields).toEqual({ 'citations.1.source_id': 'This source does not exist; it may have been deleted.' });
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('creates a claim with a new claimant, comma-separated topics and a link, like the desk form', async () => {
    const other = (await t.db.selectFrom('claim').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    const res = await request(t.app).post('/api/v1/claims')
      .send({ new_claimant_name: 'kremlin', text: 'Something was said.', topics: 'Ceasefire, ceasefire, Energy', link_type: 'contradicts', link_to_claim: other })
      .expect(201);
    expect(res.body.data.claimant.name).toBe('Kremlin');
    expect(res.body.data.topics).toHaveLength(2);
    expect(res.body.data.links).toEqual([expect.objectContaining({ type: 'contradicts', to_claim_id: other })]);
  });

  it('refuses a link to a missing claim on creation without saving the claim', async () => {
    const before = await rowCounts(t.db);
    const res = await request(t.app).post('/api/v1/claims').send({ claimant_id: kremlin, text: 'x', link_to_claim: 999999 }).expect(422);
    expect(Object.keys(res.body.error.fields)).toEqual(['link_to_claim']);
    expect(await rowCounts(t.db)).toEqual(before);
  });
});
