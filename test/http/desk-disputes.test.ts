import request from 'supertest';
import { testApp, type TestApp } from '../helpers/app';
import { fieldError, idFrom, postForm, rowCounts, shownValue } from '../helpers/desk';

let t: TestApp;
let a: number;
let b: number;

beforeEach(async () => {
  t = await testApp({ signedInAs: 'editor' });
  // Two seed claims that are not yet framed against each other.
  const claims = await t.db.selectFrom('claim').select('id').orderBy('id', 'desc').limit(2).execute();
  [a, b] = [claims[1]!.id, claims[0]!.id];
});
afterEach(async () => {
  expect(t.errors).toEqual([]);
  await t.db.destroy();
});

function disputeForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    question: 'Is the pause on energy strikes holding?',
    slug: '',
    summary: 'Both sides accuse each other.',
    status: 'open',
    state: 'published',
    claim_a: `#${a} — someone: something`,
    claim_b: `#${b} — someone else: something else`,
    ...overrides,
  };
}

const disputeRow = (id: number) => t.db.selectFrom('dispute').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function expectRejected(fields: Record<string, string>, id: string, message: unknown, url = '/desk/disputes/new') {
  const before = await rowCounts(t.db);
  const res = await postForm(t.app, url, fields).expect(422);
  expect(fieldError(res.text, id)).toEqual(message);
  for (const [name, value] of Object.entries(fields)) {
    // A <select> can only show one of its choices, so an unknown status or state is not shown back.
    const unshowable = name === 'version' || (`f-${name}` === id && (name === 'status' || name === 'state'));
    if (!unshowable) expect(shownValue(res.text, `f-${name}`)).toBe(value);
  }
  expect(await rowCounts(t.db)).toEqual(before);
}

describe('desk: disputes', () => {
  it('creates a published dispute whose public page shows both sides, and edits it', async () => {
    const res = await postForm(t.app, '/desk/disputes/new', disputeForm()).expect(303);
    const id = idFrom(res.headers.location);
    const row = await disputeRow(id);
    expect(row).toMatchObject({
      slug: 'is-the-pause-on-energy-strikes-holding',
      claim_a_id: a,
      claim_b_id: b,
      state: 'published',
      version: 1,
    });

    const page = await request(t.app).get(res.headers.location!).expect(200);
    expect(page.text).toContain(`<a href="/disputes/${row.slug}">see the public page</a>`);
    expect(shownValue(page.text, 'f-claim_a')).toMatch(new RegExp(`^#${a} — `));
    const list = await request(t.app).get('/desk/disputes').expect(200);
    expect(list.text).toContain(`href="/desk/disputes/${id}">Is the pause on energy strikes holding?</a>`);

    const pub = await request(t.app).get(`/disputes/${row.slug}`).expect(200);
    expect(pub.text).toContain('class="side side-a"');
    expect(pub.text).toContain(`id="claim-${a}"`);
    expect(pub.text).toContain(`id="claim-${b}"`);

    await postForm(
      t.app,
      `/desk/disputes/${id}`,
      disputeForm({ version: '1', question: 'Is the pause holding?', status: 'settled', state: 'draft' }),
    )
      .expect(303)
      .expect('Location', `/desk/disputes/${id}?saved=1`);
    // The published address stays unless the editor types a new slug.
    expect(await disputeRow(id)).toMatchObject({
      question: 'Is the pause holding?',
      slug: row.slug,
      status: 'settled',
      state: 'draft',
      version: 2,
    });
    await request(t.app).get(`/disputes/${row.slug}`).expect(404);
  });

  it('fills in both sides from ?a=&b=', async () => {
    const res = await request(t.app).get(`/desk/disputes/new?a=${a}&b=${b}`).expect(200);
    expect(shownValue(res.text, 'f-claim_a')).toMatch(new RegExp(`^#${a} — `));
    expect(shownValue(res.text, 'f-claim_b')).toMatch(new RegExp(`^#${b} — `));
    const odd = await request(t.app).get('/desk/disputes/new?a=x&b=999999').expect(200);
    expect(shownValue(odd.text, 'f-claim_a')).toBe('');
  });

  it.each([
    ['a missing question', { question: '' }, 'f-question', 'The question is required.'],
    ['a question that is too long', { question: 'q'.repeat(301) }, 'f-question', 'The question must be at most 300 characters.'],
    ['a malformed slug', { slug: 'no spaces please' }, 'f-slug', expect.stringContaining('lowercase letters')],
    ['an unknown status', { status: 'closed' }, 'f-status', 'The status must be one of: open, settled.'],
    ['an unknown state', { state: 'hidden' }, 'f-state', 'The state must be one of: draft, published, retracted.'],
    ['a missing side', { claim_a: '' }, 'f-claim_a', 'Side A is required.'],
    ['a side typed without picking', { claim_b: 'the Trump one' }, 'f-claim_b', expect.stringContaining('choose a claim from the list')],
    [
      'the same claim on both sides',
      { claim_b: `#${1_000_000}`, claim_a: `#${1_000_000} — x` },
      'f-claim_b',
      'The two sides of a dispute must be different claims.',
    ],
    ['an unknown claim', { claim_a: '#999999 — Nobody: nothing' }, 'f-claim_a', 'No such claim.'],
  ])('refuses %s with 422, the message at the field, the input kept and nothing saved', async (_what, change, id, message) => {
    await expectRejected(disputeForm(change), id, message);
  });

  it('refuses a slug another dispute has, on create and on edit', async () => {
    const taken = await t.db.selectFrom('dispute').select(['id', 'slug']).orderBy('id').executeTakeFirstOrThrow();
    await expectRejected(disputeForm({ slug: taken.slug }), 'f-slug', `The slug "${taken.slug}" is already used by another dispute.`);
    const id = idFrom((await postForm(t.app, '/desk/disputes/new', disputeForm()).expect(303)).headers.location);
    await expectRejected(
      disputeForm({ slug: taken.slug, version: '1' }),
      'f-slug',
      `The slug "${taken.slug}" is already used by another dispute.`,
      `/desk/disputes/${id}`,
    );
  });

  it('refuses an edit made from an old version with 409, keeping the typed text', async () => {
    const id = idFrom((await postForm(t.app, '/desk/disputes/new', disputeForm()).expect(303)).headers.location);
    await postForm(t.app, `/desk/disputes/${id}`, disputeForm({ version: '1', summary: 'First' })).expect(303);
    const res = await postForm(t.app, `/desk/disputes/${id}`, disputeForm({ version: '1', summary: 'Second, unaware' })).expect(409);
    expect(res.text).toContain('someone else changed this dispute since you opened it (it is now at version 2)');
    expect(shownValue(res.text, 'f-merge-summary-merged')).toBe('Second, unaware');
    expect((await disputeRow(id)).summary).toBe('First');
  });

  it('escapes claim text on the public dispute page and on the desk', async () => {
    await t.db.updateTable('claim').set({ text: '<script>alert(1)</script>' }).where('id', '=', a).execute();
    const id = idFrom(
      (await postForm(t.app, '/desk/disputes/new', disputeForm({ question: '<img src=x onerror=alert(1)>?' })).expect(303)).headers
        .location,
    );
    const { slug } = await disputeRow(id);
    for (const url of [`/disputes/${slug}`, `/desk/disputes/${id}`, '/desk/disputes', '/']) {
      const res = await request(t.app).get(url).expect(200);
      expect(res.text).not.toContain('<script>alert(1)</script>');
      expect(res.text).not.toContain('<img src=x');
    }
    expect((await request(t.app).get(`/disputes/${slug}`)).text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('warns on a published dispute whose side is still a draft claim', async () => {
    await t.db.updateTable('claim').set({ state: 'draft' }).where('id', '=', b).execute();
    const id = idFrom((await postForm(t.app, '/desk/disputes/new', disputeForm()).expect(303)).headers.location);
    const res = await request(t.app).get(`/desk/disputes/${id}`).expect(200);
    expect(res.text).toContain(`Side B (claim #${b}) is still a draft: readers will not see this dispute until both sides are published.`);
  });

  it('deletes a dispute, after which its claims can be deleted', async () => {
    const id = idFrom((await postForm(t.app, '/desk/disputes/new', disputeForm()).expect(303)).headers.location);
    await request(t.app).post(`/desk/claims/${a}/delete`).expect(409);
    await request(t.app).post(`/desk/disputes/${id}/delete`).expect(303).expect('Location', '/desk/disputes?deleted=1');
    expect(await t.db.selectFrom('dispute').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
    await request(t.app).get(`/desk/disputes/${id}`).expect(404);
  });
});
