import request from 'supertest';
import { testApp, type TestApp } from '../helpers/app';
import { addClaim } from '../helpers/claims';
import { decode, postForm } from '../helpers/desk';

// Repeat detection on the desk's new-claim form (without JavaScript: saving shows the look-alikes
// first), its JSON for suggestions as you type, and GET /api/v1/claims/similar.

let t: TestApp;
let trump: number;
let seedClaim: { id: number; text: string };
const REWORDED = 'Trump says military aid never came up in his phone call with Putin.';
const DISPUTE_QUESTION = async () =>
  (
    await t.db
      .selectFrom('dispute')
      .select('question')
      .where((eb) => eb.or([eb('claim_a_id', '=', seedClaim.id), eb('claim_b_id', '=', seedClaim.id)]))
      .executeTakeFirstOrThrow()
  ).question;

beforeEach(async () => {
  t = await testApp({ signedInAs: 'reporter' });
  trump = (await t.db.selectFrom('claimant').select('id').where('slug', '=', 'donald-trump').executeTakeFirstOrThrow()).id;
  seedClaim = await t.db
    .selectFrom('claim')
    .select(['id', 'text'])
    .where('text', '=', 'Donald Trump says military aid was not discussed in his phone call with Vladimir Putin.')
    .executeTakeFirstOrThrow();
});
afterEach(async () => {
  expect(t.errors).toEqual([]);
  await t.db.destroy();
});

function claimForm(overrides: Record<string, string> = {}) {
  return {
    claimant_id: String(trump),
    new_claimant_name: '',
    new_claimant_kind: 'person',
    text: REWORDED,
    quote: '',
    quote_language: '',
    said_on: '2025-03',
    said_where: 'Press conference',
    kind: 'statement',
    review_due_on: '',
    topics: 'Military aid',
    verdict: 'unverified',
    verdict_rationale: '',
    link_type: 'contradicts',
    link_to_claim: '',
    state: 'draft',
    ...overrides,
  };
}
const claimCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('claim')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const newestClaim = () => t.db.selectFrom('claim').select(['id', 'text']).orderBy('id', 'desc').executeTakeFirstOrThrow();
const linksFrom = (id: number) => t.db.selectFrom('claim_link').select(['to_claim_id', 'type']).where('from_claim_id', '=', id).execute();

describe('the new-claim form without JavaScript', () => {
  test('saving a claim that rewords a seed claim shows the seed claim first, with its claimant, verdict and dispute, and saves nothing', async () => {
    const before = await claimCount();
    const res = await postForm(t.app, '/desk/claims/new', claimForm()).expect(200);
    const html = decode(res.text);
    expect(html).toContain('These look similar');
    expect(html).toContain(seedClaim.text);
    expect(html).toMatch(/<strong>Donald Trump<\/strong>/);
    expect(html).toContain('Verdict:');
    expect(html).toContain(await DISPUTE_QUESTION());
    expect(res.text).toContain(`name="repeat_of" value="${seedClaim.id}"`);
    expect(res.text).toContain('name="similar" value="ignore"');
    // Everything typed is still in the form.
    expect(html).toContain(`>${REWORDED}</textarea>`);
    expect(res.text).toContain('value="Press conference"');
    expect(await claimCount()).toBe(before);
  });

  test('"Link as repeat" saves the claim as typed and links it to the seed claim as repeats', async () => {
    const res = await postForm(t.app, '/desk/claims/new', claimForm({ repeat_of: String(seedClaim.id) })).expect(303);
    const claim = await newestClaim();
    expect(claim.text).toBe(REWORDED);
    expect(res.headers.location).toContain(`/desk/claims/${claim.id}`);
    expect(await linksFrom(claim.id)).toEqual([{ to_claim_id: seedClaim.id, type: 'repeats' }]);
  });

  test('"Save anyway" saves it unlinked; so does saving again once every look-alike has been shown', async () => {
    await postForm(t.app, '/desk/claims/new', claimForm({ similar: 'ignore' })).expect(303);
    expect(await linksFrom((await newestClaim()).id)).toEqual([]);
    const shown = await postForm(t.app, '/desk/claims/new', claimForm({ text: `${REWORDED} Again.` })).expect(200);
    const seen = /name="similar_seen" value="([^"]*)"/.exec(shown.text)![1]!;
    expect(seen.split(',')).toContain(String(seedClaim.id));
    await postForm(t.app, '/desk/claims/new', claimForm({ text: `${REWORDED} Again.`, similar_seen: seen })).expect(303);
  });

  test('a claim like no other is saved at once, and a claim linked by hand is not held up', async () => {
    await postForm(
      t.app,
      '/desk/claims/new',
      claimForm({ text: 'The harbour of Rotterdam handled a record tonnage of liquefied gas.' }),
    ).expect(303);
    await postForm(t.app, '/desk/claims/new', claimForm({ link_type: 'supports', link_to_claim: String(seedClaim.id) })).expect(303);
  });

  test('"Link as repeat" of a claim that is gone keeps everything typed and names the link field', async () => {
    const res = await postForm(t.app, '/desk/claims/new', claimForm({ repeat_of: '999999' })).expect(422);
    expect(decode(res.text)).toContain(`>${REWORDED}</textarea>`);
    expect(res.text).toContain('id="f-link_to_claim-error"');
  });

  test('in Dutch', async () => {
    const res = await request(t.app).post('/desk/claims/new').set('Cookie', 'lang=nl').type('form').send(claimForm()).expect(200);
    const html = decode(res.text);
    expect(html).toContain('Deze lijken erop');
    expect(html).toContain('Koppel als herhaling');
    expect(html).toContain('Toch opslaan');
  });

  test('claim texts in the list are escaped', async () => {
    await addClaim(t.db, 'donald-trump', { text: 'Trump says <b>military aid</b> never came up in his phone call with Putin.' });
    const res = await postForm(t.app, '/desk/claims/new', claimForm()).expect(200);
    expect(res.text).toContain('&lt;b&gt;military aid&lt;/b&gt;');
    expect(res.text).not.toContain('<b>military aid');
  });

  test('the form loads its script from this site', async () => {
    const res = await request(t.app).get('/desk/claims/new').expect(200);
    expect(res.text).toContain('<script src="/assets/similar-claims.js" defer></script>');
    const script = await request(t.app).get('/assets/similar-claims.js').expect(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.text).toContain('/desk/claims/similar');
  });
});

describe('GET /desk/claims/similar (suggestions as you type)', () => {
  test('answers the look-alikes with labels in the journalist language, drafts included', async () => {
    const draft = await addClaim(t.db, 'donald-trump', {
      text: 'Trump insists military aid never came up in the call with Putin.',
      state: 'draft',
    });
    const res = await request(t.app).get('/desk/claims/similar').query({ text: REWORDED }).set('Cookie', 'lang=nl').expect(200);
    const ids = res.body.data.map((c: { id: number }) => c.id);
    expect(ids).toEqual(expect.arrayContaining([seedClaim.id, draft.id]));
    const seed = res.body.data.find((c: { id: number }) => c.id === seedClaim.id);
    expect(seed).toMatchObject({
      claimant: 'Donald Trump',
      href: `/desk/claims/${seedClaim.id}`,
      verdict: { key: 'unverified', label: 'Niet gecontroleerd' },
    });
    expect(res.body.data.find((c: { id: number }) => c.id === draft.id).draft).toBe('Concept');
    const excluded = await request(t.app)
      .get('/desk/claims/similar')
      .query({ text: REWORDED, exclude: String(seedClaim.id) })
      .expect(200);
    expect(excluded.body.data.map((c: { id: number }) => c.id)).not.toContain(seedClaim.id);
  });

  test('a missing or overlong text is a 422 naming the field; a few words find nothing', async () => {
    const res = await request(t.app).get('/desk/claims/similar').expect(422);
    expect(Object.keys(res.body.error.fields)).toEqual(['text']);
    await request(t.app)
      .get('/desk/claims/similar')
      .query({ text: 'x'.repeat(4001) })
      .expect(422);
    expect((await request(t.app).get('/desk/claims/similar').query({ text: 'Trump' }).expect(200)).body.data).toEqual([]);
  });

  test('is for the signed-in only', async () => {
    const res = await request(t.rawApp).get('/desk/claims/similar').query({ text: REWORDED });
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/login/);
  });
});

describe('GET /api/v1/claims/similar', () => {
  test('readers get published look-alikes only, with claimant, verdict, disputes and score', async () => {
    const draft = await addClaim(t.db, 'donald-trump', {
      text: 'Trump insists military aid never came up in the call with Putin.',
      state: 'draft',
    });
    const res = await request(t.rawApp).get('/api/v1/claims/similar').query({ text: REWORDED }).expect(200);
    const ids = res.body.data.map((c: { id: number }) => c.id);
    expect(ids).toContain(seedClaim.id);
    expect(ids).not.toContain(draft.id);
    const seed = res.body.data.find((c: { id: number }) => c.id === seedClaim.id);
    expect(seed).toMatchObject({
      url: `http://gainsay.test/claims/${seedClaim.id}`,
      claimant: { name: 'Donald Trump', slug: 'donald-trump' },
      verdict: { key: 'unverified' },
      state: 'published',
      disputes: [{ question: await DISPUTE_QUESTION() }],
    });
    expect(seed.score).toBeGreaterThan(0.5);
    // Signed in, drafts count too.
    const signedIn = await request(t.app).get('/api/v1/claims/similar').query({ text: REWORDED }).expect(200);
    expect(signedIn.body.data.map((c: { id: number }) => c.id)).toContain(draft.id);
  });

  test('bad parameters are a 422 naming them', async () => {
    const res = await request(t.rawApp).get('/api/v1/claims/similar').query({ limit: '0' }).expect(422);
    expect(res.body.error.code).toBe('invalid');
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['limit', 'text']);
  });

  test('/claims/{id} still answers ids', async () => {
    await request(t.rawApp).get(`/api/v1/claims/${seedClaim.id}`).expect(200);
  });
});
