import request from 'supertest';
import { testApp, type TestApp } from '../helpers/app';
import { allFieldErrors, fieldError, idFrom, postForm, rowCounts, shownValue } from '../helpers/desk';

let t: TestApp;
let ids: { kremlin: number; trump: number; fox: number; article: number; trumpClaim: number; kremlinClaim: number };

beforeEach(async () => {
  t = await testApp({ signedInAs: 'editor' });
  const claimant = async (name: string) =>
    (await t.db.selectFrom('claimant').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const source = async (outlet: string) =>
    (await t.db.selectFrom('source').select('id').where('outlet', 'like', `${outlet}%`).executeTakeFirstOrThrow()).id;
  const kremlin = await claimant('Kremlin');
  const trump = await claimant('Donald Trump');
  const claimBy = async (id: number) =>
    (await t.db.selectFrom('claim').select('id').where('claimant_id', '=', id).orderBy('id').executeTakeFirstOrThrow()).id;
  ids = {
    kremlin,
    trump,
    fox: await source('Fox News'),
    article: await source('Dutch'),
    kremlinClaim: await claimBy(kremlin),
    trumpClaim: await claimBy(trump),
  };
});
afterEach(async () => {
  expect(t.errors).toEqual([]);
  await t.db.destroy();
});

/** A complete new-claim form as a browser sends it: two filled citation rows and two blank ones. */
function claimForm(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    claimant_id: String(ids.kremlin),
    new_claimant_name: '',
    new_claimant_kind: 'person',
    text: 'Putin agreed to a 30-day pause in strikes on energy infrastructure.',
    quote: 'Poetin stemde in met een pauze van 30 dagen',
    quote_language: 'nl',
    said_on: '2025-03',
    said_where: 'Kremlin readout',
    kind: 'promise',
    review_due_on: '2025-04-17',
    topics: 'Energy infrastructure, Ceasefire, ceasefire',
    verdict: 'unverified',
    verdict_rationale: '',
    state: 'draft',
    citation_source_id: [String(ids.article), String(ids.fox), '', ''],
    citation_role: ['reported_by', 'evidence_against', '', ''],
    citation_excerpt: ['Het Kremlin verklaarde', '', '', ''],
    link_type: 'contradicts',
    link_to_claim: '',
    ...overrides,
  };
}

const claimRow = (id: number) => t.db.selectFrom('claim').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function expectRejected(fields: Record<string, string | string[]>, errors: Record<string, unknown>, url = '/desk/claims/new') {
  const before = await rowCounts(t.db);
  const res = await postForm(t.app, url, fields).expect(422);
  for (const [id, message] of Object.entries(errors)) expect(fieldError(res.text, id)).toEqual(message);
  expect(await rowCounts(t.db)).toEqual(before);
  return res.text;
}

describe('desk: claims', () => {
  it('creates a claim with citations and topics, then shows it for editing', async () => {
    const res = await postForm(t.app, '/desk/claims/new', claimForm()).expect(303);
    expect(res.headers.location).toMatch(/^\/desk\/claims\/\d+\?created=1$/);
    const id = idFrom(res.headers.location);
    expect(await claimRow(id)).toMatchObject({
      claimant_id: ids.kremlin,
      said_on: '2025-03-01',
      said_precision: 'month',
      kind: 'promise',
      review_due_on: '2025-04-17',
      quote_language: 'nl',
      state: 'draft',
      version: 1,
    });
    const citations = await t.db.selectFrom('citation').selectAll().where('claim_id', '=', id).orderBy('id').execute();
    expect(citations.map((c) => [c.source_id, c.role, c.excerpt])).toEqual([
      [ids.article, 'reported_by', 'Het Kremlin verklaarde'],
      [ids.fox, 'evidence_against', null],
    ]);
    const topics = await t.db
      .selectFrom('claim_topic')
      .innerJoin('topic', 'topic.id', 'claim_topic.topic_id')
      .select('topic.name')
      .where('claim_id', '=', id)
      .execute();
    expect(topics.map((x) => x.name).sort()).toEqual(['Ceasefire', 'Energy infrastructure']);

    const page = await request(t.app).get(res.headers.location!).expect(200);
    expect(page.text).toContain('Created.');
    expect(shownValue(page.text, 'f-said_on')).toBe('2025-03');
    expect(shownValue(page.text, 'f-claimant_id')).toBe(String(ids.kremlin));
    expect(shownValue(page.text, 'f-citations-1-role')).toBe('evidence_against');
    // The two stored citations plus two empty rows.
    expect(shownValue(page.text, 'f-citations-3-source_id')).toBe('');
    expect(shownValue(page.text, 'f-citations-4-source_id')).toBeNull();
    const list = await request(t.app).get('/desk/claims').expect(200);
    expect(list.text).toContain(`href="/desk/claims/${id}">Putin agreed to a 30-day pause`);
  });

  it('edits a claim: fields, citations and topics are replaced and the version goes up', async () => {
    const id = idFrom((await postForm(t.app, '/desk/claims/new', claimForm()).expect(303)).headers.location);
    await postForm(
      t.app,
      `/desk/claims/${id}`,
      claimForm({
        version: '1',
        kind: 'statement',
        review_due_on: '',
        verdict: 'false',
        verdict_rationale: 'Strikes continued the next day.',
        state: 'published',
        topics: 'Energy',
        citation_source_id: [String(ids.fox), ''],
        citation_role: ['made_in', ''],
        citation_excerpt: ['', ''],
      }),
    )
      .expect(303)
      .expect('Location', `/desk/claims/${id}?saved=1`);
    expect(await claimRow(id)).toMatchObject({
      verdict: 'false',
      verdict_rationale: 'Strikes continued the next day.',
      state: 'published',
      version: 2,
    });
    expect(await t.db.selectFrom('citation').select(['source_id', 'role']).where('claim_id', '=', id).execute()).toEqual([
      { source_id: ids.fox, role: 'made_in' },
    ]);
  });

  it('creates the claimant inline, and reuses an existing one whose name matches in any case', async () => {
    const before = await rowCounts(t.db);
    const first = await postForm(
      t.app,
      '/desk/claims/new',
      claimForm({ claimant_id: '', new_claimant_name: 'Dmitry Peskov', new_claimant_kind: 'government' }),
    ).expect(303);
    const peskov = await t.db.selectFrom('claimant').selectAll().where('name', '=', 'Dmitry Peskov').executeTakeFirstOrThrow();
    expect(peskov.kind).toBe('government');
    expect((await claimRow(idFrom(first.headers.location))).claimant_id).toBe(peskov.id);

    // The same text again: "Save anyway" past repeat detection (test/http/similar-claims.test.ts).
    const second = await postForm(
      t.app,
      '/desk/claims/new',
      claimForm({ claimant_id: '', new_claimant_name: '  KREMLIN ', similar: 'ignore' }),
    ).expect(303);
    expect((await claimRow(idFrom(second.headers.location))).claimant_id).toBe(ids.kremlin);
    expect((await rowCounts(t.db)).claimant).toBe(before.claimant + 1);
  });

  it('keeps everything typed when it refuses a claim: fields, citation rows and the new claimant', async () => {
    const fields = claimForm({
      claimant_id: '',
      new_claimant_name: 'Dmitry <Peskov>',
      new_claimant_kind: 'government',
      text: '',
      citation_source_id: [String(ids.fox), '', String(ids.article), ''],
      citation_role: ['made_in', '', 'evidence_for', ''],
      citation_excerpt: ['“quoted” & <kept>', '', 'second', ''],
    });
    const html = await expectRejected(fields, { 'f-text': 'The claim is required.' });
    expect(html).toContain('Nothing was saved: there is a problem');
    expect(shownValue(html, 'f-new_claimant_name')).toBe('Dmitry <Peskov>');
    expect(shownValue(html, 'f-new_claimant_kind')).toBe('government');
    expect(shownValue(html, 'f-quote')).toBe(fields.quote);
    expect(shownValue(html, 'f-topics')).toBe(fields.topics);
    expect(shownValue(html, 'f-said_on')).toBe('2025-03');
    expect(shownValue(html, 'f-citations-0-source_id')).toBe(String(ids.fox));
    expect(shownValue(html, 'f-citations-0-excerpt')).toBe('“quoted” & <kept>');
    expect(shownValue(html, 'f-citations-2-role')).toBe('evidence_for');
    expect(shownValue(html, 'f-citations-2-excerpt')).toBe('second');
    expect(html).not.toContain('<Peskov>');
  });

  it.each([
    ['a missing text', { text: '  ' }, { 'f-text': 'The claim is required.' }],
    ['a text that is too long', { text: 'x'.repeat(5001) }, { 'f-text': 'The claim must be at most 5000 characters.' }],
    [
      'an unreadable date',
      { said_on: 'last Tuesday' },
      { 'f-said_on': 'When it was said must be written as 2025-03-18, 2025-03 or 2025.' },
    ],
    ['an impossible date', { said_on: '2025-02-30' }, { 'f-said_on': 'When it was said must be written as 2025-03-18, 2025-03 or 2025.' }],
    [
      'an impossible review date',
      { review_due_on: '2025-13-01' },
      { 'f-review_due_on': 'The review-due date must be a real day written as YYYY-MM-DD.' },
    ],
    ['an unknown kind', { kind: 'rumour' }, { 'f-kind': 'The kind must be one of: statement, promise, prediction.' }],
    ['an unknown state', { state: 'live' }, { 'f-state': 'The state must be one of: draft, published, retracted.' }],
    [
      'a review date on a statement',
      { kind: 'statement' },
      { 'f-review_due_on': expect.stringContaining('Only promises and predictions') },
    ],
    [
      'a verdict without a rationale',
      { verdict: 'mostly-false', verdict_rationale: ' ' },
      { 'f-verdict_rationale': expect.stringContaining('needs a rationale') },
    ],
    ['no claimant at all', { claimant_id: '' }, { 'f-claimant_id': 'Pick who said it, or type the name of a new claimant.' }],
    ['both a picked and a new claimant', { new_claimant_name: 'Peskov' }, { 'f-new_claimant_name': expect.stringContaining('not both') }],
    ['a non-numeric claimant', { claimant_id: 'kremlin' }, { 'f-claimant_id': 'The claimant must be a valid choice.' }],
    ['a quote language without a quote', { quote: '' }, { 'f-quote_language': expect.stringContaining('Paste the original quote') }],
    ['a bad quote language', { quote_language: 'Dutch' }, { 'f-quote_language': expect.stringContaining('language code') }],
    [
      'an unknown citation role',
      { citation_role: ['reported_by', 'hearsay', '', ''] },
      { 'f-citations-1-role': expect.stringContaining('Choose the role') },
    ],
    [
      'a citation row with a role but no source',
      { citation_role: ['reported_by', 'evidence_against', 'made_in', ''] },
      { 'f-citations-2-source_id': 'Pick a source, or type a new source’s title and outlet.' },
    ],
    [
      'a citation row with an excerpt only',
      { citation_excerpt: ['', '', '', 'orphan excerpt'] },
      {
        'f-citations-3-source_id': 'Pick a source, or type a new source’s title and outlet.',
        'f-citations-3-role': expect.stringContaining('Choose the role'),
      },
    ],
    [
      'a citation row with a source but no role',
      { citation_role: ['reported_by', '', '', ''] },
      { 'f-citations-1-role': expect.stringContaining('Choose the role') },
    ],
    [
      'a topic name that is too long',
      { topics: `Aid, ${'t'.repeat(81)}` },
      { 'f-topics': 'Each name in topics must be at most 80 characters.' },
    ],
    [
      'a link target typed without picking',
      { link_to_claim: 'Trump said' },
      { 'f-link_to_claim': expect.stringContaining('choose a claim from the list') },
    ],
  ])('refuses %s with 422 and the message at the field; nothing is saved', async (_what, change, errors) => {
    await expectRejected(claimForm(change), errors);
  });

  it('creates new sources typed in citation rows with the claim, once per identical description', async () => {
    const before = await rowCounts(t.db);
    const typed = {
      citation_source_id: [String(ids.fox), '', '', ''],
      citation_new_source_title: ['', 'Readout of the call', 'Readout of the call', ''],
      citation_new_source_outlet: ['', 'Kremlin.ru', 'Kremlin.ru', ''],
      citation_new_source_url: ['', 'https://kremlin.example/readout', 'https://kremlin.example/readout', ''],
      citation_new_source_published_on: ['', '2025-03-18', '2025-03-18', ''],
      citation_role: ['reported_by', 'made_in', 'evidence_for', ''],
      citation_excerpt: ['', 'a pause of 30 days', '', ''],
    };
    const res = await postForm(t.app, '/desk/claims/new', claimForm(typed)).expect(303);
    const id = idFrom(res.headers.location);
    const after = await rowCounts(t.db);
    expect(after.source).toBe(before.source + 1);
    const made = await t.db.selectFrom('source').selectAll().where('title', '=', 'Readout of the call').executeTakeFirstOrThrow();
    expect(made).toMatchObject({ outlet: 'Kremlin.ru', url: 'https://kremlin.example/readout', published_on: '2025-03-18' });
    const cited = await t.db
      .selectFrom('citation')
      .select(['source_id', 'role', 'excerpt'])
      .where('claim_id', '=', id)
      .orderBy('id')
      .execute();
    expect(cited).toEqual([
      { source_id: ids.fox, role: 'reported_by', excerpt: null },
      { source_id: made.id, role: 'made_in', excerpt: 'a pause of 30 days' },
      { source_id: made.id, role: 'evidence_for', excerpt: null },
    ]);
    // The edit page shows the new source picked in its row, like any other.
    const page = await request(t.app).get(`/desk/claims/${id}`).expect(200);
    expect(shownValue(page.text, 'f-citations-1-source_id')).toBe(String(made.id));
  });

  it.each([
    [
      'a new source without an outlet',
      { citation_new_source_title: ['', '', 'Readout', ''] },
      { 'f-citations-2-new_source_outlet': 'A new source needs both its title and its outlet.' },
    ],
    [
      'a new source with a bad URL',
      {
        citation_new_source_title: ['', '', 'Readout', ''],
        citation_new_source_outlet: ['', '', 'Kremlin.ru', ''],
        citation_new_source_url: ['', '', 'javascript:alert(1)', ''],
      },
      { 'f-citations-2-new_source_url': expect.stringContaining('URL') },
    ],
    [
      'a row with both a picked and a new source',
      { citation_new_source_title: ['Readout', '', '', ''], citation_new_source_outlet: ['Kremlin.ru', '', '', ''] },
      { 'f-citations-0-new_source_title': 'Pick an existing source or type a new one, not both.' },
    ],
  ])('refuses %s, saving no source and no claim, keeping everything typed', async (_what, change, errors) => {
    const html = await expectRejected(claimForm({ claimant_id: '', new_claimant_name: 'Dmitry Peskov', ...change }), errors);
    expect(shownValue(html, 'f-new_claimant_name')).toBe('Dmitry Peskov');
    expect(shownValue(html, 'f-citations-0-excerpt')).toBe('Het Kremlin verklaarde');
    for (const [k, v] of Object.entries(change)) {
      const i = v.findIndex((x) => x !== '');
      expect(shownValue(html, `f-citations-${i}-${k.replace('citation_', '')}`)).toBe(v[i]);
    }
    // The row's new-source fields are unfolded where something is wrong with them.
    expect(html).toMatch(/<details class="new-source" open>/);
  });

  it('adds an empty citation row without JavaScript: everything typed is kept and nothing is saved', async () => {
    const before = await rowCounts(t.db);
    const fields = claimForm({
      text: '',
      citation_source_id: [String(ids.fox), ''],
      citation_new_source_title: ['', 'Typed title'],
      citation_new_source_outlet: ['', 'Typed outlet'],
      citation_role: ['made_in', 'reported_by'],
      citation_excerpt: ['kept', ''],
      add_citation: '1',
    });
    const res = await postForm(t.app, '/desk/claims/new', fields).expect(200);
    expect(await rowCounts(t.db)).toEqual(before);
    expect(allFieldErrors(res.text)).toEqual({});
    expect(res.text).not.toContain('Nothing was saved: there is a problem');
    expect(shownValue(res.text, 'f-citations-0-source_id')).toBe(String(ids.fox));
    expect(shownValue(res.text, 'f-citations-0-excerpt')).toBe('kept');
    expect(shownValue(res.text, 'f-citations-1-new_source_title')).toBe('Typed title');
    expect(shownValue(res.text, 'f-citations-1-new_source_outlet')).toBe('Typed outlet');
    expect(shownValue(res.text, 'f-quote')).toBe(fields.quote);
    expect(shownValue(res.text, 'f-citations-2-source_id')).toBe('');
    expect(res.text).not.toContain('id="f-citations-3-source_id"');
    // The same on a claim's edit page, where the version rides along.
    const edit = await postForm(t.app, `/desk/claims/${ids.trumpClaim}`, { ...fields, text: 'Edited', version: '1' }).expect(200);
    expect(shownValue(edit.text, 'f-text')).toBe('Edited');
    expect(shownValue(edit.text, 'f-citations-2-role')).toBe('');
    expect(await rowCounts(t.db)).toEqual(before);
    expect((await claimRow(ids.trumpClaim)).text).not.toBe('Edited');
  });

  it('offers no link that leaves the form to add a source first, and the script that adds rows in place', async () => {
    const res = await request(t.app).get('/desk/claims/new').expect(200);
    expect(res.text).not.toContain('href="/desk/sources/new"');
    expect(res.text).toContain(
      '<button type="submit" name="add_citation" value="1" class="secondary" id="add-citation">Add another source</button>',
    );
    expect(res.text).toContain('<template id="citation-template">');
    expect(res.text).toContain('id="f-citations-__INDEX__-new_source_title"');
    expect(res.text).toContain('<script src="/assets/citation-rows.js" defer></script>');
    const script = await request(t.app).get('/assets/citation-rows.js').expect(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('refuses the same source twice in the same role instead of dropping one excerpt', async () => {
    await expectRejected(
      claimForm({
        citation_source_id: [String(ids.article), String(ids.article), '', ''],
        citation_role: ['reported_by', 'reported_by', '', ''],
      }),
      { 'f-citations-1-source_id': expect.stringContaining('already cited in that role (citation 1)') },
    );
  });

  it('reports every problem at once', async () => {
    const html = await expectRejected(claimForm({ text: '', said_on: 'soon', verdict: 'false', verdict_rationale: '' }), {});
    expect(Object.keys(allFieldErrors(html)).sort()).toEqual(['f-said_on', 'f-text', 'f-verdict_rationale']);
  });

  it.each([
    ['an unknown claimant', { claimant_id: '999999' }, { 'f-claimant_id': expect.stringContaining('claimant does not exist') }],
    ['an unknown verdict', { verdict: 'banana', verdict_rationale: 'Because.' }, { 'f-verdict': 'Choose a verdict from the scale.' }],
    [
      'an unknown source after a blank row',
      { citation_source_id: ['', '999999', '', ''], citation_role: ['', 'made_in', '', ''], citation_excerpt: ['', '', '', ''] },
      { 'f-citations-1-source_id': expect.stringContaining('source does not exist') },
    ],
    [
      'an unknown claim to link to',
      { link_to_claim: '#999999 — Nobody: nothing' },
      { 'f-link_to_claim': 'The claim to link to does not exist.' },
    ],
  ])('refuses %s found by the repository with 422 at the field; nothing is saved', async (_what, change, errors) => {
    await expectRejected(claimForm(change), errors);
  });

  it('creates neither the claim nor the inline claimant when a citation is bad', async () => {
    await expectRejected(
      claimForm({ claimant_id: '', new_claimant_name: 'Brand New Claimant', citation_source_id: [String(ids.fox), '999999', '', ''] }),
      { 'f-citations-1-source_id': expect.stringContaining('source does not exist') },
    );
    expect(await t.db.selectFrom('claimant').select('id').where('name', '=', 'Brand New Claimant').executeTakeFirst()).toBeUndefined();
  });

  it('links a new claim to an existing one picked from the list', async () => {
    const page = await request(t.app).get('/desk/claims/new').expect(200);
    const option = new RegExp(`<option value="(#${ids.trumpClaim} — Donald Trump: [^"]*)"`).exec(page.text);
    expect(option).not.toBeNull();
    expect(page.text).toContain('list="claim-picker"');
    const res = await postForm(
      t.app,
      '/desk/claims/new',
      claimForm({ link_type: 'contradicts', link_to_claim: option![1]!.replace(/&#x27;/g, "'") }),
    ).expect(303);
    const id = idFrom(res.headers.location);
    const links = await t.db.selectFrom('claim_link').selectAll().where('from_claim_id', '=', id).execute();
    expect(links).toMatchObject([{ to_claim_id: ids.trumpClaim, type: 'contradicts' }]);
    const edit = await request(t.app).get(`/desk/claims/${id}`).expect(200);
    expect(edit.text).toContain(`href="/desk/disputes/new?a&#x3D;${id}&amp;b&#x3D;${ids.trumpClaim}"`);
  });

  it('adds and removes links on the claim page, refusing self-links and duplicates', async () => {
    const id = idFrom((await postForm(t.app, '/desk/claims/new', claimForm()).expect(303)).headers.location);
    await postForm(t.app, `/desk/claims/${id}/links`, {
      type: 'supports',
      to_claim: `#${ids.kremlinClaim} — Kremlin: …`,
      note: 'same call',
    })
      .expect(303)
      .expect('Location', `/desk/claims/${id}?linked=1#links`);
    const link = await t.db.selectFrom('claim_link').selectAll().where('from_claim_id', '=', id).executeTakeFirstOrThrow();
    expect(link).toMatchObject({ to_claim_id: ids.kremlinClaim, type: 'supports', note: 'same call' });
    const page = await request(t.app).get(`/desk/claims/${id}`).expect(200);
    expect(page.text).toContain(`action="/desk/claims/${id}/links/${link.id}/delete"`);

    const before = await rowCounts(t.db);
    const self = await postForm(t.app, `/desk/claims/${id}/links`, { type: 'supports', to_claim: String(id) }).expect(422);
    expect(fieldError(self.text, 'f-to_claim')).toBe('A claim cannot be linked to itself.');
    expect(shownValue(self.text, 'f-type')).toBe('supports');
    const duplicate = await postForm(t.app, `/desk/claims/${id}/links`, { type: 'supports', to_claim: `#${ids.kremlinClaim}` }).expect(422);
    expect(fieldError(duplicate.text, 'f-to_claim')).toBe('These claims are already linked as "supports".');
    const missing = await postForm(t.app, `/desk/claims/${id}/links`, { type: 'supports', to_claim: '' }).expect(422);
    expect(fieldError(missing.text, 'f-to_claim')).toBe('The linked claim is required.');
    const badType = await postForm(t.app, `/desk/claims/${id}/links`, { type: 'refutes', to_claim: `#${ids.trumpClaim}` }).expect(422);
    expect(fieldError(badType.text, 'f-type')).toContain('must be one of');
    // "contradicts" reads both ways: the reverse of an existing contradiction is a duplicate too.
    await postForm(t.app, `/desk/claims/${ids.trumpClaim}/links`, { type: 'contradicts', to_claim: String(id) }).expect(303);
    const reverse = await postForm(t.app, `/desk/claims/${id}/links`, { type: 'contradicts', to_claim: String(ids.trumpClaim) }).expect(
      422,
    );
    expect(fieldError(reverse.text, 'f-to_claim')).toBe('These claims are already linked as "contradicts".');
    expect((await rowCounts(t.db)).claim_link).toBe(before.claim_link + 1);

    // A link can only be removed through one of its own claims.
    await request(t.app).post(`/desk/claims/${ids.trumpClaim}/links/${link.id}/delete`).expect(404);
    await request(t.app)
      .post(`/desk/claims/${id}/links/${link.id}/delete`)
      .expect(303)
      .expect('Location', `/desk/claims/${id}?unlinked=1#links`);
    expect(await t.db.selectFrom('claim_link').select('id').where('id', '=', link.id).executeTakeFirst()).toBeUndefined();
    await request(t.app).post(`/desk/claims/${id}/links/${link.id}/delete`).expect(404);
  });

  it('refuses an edit made from an old version with 409, keeping the typed text', async () => {
    const id = idFrom((await postForm(t.app, '/desk/claims/new', claimForm()).expect(303)).headers.location);
    await postForm(t.app, `/desk/claims/${id}`, claimForm({ version: '1', text: 'First editor' })).expect(303);
    const res = await postForm(t.app, `/desk/claims/${id}`, claimForm({ version: '1', text: 'Second editor, unaware' })).expect(409);
    expect(res.text).toContain('someone else changed this claim since you opened it (it is now at version 2)');
    // The conflict page: the typed text is kept (as the merged text's start), and the merge saves against version 2.
    expect(shownValue(res.text, 'f-merge-text-merged')).toBe('Second editor, unaware');
    expect(res.text).toContain('<input type="hidden" name="version" value="2">');
    expect(await claimRow(id)).toMatchObject({ text: 'First editor', version: 2 });
  });

  it('refuses an edit without a usable version with 422', async () => {
    const before = await rowCounts(t.db);
    const res = await postForm(t.app, `/desk/claims/${ids.kremlinClaim}`, claimForm({ version: 'x', text: 'Changed' })).expect(422);
    expect(res.text).toContain('missing the version it was opened at');
    expect((await claimRow(ids.kremlinClaim)).text).not.toBe('Changed');
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('escapes claim text everywhere on the desk', async () => {
    const id = idFrom(
      (await postForm(t.app, '/desk/claims/new', claimForm({ text: '<script>alert(1)</script>' })).expect(303)).headers.location,
    );
    for (const url of ['/desk/claims', `/desk/claims/${id}`, '/desk/claims/new', '/desk/disputes/new']) {
      const res = await request(t.app).get(url).expect(200);
      expect(res.text).not.toContain('<script>alert(1)</script>');
      expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it('refuses to delete a claim that is a side of a dispute, explaining why, with 409', async () => {
    const before = await rowCounts(t.db);
    const res = await request(t.app).post(`/desk/claims/${ids.kremlinClaim}/delete`).expect(409);
    expect(res.text).toContain('This claim cannot be deleted: it is a side of 1 dispute(s)');
    expect(res.text.match(/<h1>/g)).toHaveLength(1);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('deletes a claim with its citations, topics and links', async () => {
    const res = await postForm(t.app, '/desk/claims/new', claimForm({ link_to_claim: String(ids.trumpClaim) })).expect(303);
    const id = idFrom(res.headers.location);
    await request(t.app).post(`/desk/claims/${id}/delete`).expect(303).expect('Location', '/desk/claims?deleted=1');
    expect(await t.db.selectFrom('claim').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
    for (const table of ['citation', 'claim_topic'] as const) {
      expect(await t.db.selectFrom(table).select('claim_id').where('claim_id', '=', id).execute()).toEqual([]);
    }
    expect(await t.db.selectFrom('claim_link').select('id').where('from_claim_id', '=', id).execute()).toEqual([]);
    const list = await request(t.app).get('/desk/claims?deleted=1').expect(200);
    expect(list.text).toContain('Deleted.');
  });
});
