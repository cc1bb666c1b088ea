import { addClaim } from '../helpers/claims';
import { testApp, type TestApp } from '../helpers/app';
import { loginAs, type LoggedIn } from '../helpers/auth';
import { decode, form, idFrom, rowCounts, shownValue, submittedFields, unlabelledControls, withFields } from '../helpers/desk';

// Conflicting edits: two people open the same record, both save; the second gets the conflict page
// (409) with both versions side by side, and can merge and save against the current version.

let t: TestApp;
let ed1: LoggedIn;
let ed2: LoggedIn;
let ids: { kremlin: number; fox: number; trumpClaim: number; kremlinClaim: number };

beforeEach(async () => {
  t = await testApp();
  ed1 = await loginAs(t, 'editor', 'ed1@example.test');
  ed2 = await loginAs(t, 'editor', 'ed2@example.test');
  await t.db.updateTable('user_account').set({ display_name: 'Erin Second' }).where('email', '=', 'ed2@example.test').execute();
  const claimant = async (name: string) =>
    (await t.db.selectFrom('claimant').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const kremlin = await claimant('Kremlin');
  const claimBy = async (id: number) =>
    (await t.db.selectFrom('claim').select('id').where('claimant_id', '=', id).orderBy('id').executeTakeFirstOrThrow()).id;
  const fox = (await t.db.selectFrom('source').select('id').where('outlet', 'like', 'Fox News%').executeTakeFirstOrThrow()).id;
  ids = { kremlin, fox, kremlinClaim: await claimBy(kremlin), trumpClaim: await claimBy(await claimant('Donald Trump')) };
});
afterEach(async () => {
  expect(t.errors).toEqual([]);
  await t.db.destroy();
});

function claimForm(csrf: string, overrides: Record<string, string | string[]> = {}) {
  return form({
    _csrf: csrf,
    claimant_id: String(ids.kremlin),
    new_claimant_name: '',
    new_claimant_kind: 'person',
    text: 'Putin agreed to a 30-day pause in strikes on energy infrastructure.',
    quote: 'Poetin stemde in',
    quote_language: 'nl',
    said_on: '2025-03',
    said_where: 'Kremlin readout',
    kind: 'promise',
    review_due_on: '2025-04-17',
    topics: 'Ceasefire',
    verdict: 'unverified',
    verdict_rationale: '',
    state: 'draft',
    citation_source_id: [String(ids.fox), ''],
    citation_role: ['reported_by', ''],
    citation_excerpt: ['', ''],
    ...overrides,
  });
}

const claimRow = (id: number) => t.db.selectFrom('claim').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function newClaim(): Promise<number> {
  const res = await ed1.agent
    .post('/desk/claims/new')
    .type('form')
    .send(claimForm(await ed1.csrf()))
    .expect(303);
  return idFrom(res.headers.location);
}

/** The version an edit form was opened at, read from the form as a browser would. */
async function openedVersion(who: LoggedIn, id: number): Promise<string> {
  const page = await who.agent.get(`/desk/claims/${id}`).expect(200);
  return /<input type="hidden" name="version" value="(\d+)">/.exec(page.text)![1]!;
}

describe('conflicting edits', () => {
  it('lets exactly one of two concurrent edits win; the other gets the conflict page with its text intact', async () => {
    const id = await newClaim();
    const [v1, v2] = await Promise.all([openedVersion(ed1, id), openedVersion(ed2, id)]);
    expect(v1).toBe('1');
    expect(v2).toBe('1');
    const texts = ['Edit by the first editor <b>bold</b>', 'Edit by the second editor & co'];
    const [c1, c2] = await Promise.all([ed1.csrf(), ed2.csrf()]);
    const results = await Promise.all([
      ed1.agent
        .post(`/desk/claims/${id}`)
        .type('form')
        .send(claimForm(c1, { version: v1, text: texts[0]! })),
      ed2.agent
        .post(`/desk/claims/${id}`)
        .type('form')
        .send(claimForm(c2, { version: v2, text: texts[1]! })),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([303, 409]);
    const winner = results.findIndex((r) => r.status === 303);
    const loser = 1 - winner;
    const page = results[loser]!.text;
    expect(page).toContain('someone else changed this claim since you opened it');
    // Both versions side by side: the stored one (the winner's) and what the loser typed.
    expect(decode(page)).toContain(texts[winner]!);
    expect(shownValue(page, 'f-merge-text-merged')).toBe(texts[loser]);
    expect(page).toContain(
      `name="yours__text" value="${texts[loser]!.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}"`,
    );
    expect(await claimRow(id)).toMatchObject({ text: texts[winner], version: 2 });
  });

  it('shows who changed it and when, and merges per field: untouched fields keep theirs, changed ones yours', async () => {
    const id = await newClaim();
    // The first editor changes the text; the second, from version 1, changes the quote and the excerpt.
    await ed1.agent
      .post(`/desk/claims/${id}`)
      .type('form')
      .send(claimForm(await ed1.csrf(), { version: '1', text: 'Text by one' }))
      .expect(303);
    await t.db.updateTable('user_account').set({ display_name: 'Olga First' }).where('email', '=', 'ed1@example.test').execute();
    const before = await rowCounts(t.db);
    const conflict = await ed2.agent
      .post(`/desk/claims/${id}`)
      .type('form')
      .send(claimForm(await ed2.csrf(), { version: '1', quote: 'Quote by two', citation_excerpt: ['Excerpt by two', ''] }))
      .expect(409);
    expect(await rowCounts(t.db)).toEqual(before);
    expect(conflict.text).toContain('Stored now: version 2, last changed by Olga First on');
    expect(conflict.text).toMatch(/id="f-merge-text-theirs" name="choice__text" value="theirs" checked/);
    expect(conflict.text).toMatch(/id="f-merge-quote-yours" name="choice__quote" value="yours" checked/);
    expect(conflict.text).toMatch(/id="f-merge-citations-yours" name="choice__citations" value="yours" checked/);
    expect(conflict.text).toContain('Excerpt by two');
    // Every radio button and merged-text box has its label.
    expect(unlabelledControls(conflict.text)).toEqual([]);

    // Saving the page as it is keeps both changes.
    await ed2.agent
      .post(`/desk/claims/${id}`)
      .type('form')
      .send(withFields(submittedFields(conflict.text, 'record conflict'), {}))
      .expect(303);
    const row = await claimRow(id);
    expect(row).toMatchObject({ text: 'Text by one', quote: 'Quote by two', version: 3 });
    const excerpts = await t.db.selectFrom('citation').select('excerpt').where('claim_id', '=', id).execute();
    expect(excerpts).toEqual([{ excerpt: 'Excerpt by two' }]);
    // The merge is in the history with who did it.
    const last = await t.db
      .selectFrom('revision as r')
      .innerJoin('user_account as u', 'u.id', 'r.actor_id')
      .select('u.display_name')
      .where('r.entity', '=', 'claim')
      .where('r.entity_id', '=', id)
      .orderBy('r.id', 'desc')
      .executeTakeFirstOrThrow();
    expect(last.display_name).toBe('Erin Second');
  });

  it('saves a merged text typed on the conflict page, and conflicts again when the record moved on meanwhile', async () => {
    const id = await newClaim();
    await ed1.agent
      .post(`/desk/claims/${id}`)
      .type('form')
      .send(claimForm(await ed1.csrf(), { version: '1', text: 'One' }))
      .expect(303);
    const conflict = await ed2.agent
      .post(`/desk/claims/${id}`)
      .type('form')
      .send(claimForm(await ed2.csrf(), { version: '1', text: 'Two' }))
      .expect(409);
    const pairs = submittedFields(conflict.text, 'record conflict');
    // Someone saves again before the merge arrives: the merge is refused too, nothing lost.
    await ed1.agent
      .post(`/desk/claims/${id}`)
      .type('form')
      .send(claimForm(await ed1.csrf(), { version: '2', text: 'One, again' }))
      .expect(303);
    const again = await ed2.agent
      .post(`/desk/claims/${id}`)
      .type('form')
      .send(withFields(pairs, { choice__text: 'edit', merged__text: 'One and two' }))
      .expect(409);
    expect(shownValue(again.text, 'f-merge-text-merged')).toBe('One and two');
    expect(again.text).toContain('<input type="hidden" name="version" value="3">');
    await ed2.agent
      .post(`/desk/claims/${id}`)
      .type('form')
      .send(withFields(submittedFields(again.text, 'record conflict'), { choice__text: 'edit', merged__text: 'One, again, and two' }))
      .expect(303);
    expect(await claimRow(id)).toMatchObject({ text: 'One, again, and two', version: 4 });
  });

  it('refuses a merge that breaks a rule with 422, like any edit', async () => {
    const id = await newClaim();
    await ed1.agent
      .post(`/desk/claims/${id}`)
      .type('form')
      .send(claimForm(await ed1.csrf(), { version: '1', text: 'One' }))
      .expect(303);
    const conflict = await ed2.agent
      .post(`/desk/claims/${id}`)
      .type('form')
      .send(claimForm(await ed2.csrf(), { version: '1', text: 'Two' }))
      .expect(409);
    const res = await ed2.agent
      .post(`/desk/claims/${id}`)
      .type('form')
      .send(withFields(submittedFields(conflict.text, 'record conflict'), { choice__text: 'edit', merged__text: '' }))
      .expect(422);
    expect(res.text).toContain('is required');
    expect((await claimRow(id)).text).toBe('One');
  });

  it('gives disputes the same conflict page', async () => {
    const disputeForm = (csrf: string, o: Record<string, string>) =>
      form({
        _csrf: csrf,
        question: 'Is the pause holding?',
        slug: '',
        summary: 'Both sides accuse each other.',
        status: 'open',
        state: 'draft',
        claim_a: `#${ids.kremlinClaim} — x`,
        claim_b: `#${sideB} — y`,
        ...o,
      });
    // A claim no dispute frames with the Kremlin's yet: one dispute per pair of claims.
    const sideB = (await addClaim(t.db, 'kremlin', { text: 'Strikes resumed the same night.' })).id;
    const created = await ed1.agent
      .post('/desk/disputes/new')
      .type('form')
      .send(disputeForm(await ed1.csrf(), {}))
      .expect(303);
    const id = idFrom(created.headers.location);
    await ed1.agent
      .post(`/desk/disputes/${id}`)
      .type('form')
      .send(disputeForm(await ed1.csrf(), { version: '1', question: 'Is the pause really holding?' }))
      .expect(303);
    const conflict = await ed2.agent
      .post(`/desk/disputes/${id}`)
      .type('form')
      .send(disputeForm(await ed2.csrf(), { version: '1', summary: 'Summary by two' }))
      .expect(409);
    expect(conflict.text).toMatch(/name="choice__question" value="theirs" checked/);
    await ed2.agent
      .post(`/desk/disputes/${id}`)
      .type('form')
      .send(withFields(submittedFields(conflict.text, 'record conflict'), {}))
      .expect(303);
    const row = await t.db.selectFrom('dispute').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ question: 'Is the pause really holding?', summary: 'Summary by two', version: 3 });
  });
});
