import request from 'supertest';
import { testApp, type TestApp } from '../helpers/app';
import { fieldError, idFrom, postForm, rowCounts } from '../helpers/desk';

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
async function sameRefusal(
  desk: string,
  api: string,
  form: Record<string, string | string[]>,
  json: Record<string, unknown>,
  field: string,
) {
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
  claimant_id: String(kremlin),
  new_claimant_name: '',
  new_claimant_kind: 'person',
  text: 'Putin agreed to a pause.',
  quote: '',
  quote_language: '',
  said_on: '2025-03',
  said_where: '',
  kind: 'statement',
  review_due_on: '',
  topics: '',
  verdict: 'unverified',
  verdict_rationale: '',
  state: 'draft',
  citation_source_id: ['', ''],
  citation_role: ['', ''],
  citation_excerpt: ['', ''],
  link_type: 'contradicts',
  link_to_claim: '',
  ...overrides,
});

describe('the API and the desk share their rules', () => {
  it('refuse a javascript: URL for a source with the same message', async () => {
    const message = await sameRefusal(
      '/desk/sources/new',
      '/api/v1/sources',
      { outlet: 'Example', title: 'A page', url: 'javascript:alert(1)', published_on: '', language: '', archive_url: '', retrieved_on: '' },
      { outlet: 'Example', title: 'A page', url: 'javascript:alert(1)' },
      'url',
    );
    expect(message).toBe('The URL must be a full web address starting with http:// or https://.');
  });

  it('refuse a verdict without a rationale with the same message', async () => {
    const message = await sameRefusal(
      '/desk/claims/new',
      '/api/v1/claims',
      claimForm({ verdict: 'false', verdict_rationale: ' ' }),
      { claimant_id: kremlin, text: 'Putin agreed to a pause.', verdict: 'false', verdict_rationale: ' ' },
      'verdict_rationale',
    );
    expect(message).toContain('needs a rationale');
  });

  it('refuse an imprecise date, a too-long text and a review date on a statement alike', async () => {
    await sameRefusal(
      '/desk/claims/new',
      '/api/v1/claims',
      claimForm({ said_on: '18 March' }),
      { claimant_id: kremlin, text: 'x', said_on: '18 March' },
      'said_on',
    );
    const long = 'x'.repeat(5001);
    await sameRefusal('/desk/claims/new', '/api/v1/claims', claimForm({ text: long }), { claimant_id: kremlin, text: long }, 'text');
    await sameRefusal(
      '/desk/claims/new',
      '/api/v1/claims',
      claimForm({ review_due_on: '2025-04-01' }),
      { claimant_id: kremlin, text: 'x', review_due_on: '2025-04-01' },
      'review_due_on',
    );
  });

  it('refuse a dispute whose sides are the same claim alike', async () => {
    const claim = (await t.db.selectFrom('claim').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    await sameRefusal(
      '/desk/disputes/new',
      '/api/v1/disputes',
      {
        question: 'Who is right?',
        slug: '',
        summary: '',
        claim_a: String(claim),
        claim_b: `#${claim} — itself`,
        status: 'open',
        state: 'draft',
      },
      { question: 'Who is right?', claim_a: claim, claim_b: claim },
      'claim_b',
    );
  });

  it('refuse a claimant slug that is not a slug alike', async () => {
    await sameRefusal(
      '/desk/claimants/new',
      '/api/v1/claimants',
      { name: 'Jane', slug: 'Jane Doe!', kind: 'person', description: '' },
      { name: 'Jane', slug: 'Jane Doe!', kind: 'person' },
      'slug',
    );
  });
});

describe('API writes are all or nothing', () => {
  it('saves neither the inline claimant nor the claim when a cited source does not exist', async () => {
    const before = await rowCounts(t.db);
    const res = await request(t.app)
      .post('/api/v1/claims')
      .send({
        new_claimant_name: 'A brand-new claimant',
        text: 'Something was said.',
        topics: ['A new topic'],
        citations: [
          { source_id: fox, role: 'made_in' },
          { source_id: 999999, role: 'reported_by' },
        ],
      })
      .expect(422);
    expect(res.body.error.fields).toEqual({ 'citations.1.source_id': 'This source does not exist; it may have been deleted.' });
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('creates a claim with a new claimant, comma-separated topics and a link, like the desk form', async () => {
    const other = (await t.db.selectFrom('claim').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    const res = await request(t.app)
      .post('/api/v1/claims')
      .send({
        new_claimant_name: 'kremlin',
        text: 'Something was said.',
        topics: 'Ceasefire, ceasefire, Energy',
        link_type: 'contradicts',
        link_to_claim: other,
      })
      .expect(201);
    expect(res.body.data.claimant.name).toBe('Kremlin');
    expect(res.body.data.topics).toHaveLength(2);
    expect(res.body.data.links).toEqual([expect.objectContaining({ type: 'contradicts', to_claim_id: other })]);
  });

  it('creates new sources named in citations with the claim, as the desk form does, or nothing at all', async () => {
    const before = await rowCounts(t.db);
    const bad = await request(t.app)
      .post('/api/v1/claims')
      .send({ claimant_id: kremlin, text: 'Said.', citations: [{ new_source_title: 'Readout', role: 'made_in' }] })
      .expect(422);
    expect(bad.body.error.fields).toEqual({ 'citations.0.new_source_outlet': 'A new source needs both its title and its outlet.' });
    expect(await rowCounts(t.db)).toEqual(before);
    const res = await request(t.app)
      .post('/api/v1/claims')
      .send({
        claimant_id: kremlin,
        text: 'Said.',
        citations: [
          { new_source_title: 'Readout', new_source_outlet: 'Kremlin.ru', new_source_url: 'https://kremlin.example/r', role: 'made_in' },
          { source_id: fox, role: 'reported_by' },
        ],
      })
      .expect(201);
    const made = await t.db.selectFrom('source').selectAll().where('title', '=', 'Readout').executeTakeFirstOrThrow();
    expect(made).toMatchObject({ outlet: 'Kremlin.ru', url: 'https://kremlin.example/r' });
    expect(res.body.data.citations).toEqual([
      expect.objectContaining({ role: 'made_in', source: expect.objectContaining({ id: made.id }) }),
      expect.objectContaining({ role: 'reported_by' }),
    ]);
  });

  it('refuses a link to a missing claim on creation without saving the claim', async () => {
    const before = await rowCounts(t.db);
    const res = await request(t.app).post('/api/v1/claims').send({ claimant_id: kremlin, text: 'x', link_to_claim: 999999 }).expect(422);
    expect(Object.keys(res.body.error.fields)).toEqual(['link_to_claim']);
    expect(await rowCounts(t.db)).toEqual(before);
  });
});

/** What a save stored for claim `id`, without ids of its own rows and timestamps. */
async function storedClaim(db: TestApp['db'], id: number) {
  const {
    id: _id,
    created_at: _c,
    updated_at: _u,
    claimant_id,
    ...claim
  } = await db.selectFrom('claim').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const {
    id: _cid,
    created_at: _cc,
    updated_at: _cu,
    ...claimant
  } = await db.selectFrom('claimant').selectAll().where('id', '=', claimant_id).executeTakeFirstOrThrow();
  const topics = await db
    .selectFrom('claim_topic as ct')
    .innerJoin('topic as tp', 'tp.id', 'ct.topic_id')
    .select(['tp.name', 'tp.slug'])
    .where('ct.claim_id', '=', id)
    .orderBy('tp.slug')
    .execute();
  const citations = await db
    .selectFrom('citation')
    .select(['source_id', 'role', 'excerpt'])
    .where('claim_id', '=', id)
    .orderBy('id')
    .execute();
  const links = await db
    .selectFrom('claim_link')
    .select(['from_claim_id', 'to_claim_id', 'type', 'note'])
    .where((eb) => eb.or([eb('from_claim_id', '=', id), eb('to_claim_id', '=', id)]))
    .execute();
  return {
    claim,
    claimant,
    topics,
    citations,
    links: links.map((l) => ({ ...l, from_claim_id: l.from_claim_id === id ? 'this' : l.from_claim_id })),
  };
}

describe('one claim save for the desk and the API', () => {
  it('stores the same claim, claimant, topics, citations and link from the same body', async () => {
    const api = await testApp({ signedInAs: 'editor' });
    try {
      const other = (await t.db.selectFrom('claim').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
      const reuters = (await t.db.selectFrom('source').select('id').where('id', '<>', fox).orderBy('id').executeTakeFirstOrThrow()).id;
      const page = await postForm(
        t.app,
        '/desk/claims/new',
        claimForm({
          claimant_id: '',
          new_claimant_name: '  Émile Dupont ',
          new_claimant_kind: 'organisation',
          text: 'Energy prices will halve by winter.',
          quote: 'Les prix vont baisser de moitié',
          quote_language: 'fr',
          said_on: '2025-03',
          said_where: 'Radio interview',
          kind: 'prediction',
          review_due_on: '2026-01-01',
          topics: 'Energy, energy , Prices',
          verdict: 'false',
          verdict_rationale: 'Prices rose.',
          state: 'published',
          citation_source_id: [String(fox), '', String(reuters)],
          citation_role: ['made_in', '', 'evidence_against'],
          citation_excerpt: ['“halve”', '', ''],
          link_type: 'contradicts',
          link_to_claim: String(other),
        }),
      ).expect(303);
      const deskId = idFrom(page.headers.location);
      const res = await request(api.app)
        .post('/api/v1/claims')
        .send({
          new_claimant_name: '  Émile Dupont ',
          new_claimant_kind: 'organisation',
          text: 'Energy prices will halve by winter.',
          quote: 'Les prix vont baisser de moitié',
          quote_language: 'fr',
          said_on: '2025-03',
          said_where: 'Radio interview',
          kind: 'prediction',
          review_due_on: '2026-01-01',
          topics: ['Energy', 'energy ', 'Prices'],
          verdict: 'false',
          verdict_rationale: 'Prices rose.',
          state: 'published',
          citations: [
            { source_id: fox, role: 'made_in', excerpt: '“halve”' },
            { source_id: reuters, role: 'evidence_against' },
          ],
          link_type: 'contradicts',
          link_to_claim: other,
        })
        .expect(201);
      const stored = await storedClaim(t.db, deskId);
      expect(await storedClaim(api.db, res.body.data.id)).toEqual(stored);
      expect(stored.claimant).toMatchObject({ name: 'Émile Dupont', kind: 'organisation' });
      expect(stored.topics).toHaveLength(2);
      expect(stored.citations).toHaveLength(2);
      expect(stored.links).toEqual([{ from_claim_id: 'this', to_claim_id: other, type: 'contradicts', note: null }]);
      expect(api.errors).toEqual([]);
    } finally {
      await api.db.destroy();
    }
  });
});
