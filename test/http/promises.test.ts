import { XMLParser, XMLValidator } from 'fast-xml-parser';
import request from 'supertest';
import { updateClaim } from '../../src/claims/claim.repository';
import { writeOutcome } from '../../src/promises/promise-outcome.repository';
import { useTestApp, type TestApp } from '../helpers/app';
import { loginAs } from '../helpers/auth';
import { addClaim } from '../helpers/claims';
import { allFieldErrors, decode, rowCounts } from '../helpers/desk';

let t: TestApp;
useTestApp((app) => (t = app));

const PLEDGE = 'Vladimir Putin pledged that Russia will not fire on Ukrainian energy infrastructure for 30 days.';
const DISPUTE = 'is-russia-keeping-its-30-day-energy-strike-pledge';
const pledge = () => t.db.selectFrom('claim').selectAll().where('text', '=', PLEDGE).executeTakeFirstOrThrow();
const rowIds = (html: string) => [...html.matchAll(/<tr id="promise-(\d+)"/g)].map((m) => Number(m[1]));
const atom = (xml: string) => {
  expect(XMLValidator.validate(xml)).toBe(true);
  const feed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml).feed;
  expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
  const entries = feed.entry === undefined ? [] : Array.isArray(feed.entry) ? feed.entry : [feed.entry];
  return { feed, entries: entries as Array<{ title: string; summary: string; category: { '@term': string }; link: { '@href': string } }> };
};

/** A published promise by the Kremlin, due in `due`, with an outcome when given. */
async function promise(text: string, due: string, outcome?: 'kept' | 'broken', state: 'published' | 'draft' = 'published') {
  const claim = await addClaim(t.db, 'kremlin', { text, kind: 'promise', review_due_on: due, state });
  if (outcome) await writeOutcome(t.db, claim, { outcome, rationale: `Rated ${outcome}.`, assessed_on: due }, null);
  return claim;
}

describe('/promises', () => {
  it('shows the seed’s 30-day pledge as the first entry, pending, with the rationale and the due date', async () => {
    const res = await request(t.app).get('/promises').expect(200);
    const { id } = await pledge();
    expect(rowIds(res.text)).toEqual([id]);
    const row = decode(
      res.text.slice(res.text.indexOf(`id="promise-${id}"`), res.text.indexOf('</tr>', res.text.indexOf(`id="promise-${id}"`))),
    );
    expect(row).toContain(PLEDGE);
    expect(row).toContain('17 April 2025');
    expect(row).toMatch(/class="outcome outcome-pending"[^>]*>Pending</);
    expect(row).toContain('cannot say whether the pause held');
    expect(res.text).toContain('<link rel="canonical" href="http://gainsay.test/promises">');
    const sitemap = await request(t.app).get('/sitemap.xml').expect(200);
    expect(sitemap.text).toContain('<loc>http://gainsay.test/promises</loc>');
  });

  it('filters by claimant, outcome and due month, each facet counted under the other filters; drafts stay out', async () => {
    const kept = await promise('We will reopen the bridge by May.', '2025-05-01', 'kept');
    const broken = await promise('We will lower the price by May.', '2025-05-20', 'broken');
    await promise('A draft promise nobody may see.', '2025-05-02', undefined, 'draft');
    const { id: pledgeId } = await pledge();

    const all = await request(t.app).get('/promises').expect(200);
    expect(rowIds(all.text)).toEqual([broken.id, kept.id, pledgeId]);
    expect(all.text).not.toContain('A draft promise');
    expect(all.text).toMatch(/data-facet="due" data-value="2025-05">May 2025<\/a> <span class="count">2</);
    expect(all.text).toMatch(/data-facet="claimant" data-value="kremlin">Kremlin<\/a> <span class="count">2</);

    const may = await request(t.app).get('/promises?due=2025-05').expect(200);
    expect(rowIds(may.text)).toEqual([broken.id, kept.id]);
    // The outcome facet counts under the due filter; the due facet ignores its own filter.
    expect(may.text).toMatch(/data-facet="outcome" data-value="kept">Kept<\/a> <span class="count">1</);
    expect(may.text).not.toContain('data-facet="outcome" data-value="pending"');
    expect(may.text).toMatch(/data-facet="due" data-value="2025-04">April 2025<\/a> <span class="count">1</);
    expect(may.text).toContain('<meta name="robots" content="noindex,follow">');

    expect(rowIds((await request(t.app).get('/promises?outcome=kept').expect(200)).text)).toEqual([kept.id]);
    expect(rowIds((await request(t.app).get('/promises?claimant=vladimir-putin').expect(200)).text)).toEqual([pledgeId]);
    const none = await addClaim(t.db, 'kremlin', {
      text: 'A prediction with no outcome yet.',
      kind: 'prediction',
      review_due_on: '2031-01-01',
    });
    expect(rowIds((await request(t.app).get('/promises?outcome=none').expect(200)).text)).toEqual([none.id]);
  });

  it('answers a bad filter with a 400 naming the parameter, in English and in Dutch', async () => {
    const en = await request(t.app).get('/promises?outcome=maybe').expect(400);
    expect(decode(en.text)).toContain(
      'The parameter “outcome” is not valid: must be one of: kept, partly_kept, broken, pending, not_yet_due, none.',
    );
    const nl = await request(t.app).get('/promises?due=2025-13&lang=nl').expect(400);
    expect(decode(nl.text)).toContain('De parameter ‘due’ is niet geldig');
    expect(decode(nl.text)).toContain('moet een maand zijn, geschreven als JJJJ-MM');
    const json = await request(t.app).get('/promises.json?outcome=maybe').expect(400);
    expect(json.body.error).toMatchObject({ code: 'bad_filter', fields: { outcome: expect.stringContaining('must be one of') } });
  });

  it('has table twins with the same rows and filters', async () => {
    const kept = await promise('We will reopen the bridge by May.', '2025-05-01', 'kept');
    const csv = await request(t.app).get('/promises.csv?outcome=kept').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain('promises-outcome-kept.csv');
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'claim_id,url,claimant,claimant_slug,kind,text,said_on,review_due_on,outcome,outcome_on,outcome_rationale,verdict,state',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(
      `${kept.id},http://gainsay.test/claims/${kept.id},Kremlin,kremlin,promise,We will reopen the bridge by May.`,
    );

    const json = await request(t.app).get('/promises.json').expect(200);
    expect(json.body).toMatchObject({ kind: 'promises', total: 2 });
    const seed = json.body.rows.find((r: { text: string }) => r.text === PLEDGE);
    expect(seed).toMatchObject({
      outcome: 'pending',
      outcome_on: '2025-03-19',
      review_due_on: '2025-04-17',
      claimant: { slug: 'vladimir-putin' },
    });

    const md = await request(t.app).get('/promises.md').expect(200);
    expect(md.text).toContain('| claimant | text | review_due_on | outcome | outcome_rationale | url |');
    const xlsx = await request(t.app)
      .get('/promises.xlsx')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
  });

  it('shows an outcome badge on the claim page, the claimant page and the dispute page', async () => {
    const { id } = await pledge();
    for (const path of [`/claims/${id}`, '/claimants/vladimir-putin', `/disputes/${DISPUTE}`]) {
      const res = await request(t.app).get(path).expect(200);
      expect(res.text).toMatch(/<a class="outcome outcome-pending" href="\/promises\?outcome&#x3D;pending"[^>]*>Pending<\/a>/);
    }
    const claimant = await request(t.app).get('/claimants/vladimir-putin').expect(200);
    expect(claimant.text).toContain('href="/promises?claimant&#x3D;vladimir-putin">1 promise or prediction in the promise tracker</a>');
  });
});

describe('follow a dispute or a claimant', () => {
  it('gives each dispute an Atom feed, linked with rel="alternate", that lists a verdict change', async () => {
    const page = await request(t.app).get(`/disputes/${DISPUTE}`).expect(200);
    expect(page.text).toContain(
      `<link rel="alternate" type="application/atom+xml" href="http://gainsay.test/disputes/${DISPUTE}/feed.atom" title="Follow this dispute (Atom feed)">`,
    );
    const claim = await pledge();
    await updateClaim(t.db, claim.id, claim.version, {
      claimant_id: claim.claimant_id,
      text: claim.text,
      kind: 'promise',
      review_due_on: claim.review_due_on,
      verdict: 'misleading',
      verdict_rationale: 'Strikes on the grid were reported the next morning.',
      state: 'published',
      topics: [],
      citations: [],
    });
    const res = await request(t.app).get(`/disputes/${DISPUTE}/feed.atom`).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/atom\+xml/);
    const { feed, entries } = atom(res.text);
    expect(feed.title).toContain('Is Russia keeping Putin');
    // Found by its kind, not its place: on PostgreSQL the template's seed claims can carry the same second.
    expect(entries.find((e) => e.category['@term'] === 'verdict')).toMatchObject({
      title: `Verdict “Misleading”: ${PLEDGE}`,
      summary: 'Strikes on the grid were reported the next morning.',
      category: { '@term': 'verdict' },
      link: { '@href': `http://gainsay.test/claims/${claim.id}` },
    });
    const terms = entries.map((e) => e.category['@term']);
    expect(terms).toContain('claim-new');
    expect(terms).toContain('promise-outcome');
    await request(t.app).get('/disputes/no-such-dispute/feed.atom').expect(404);
  });

  it('gives each claimant an Atom feed with the outcomes of their promises, and hides drafts', async () => {
    const page = await request(t.app).get('/claimants/vladimir-putin').expect(200);
    expect(page.text).toContain(
      '<link rel="alternate" type="application/atom+xml" href="http://gainsay.test/claimants/vladimir-putin/feed.atom"',
    );
    await addClaim(t.db, 'vladimir-putin', { text: 'A draft the feed must not show.', state: 'draft' });
    const res = await request(t.app).get('/claimants/vladimir-putin/feed.atom').expect(200);
    const { entries } = atom(res.text);
    expect(res.text).not.toContain('A draft the feed must not show.');
    expect(entries.find((e) => e.category['@term'] === 'promise-outcome')?.title).toBe(`Promise outcome “Pending”: ${PLEDGE}`);
  });
});

describe('the outcome on the desk', () => {
  it('lets an editor change the outcome on the claim’s desk page; the change has its own history and reaches readers', async () => {
    const editor = await loginAs(t, 'editor');
    const { id } = await pledge();
    const deskPage = await editor.agent.get(`/desk/claims/${id}`).expect(200);
    expect(deskPage.text).toContain(`action="/desk/claims/${id}/outcome"`);
    const res = await editor.agent
      .post(`/desk/claims/${id}/outcome`)
      .type('form')
      .send({
        _csrf: await editor.csrf(),
        outcome: 'broken',
        assessed_on: '2025-04-17',
        rationale: 'Strikes on the grid went on <b>within</b> the 30 days.',
      })
      .expect(303);
    expect(res.headers.location).toBe(`/desk/claims/${id}?saved=1#outcome`);

    const history = await t.db.selectFrom('promise_outcome_revision').selectAll().where('claim_id', '=', id).orderBy('id').execute();
    expect(history.map((h) => [h.action, h.before_outcome, h.outcome, h.actor_id])).toEqual([
      ['create', null, 'pending', null],
      ['update', 'pending', 'broken', editor.userId],
    ]);
    const outcomePage = await editor.agent.get(`/desk/claims/${id}/outcome`).expect(200);
    expect(decode(outcomePage.text)).toContain('Pending → Broken');
    expect(outcomePage.text).toContain('Strikes on the grid went on &lt;b&gt;within&lt;/b&gt; the 30 days.');

    const claimPage = await request(t.app).get(`/claims/${id}`).expect(200);
    expect(claimPage.text).toMatch(/class="outcome outcome-broken"[^>]*>Broken</);
    // Settled: it leaves the due list.
    const due = await editor.agent.get('/desk/due').expect(200);
    expect(due.text).not.toContain(PLEDGE);
    // The history is append-only.
    await expect(t.db.deleteFrom('promise_outcome_revision').execute()).rejects.toMatchObject({
      code: expect.stringMatching(/^(SQLITE_CONSTRAINT_TRIGGER|23001)$/),
    });
  });

  it('lists promises past due without an outcome on the due list, with a link to set one', async () => {
    const editor = await loginAs(t, 'editor');
    const late = await addClaim(t.db, 'kremlin', {
      text: 'A late promise without an outcome.',
      kind: 'promise',
      review_due_on: '2024-01-01',
    });
    const due = await editor.agent.get('/desk/due').expect(200);
    const overdue = due.text.slice(due.text.indexOf('id="overdue-title"'), due.text.indexOf('id="upcoming-title"'));
    expect(overdue).toContain('A late promise without an outcome.');
    expect(overdue).toContain(`href="/desk/claims/${late.id}/outcome">Set the outcome</a>`);
  });

  it('names bad input in the user’s language and saves nothing', async () => {
    const editor = await loginAs(t, 'editor');
    const { id } = await pledge();
    const before = await t.db.selectFrom('promise_outcome_revision').select('id').execute();
    const en = await editor.agent
      .post(`/desk/claims/${id}/outcome`)
      .type('form')
      .send({ _csrf: await editor.csrf(), outcome: 'maybe', assessed_on: '2025-02-30', rationale: '' })
      .expect(422);
    expect(allFieldErrors(en.text)).toEqual({
      'f-outcome': 'The outcome must be one of: kept, partly_kept, broken, pending, not_yet_due.',
      'f-assessed_on': 'The date of the outcome must be a real day written as YYYY-MM-DD.',
      'f-rationale': 'The outcome’s rationale is required.',
    });
    expect(en.text).toContain('value="2025-02-30"');
    await editor.agent.get('/lang/nl?back=/desk').expect(303);
    const nl = await editor.agent
      .post(`/desk/claims/${id}/outcome`)
      .type('form')
      .send({ _csrf: await editor.csrf(), outcome: '', assessed_on: '', rationale: 'x' })
      .expect(422);
    expect(allFieldErrors(nl.text)).toMatchObject({
      'f-outcome': expect.stringContaining('De uitkomst moet een van deze waarden zijn'),
      'f-assessed_on': 'De datum van de uitkomst is verplicht.',
    });
    expect(await t.db.selectFrom('promise_outcome_revision').select('id').execute()).toEqual(before);
    // A statement has no outcome.
    const statement = await addClaim(t.db, 'kremlin', { text: 'Just a statement.' });
    const refused = await editor.agent
      .post(`/desk/claims/${statement.id}/outcome`)
      .type('form')
      .send({ _csrf: await editor.csrf(), outcome: 'kept', assessed_on: '2025-01-01', rationale: 'x' })
      .expect(422);
    expect(decode(refused.text)).toContain('Alleen beloftes en voorspellingen hebben een uitkomst');
  });

  it('shows reporters the outcome without the form, and refuses their posts', async () => {
    const reporter = await loginAs(t, 'reporter');
    const { id } = await pledge();
    const page = await reporter.agent.get(`/desk/claims/${id}/outcome`).expect(200);
    expect(page.text).not.toContain(`action="/desk/claims/${id}/outcome"`);
    expect(page.text).toContain('Only editors and admins may set the outcome of a promise.');
    const counts = await rowCounts(t.db);
    await reporter.agent
      .post(`/desk/claims/${id}/outcome`)
      .type('form')
      .send({ _csrf: await reporter.csrf(), outcome: 'kept', assessed_on: '2025-04-17', rationale: 'x' })
      .expect(403);
    expect(await rowCounts(t.db)).toEqual(counts);
    expect((await t.db.selectFrom('promise_outcome').select('outcome').executeTakeFirstOrThrow()).outcome).toBe('pending');
  });
});

describe('the outcome in the API', () => {
  it('reads and lists outcomes, lets editors set them with the desk’s schema, and names bad fields in Dutch', async () => {
    const { id } = await pledge();
    const read = await request(t.app).get(`/api/v1/claims/${id}/outcome`).expect(200);
    expect(read.body.data).toMatchObject({ claim_id: id, outcome: 'pending', assessed_on: '2025-03-19', review_due_on: '2025-04-17' });
    expect(read.body.data.history).toHaveLength(1);
    expect(read.body.data.history[0].actor_name).toBeNull();
    const list = await request(t.app).get('/api/v1/promises?outcome=pending').expect(200);
    expect(list.body).toMatchObject({ total: 1, page: 1 });
    expect(list.body.data[0]).toMatchObject({ claim_id: id, outcome: 'pending' });

    const reporter = await loginAs(t, 'reporter');
    await reporter.agent
      .put(`/api/v1/claims/${id}/outcome`)
      .set('X-CSRF-Token', await reporter.csrf())
      .send({ outcome: 'kept', assessed_on: '2025-04-17', rationale: 'x' })
      .expect(403);

    const editor = await loginAs(t, 'editor');
    const csrf = await editor.csrf();
    const bad = await editor.agent
      .put(`/api/v1/claims/${id}/outcome`)
      .set('X-CSRF-Token', csrf)
      .set('Accept-Language', 'nl')
      .send({ outcome: 'sort of', assessed_on: 'soon' })
      .expect(422);
    expect(bad.body.error.fields).toMatchObject({
      outcome: expect.stringContaining('De uitkomst moet een van deze waarden zijn'),
      assessed_on: 'De datum van de uitkomst moet een bestaande dag zijn, geschreven als JJJJ-MM-DD.',
      rationale: 'De toelichting bij de uitkomst is verplicht.',
    });
    const set = await editor.agent
      .put(`/api/v1/claims/${id}/outcome`)
      .set('X-CSRF-Token', csrf)
      .send({ outcome: 'partly_kept', assessed_on: '2025-04-17', rationale: 'Fewer strikes, not none.' })
      .expect(200);
    expect(set.body.data).toMatchObject({ outcome: 'partly_kept', rationale: 'Fewer strikes, not none.' });
    expect(set.body.data.history.map((h: { outcome: string }) => h.outcome)).toEqual(['partly_kept', 'pending']);

    const statement = await addClaim(t.db, 'kremlin', { text: 'Just a statement.' });
    const refused = await editor.agent
      .put(`/api/v1/claims/${statement.id}/outcome`)
      .set('X-CSRF-Token', csrf)
      .send({ outcome: 'kept', assessed_on: '2025-01-01', rationale: 'x' })
      .expect(422);
    expect(refused.body.error.fields.outcome).toContain('Only promises and predictions have an outcome');
    await request(t.app).get(`/api/v1/claims/${statement.id}/outcome`).expect(404);

    const doc = (await request(t.app).get('/api/v1/openapi.json').expect(200)).body;
    expect(Object.keys(doc.paths['/claims/{id}/outcome'])).toEqual(['get', 'put']);
    expect(doc.paths['/promises'].get).toBeTruthy();
    expect(doc.components.schemas.PromiseOutcome).toBeTruthy();
  });
});
