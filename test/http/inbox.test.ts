import request from 'supertest';
import { loginAs } from '../helpers/auth';
import { testApp, testConfig, useTestApp, type TestApp } from '../helpers/app';
import { createApiToken } from '../../src/accounts/api-token.repository';
import { createUser } from '../helpers/auth';
import { submittedFields, withFields } from '../helpers/desk';
import { addClaim } from '../helpers/claims';

/** The fields a form would send, by name (the last value of a repeated name). */
const fieldsOf = (html: string, formClass: string) => Object.fromEntries(submittedFields(html, formClass));

// Readers' tips and error reports (/suggest, /report) and the desk inbox (/desk/inbox, /api/v1/inbox).

let t: TestApp;
useTestApp((app) => (t = app));

/** A browser without an account: it opens the form (which gives it the CSRF cookie) and sends it back. */
async function readerOpens(path: string, app = t.app) {
  const agent = request.agent(app);
  const page = await agent.get(path).expect(200);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  if (!token) throw new Error(`no CSRF token on ${path}`);
  return { agent, page, token, hidden: fieldsOf(page.text, 'record reader-form') };
}

const items = () => t.db.selectFrom('inbox_item').selectAll().orderBy('id').execute();

async function publishedClaim() {
  return t.db
    .selectFrom('claim')
    .innerJoin('claimant', 'claimant.id', 'claim.claimant_id')
    .select(['claim.id', 'claim.text', 'claim.version', 'claim.verdict', 'claimant.name'])
    .where('claim.state', '=', 'published')
    .orderBy('claim.id')
    .executeTakeFirstOrThrow();
}

async function sendTip(fields: Record<string, string>) {
  const { agent, token } = await readerOpens('/suggest');
  return agent
    .post('/suggest')
    .type('form')
    .send({ _csrf: token, website: '', ...fields });
}

describe('a reader without an account', () => {
  it('finds "Suggest a claim to check" on the home page and on a search that found nothing, and sends a tip', async () => {
    expect((await request(t.app).get('/').expect(200)).text).toContain('href="/suggest"');
    const search = await request(t.app).get('/search?q=zzzxqqq').expect(200);
    expect(search.text).toContain('href="/suggest?q&#x3D;zzzxqqq"');
    const { agent, page, token } = await readerOpens('/suggest?q=zzzxqqq');
    expect(String(page.headers['set-cookie'])).toMatch(/gainsay_csrf=/);
    expect(page.text).toContain('>zzzxqqq</textarea>');
    const res = await agent.post('/suggest').type('form').send({
      _csrf: token,
      website: '',
      text: 'The mayor said the new bridge cost €3 million.',
      url: 'https://example.org/post/1',
      email: 'ann@example.org',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/thanks?kind=tip');
    const thanks = await agent.get(String(res.headers.location)).expect(200);
    expect(thanks.text).toContain('Your suggestion has reached our editors');
    expect(await items()).toEqual([
      expect.objectContaining({
        kind: 'tip',
        status: 'new',
        text: 'The mayor said the new bridge cost €3 million.',
        url: 'https://example.org/post/1',
        email: 'ann@example.org',
        claim_id: null,
      }),
    ]);
  });

  it('reports an error from a claim page and from a dispute page; the report names what it is about', async () => {
    const claim = await publishedClaim();
    const claimPage = await request(t.app).get(`/claims/${claim.id}`).expect(200);
    expect(claimPage.text).toContain(`href="/report?claim&#x3D;${claim.id}"`);
    const { agent, page, token, hidden } = await readerOpens(`/report?claim=${claim.id}`);
    expect(page.text).toContain('About this claim');
    expect(hidden.claim).toBe(String(claim.id));
    const res = await agent
      .post('/report')
      .type('form')
      .send({ ...hidden, _csrf: token, text: 'The date is wrong: it was said on the 19th.' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/thanks?kind=error_report');

    const dispute = await t.db.selectFrom('dispute').select(['id', 'slug']).where('state', '=', 'published').executeTakeFirstOrThrow();
    expect((await request(t.app).get(`/disputes/${dispute.slug}`).expect(200)).text).toContain(
      `href="/report?dispute&#x3D;${dispute.slug}"`,
    );
    const d = await readerOpens(`/report?dispute=${dispute.slug}`);
    await d.agent
      .post('/report')
      .type('form')
      .send({ ...d.hidden, _csrf: d.token, text: 'The summary leaves out the second call.' })
      .expect(303);

    expect((await items()).map((i) => [i.kind, i.claim_id, i.dispute_id, i.email])).toEqual([
      ['error_report', claim.id, null, null],
      ['error_report', null, dispute.id, null],
    ]);
  });

  it('cannot report on a draft (or a claim that does not exist): 404, nothing stored', async () => {
    const draft = await addClaim(t.db, 'kremlin', { text: 'Unpublished', state: 'draft' });
    await request(t.app).get(`/report?claim=${draft.id}`).expect(404);
    await request(t.app).get('/report?claim=999999').expect(404);
    const { agent, token } = await readerOpens('/suggest');
    await agent.post('/report').type('form').send({ _csrf: token, claim: '999999', text: 'Wrong' }).expect(404);
    expect(await items()).toEqual([]);
  });

  it('gets the form back with a message naming the field for bad input, in Dutch too, and nothing is stored', async () => {
    const long = await sendTip({ text: 'x'.repeat(2001) });
    expect(long.status).toBe(422);
    expect(long.text).toContain('The message must be at most 2000 characters.');
    const badUrl = await sendTip({ text: 'A claim', url: 'javascript:alert(1)' });
    expect(badUrl.status).toBe(422);
    expect(badUrl.text).toContain('The web address must be a full web address');
    expect(badUrl.text).toContain('value="javascript:alert(1)"');
    const { agent, token } = await readerOpens('/suggest');
    const nl = await agent
      .post('/suggest')
      .set('Accept-Language', 'nl')
      .type('form')
      .send({ _csrf: token, text: '', email: 'not-an-address' });
    expect(nl.status).toBe(422);
    expect(nl.text).toContain('Het bericht is verplicht.');
    expect(nl.text).toContain('Het e-mailadres is geen geldig e-mailadres.');
    expect(await items()).toEqual([]);
  });

  it('is refused without the CSRF token, or with another browser’s (403), and nothing is stored', async () => {
    const none = await request(t.app).post('/suggest').type('form').send({ text: 'No token at all' });
    expect(none.status).toBe(403);
    const other = await readerOpens('/suggest');
    const mine = await readerOpens('/suggest');
    const forged = await mine.agent.post('/suggest').type('form').send({ _csrf: other.token, text: 'Someone else’s token' });
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('This form has expired or did not come from this site');
    expect(await items()).toEqual([]);
  });

  it('filling in the hidden honeypot field looks like success to the robot, and nothing is stored', async () => {
    const { page } = await readerOpens('/suggest');
    expect(page.text).toMatch(/<div class="hp" aria-hidden="true">[\s\S]*name="website" value="" tabindex="-1"/);
    const res = await sendTip({ text: 'Buy cheap watches', website: 'https://spam.example' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/thanks?kind=tip');
    expect(await items()).toEqual([]);
  });
});

describe('a flood from one address', () => {
  it('is limited: past INBOX_MAX_PER_ADDRESS in the window, 429 with Retry-After and the text kept; nothing more is stored', async () => {
    const flood = await testApp({ config: testConfig({ inbox: { emailRetentionDays: 90, maxPerAddress: 3, windowMinutes: 60 } }) });
    try {
      const { agent, token } = await readerOpens('/suggest', flood.app);
      const statuses: number[] = [];
      let last: request.Response | undefined;
      for (let i = 1; i <= 5; i++) {
        last = await agent
          .post('/suggest')
          .type('form')
          .send({ _csrf: token, text: `Tip number ${i}` });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([303, 303, 303, 429, 429]);
      expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
      expect(last!.text).toContain('You have sent several messages in a short time');
      expect(last!.text).toContain('>Tip number 5</textarea>');
      // The error-report form shares the limit: it is the same address.
      const claim = await flood.db.selectFrom('claim').select('id').where('state', '=', 'published').executeTakeFirstOrThrow();
      const report = await agent
        .post('/report')
        .type('form')
        .send({ _csrf: token, claim: String(claim.id), text: 'Wrong' });
      expect(report.status).toBe(429);
      // Still about its claim, to send again later.
      expect(report.text).toContain(`<input type="hidden" name="claim" value="${claim.id}">`);
      const stored = await flood.db.selectFrom('inbox_item').select('text').execute();
      expect(stored.map((r) => r.text)).toEqual(['Tip number 1', 'Tip number 2', 'Tip number 3']);
      expect(flood.errors).toEqual([]);
    } finally {
      await flood.db.destroy();
    }
  });
});

describe('the desk inbox', () => {
  async function tipFromReader(text: string, url = '') {
    await sendTip({ text, url }).then((r) => expect(r.status).toBe(303));
    return (await t.db.selectFrom('inbox_item').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
  }

  it('lets an editor turn a tip into a draft claim, decline spam with a reason, and mark a duplicate', async () => {
    const tip = await tipFromReader('The minister said exports doubled in 2024.', 'https://example.org/<b>interview</b>');
    const spam = await tipFromReader('Buy cheap watches at cheap.example');
    const again = await tipFromReader('Exports doubled, said the minister.');
    const editor = await loginAs(t, 'editor');

    const list = await editor.agent.get('/desk/inbox').expect(200);
    expect(list.text).toContain('href="/desk/inbox"');
    expect(list.text).toContain('The minister said exports doubled in 2024.');
    expect((await editor.agent.get('/desk/inbox?status=declined').expect(200)).text).toContain('Nothing here.');
    await editor.agent.get('/desk/inbox?status=bogus').expect(400);

    const detail = await editor.agent.get(`/desk/inbox/${tip}`).expect(200);
    // The reader's link is text, escaped, never a link.
    expect(detail.text).toContain('<code class="reader-url">https://example.org/&lt;b&gt;interview&lt;/b&gt;</code>');
    expect(detail.text).not.toContain('href="https://example.org');
    const acceptPairs = submittedFields(detail.text, 'record');
    const accept = Object.fromEntries(acceptPairs);
    expect(accept.text).toBe('The minister said exports doubled in 2024.');

    // No claimant: the form again, naming the field.
    const csrf = await editor.csrf();
    const refused = await editor.agent
      .post(`/desk/inbox/${tip}/accept`)
      .type('form')
      .send({ ...accept, _csrf: csrf });
    expect(refused.status).toBe(422);
    expect(refused.text).toMatch(/class="field-error" id="f-claimant_id-error"/);

    const made = await editor.agent
      .post(`/desk/inbox/${tip}/accept`)
      .type('form')
      .send(withFields(acceptPairs, { new_claimant_name: 'Minister of Trade', _csrf: csrf }));
    expect(made.status).toBe(303);
    const claimId = Number(/^\/desk\/claims\/(\d+)\?created=1$/.exec(String(made.headers.location))?.[1]);
    const claim = await t.db.selectFrom('claim').selectAll().where('id', '=', claimId).executeTakeFirstOrThrow();
    expect(claim).toMatchObject({ text: 'The minister said exports doubled in 2024.', state: 'draft', verdict: 'unverified' });
    // Readers never see the draft.
    await request(t.app).get(`/claims/${claimId}`).expect(404);

    const declined = await editor.agent.post(`/desk/inbox/${spam}/decline`).type('form').send({ _csrf: csrf, reason: '' });
    expect(declined.status).toBe(422);
    expect(declined.text).toContain('The reason is required.');
    await editor.agent.post(`/desk/inbox/${spam}/decline`).type('form').send({ _csrf: csrf, reason: 'Spam' }).expect(303);

    const self = await editor.agent
      .post(`/desk/inbox/${again}/duplicate`)
      .type('form')
      .send({ _csrf: csrf, duplicate_of: String(again) });
    expect(self.status).toBe(422);
    await editor.agent
      .post(`/desk/inbox/${again}/duplicate`)
      .type('form')
      .send({ _csrf: csrf, duplicate_of: String(tip) })
      .expect(303);

    // Answered once: a second answer is refused (409) and changes nothing.
    const twice = await editor.agent.post(`/desk/inbox/${spam}/decline`).type('form').send({ _csrf: csrf, reason: 'Again' });
    expect(twice.status).toBe(409);

    expect((await items()).map((i) => [i.id, i.status, i.result_claim_id, i.decline_reason, i.duplicate_of_id, i.handled_by])).toEqual([
      [tip, 'accepted', claimId, null, null, editor.userId],
      [spam, 'declined', null, 'Spam', null, editor.userId],
      [again, 'duplicate', null, null, tip, editor.userId],
    ]);
    const shown = await editor.agent.get(`/desk/inbox/${again}`).expect(200);
    expect(shown.text).toContain(`href="/desk/inbox/${tip}"`);
    expect((await editor.agent.get('/desk/inbox?status=declined').expect(200)).text).toContain('Buy cheap watches');
  });

  it('turns an error report into a correction task; the verdict change it leads to credits the reader in the corrections log', async () => {
    const claim = await publishedClaim();
    const { agent, token, hidden } = await readerOpens(`/report?claim=${claim.id}`);
    await agent
      .post('/report')
      .type('form')
      .send({ ...hidden, _csrf: token, text: 'The rating ignores the transcript.' })
      .expect(303);
    const report = (await items())[0]!.id;
    const editor = await loginAs(t, 'editor');
    const csrf = await editor.csrf();
    const accepted = await editor.agent.post(`/desk/inbox/${report}/accept`).type('form').send({ _csrf: csrf });
    expect(accepted.status).toBe(303);
    expect(accepted.headers.location).toBe(`/desk/claims/${claim.id}?report=${report}`);

    const edit = await editor.agent.get(String(accepted.headers.location)).expect(200);
    expect(edit.text).toContain('The rating ignores the transcript.');
    const fields = submittedFields(edit.text, 'record');
    expect(Object.fromEntries(fields).reader_report).toBe(String(report));
    const verdict = claim.verdict === 'false' ? 'mixed' : 'false';
    await editor.agent
      .post(`/desk/claims/${claim.id}`)
      .type('form')
      .send(
        withFields(fields, {
          verdict,
          verdict_rationale: 'The transcript shows otherwise.',
          correction_reason: 'A reader pointed to the transcript.',
        }),
      )
      .expect(303);

    const log = await request(t.app).get('/corrections').expect(200);
    expect(log.text).toContain('Corrected after a reader reported an error.');
    expect((await request(t.app).get(`/claims/${claim.id}`).expect(200)).text).toContain('Corrected after a reader reported an error.');
    // A correction made without the report is not credited to a reader.
    const again = fieldsOf((await editor.agent.get(`/desk/claims/${claim.id}`).expect(200)).text, 'record');
    expect(again.reader_report).toBeUndefined();
    expect((await editor.agent.get(`/desk/inbox/${report}`).expect(200)).text).toContain(
      '2 changes to the claim made in answer to this report.',
    );
  });

  it('is invisible to readers and reporters, on the desk and in the API', async () => {
    await sendTip({ text: 'A secret tip with ann@example.org', email: 'ann@example.org' });
    const id = (await items())[0]!.id;
    // Readers: the desk asks them to sign in; the API says 401; no public page shows the text.
    const anon = await request(t.app).get('/desk/inbox');
    expect(anon.status).toBe(303);
    expect(anon.headers.location).toMatch(/^\/login/);
    await request(t.app).get(`/desk/inbox/${id}`).expect(303);
    await request(t.app).get('/api/v1/inbox').expect(401);
    await request(t.app).get(`/api/v1/inbox/${id}`).expect(401);
    for (const path of ['/', '/claims', '/search?q=secret', '/corrections', '/feed.atom']) {
      expect((await request(t.app).get(path)).text).not.toContain('A secret tip');
    }
    // Reporters: 403, and no inbox link in their desk menu.
    const reporter = await loginAs(t, 'reporter');
    await reporter.agent.get('/desk/inbox').expect(403);
    await reporter.agent.get(`/desk/inbox/${id}`).expect(403);
    expect((await reporter.agent.get('/desk').expect(200)).text).not.toContain('href="/desk/inbox"');
    const reporterToken = await createApiToken(t.db, reporter.userId, 'r');
    await request(t.app).get('/api/v1/inbox').set('Authorization', `Bearer ${reporterToken.token}`).expect(403);
    await request(t.app)
      .post(`/api/v1/inbox/${id}/decline`)
      .set('Authorization', `Bearer ${reporterToken.token}`)
      .send({ reason: 'x' })
      .expect(403);
    expect((await items())[0]!.status).toBe('new');
  });
});

describe('/api/v1/inbox', () => {
  it('lists, shows and answers items for editors, with the same rules as the desk', async () => {
    await sendTip({ text: 'Tip for the API', url: 'https://example.org/a' });
    await sendTip({ text: 'Spam for the API' });
    const editor = await createUser(t.db, 'editor', 'api-editor@example.test');
    const { token } = await createApiToken(t.db, editor.id, 'e');
    const api = (method: 'get' | 'post', path: string) => request(t.app)[method](path).set('Authorization', `Bearer ${token}`);

    const list = await api('get', '/api/v1/inbox?status=new').expect(200);
    expect(list.body.total).toBe(2);
    const [spam, tip] = list.body.data as Array<{ id: number; text: string; email: string | null }>;
    expect(tip!.text).toBe('Tip for the API');
    expect((await api('get', `/api/v1/inbox/${tip!.id}`).expect(200)).body.data).toMatchObject({
      kind: 'tip',
      url: 'https://example.org/a',
    });
    await api('get', '/api/v1/inbox/999999').expect(404);
    const badStatus = await api('get', '/api/v1/inbox?status=bogus').expect(422);
    expect(badStatus.body.error.fields).toHaveProperty('status');

    const noClaimant = await api('post', `/api/v1/inbox/${tip!.id}/accept`).send({});
    expect(noClaimant.status).toBe(422);
    expect(noClaimant.body.error.fields).toHaveProperty('claimant_id');
    const accepted = await api('post', `/api/v1/inbox/${tip!.id}/accept`)
      .send({ new_claimant_name: 'Someone', text: 'Someone said exports doubled.' })
      .expect(200);
    expect(accepted.body.data).toMatchObject({ status: 'accepted', handled_by: 'Editor Person' });
    const claim = await t.db
      .selectFrom('claim')
      .select(['text', 'state'])
      .where('id', '=', accepted.body.data.result_claim_id)
      .executeTakeFirstOrThrow();
    expect(claim).toEqual({ text: 'Someone said exports doubled.', state: 'draft' });

    const noReason = await api('post', `/api/v1/inbox/${spam!.id}/decline`).send({});
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.fields).toHaveProperty('reason');
    await api('post', `/api/v1/inbox/${spam!.id}/decline`).send({ reason: 'Spam' }).expect(200);
    expect((await api('post', `/api/v1/inbox/${spam!.id}/duplicate`).send({ duplicate_of: tip!.id })).status).toBe(409);

    const doc = (await request(t.app).get('/api/v1/openapi.json').expect(200)).body as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/inbox'))).toEqual([
      '/inbox',
      '/inbox/{id}',
      '/inbox/{id}/accept',
      '/inbox/{id}/decline',
      '/inbox/{id}/duplicate',
    ]);
  });
});
