import request from 'supertest';
import { useTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
useTestApp((app) => (t = app));

describe('public pages', () => {
  it('lists the published seed disputes on the home page', async () => {
    const res = await request(t.app).get('/').expect(200);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain('Did Putin ask Trump');
    expect(res.text.match(/<h1>/g)).toHaveLength(1);
  });

  it('shows a dispute with both sides, their sources and a timeline', async () => {
    const { slug } = await t.db
      .selectFrom('dispute')
      .select('slug')
      .where('question', 'like', 'Did Putin ask Trump%')
      .executeTakeFirstOrThrow();
    const res = await request(t.app).get(`/disputes/${slug}`).expect(200);
    expect(res.text).toContain('class="side side-a"');
    expect(res.text).toContain('class="side side-b"');
    expect(res.text).toContain('Kremlin');
    expect(res.text).toContain('Fox News');
    expect(res.text).toContain('lang="nl"');
    expect(res.text).toContain('Timeline of the exchange');
  });

  it('answers 404 with a page, not a stack trace, for an unknown dispute', async () => {
    const res = await request(t.app).get('/disputes/no-such-thing').expect(404);
    expect(res.text).toContain('<h1>Page not found</h1>');
    expect(res.text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('never shows a draft dispute to readers', async () => {
    await t.db.updateTable('dispute').set({ state: 'draft' }).where('question', 'like', 'Did Putin ask Trump%').execute();
    const home = await request(t.app).get('/').expect(200);
    expect(home.text).not.toContain('Did Putin ask Trump');
    const draft = await t.db.selectFrom('dispute').select('slug').where('state', '=', 'draft').executeTakeFirstOrThrow();
    await request(t.app).get(`/disputes/${draft.slug}`).expect(404);
  });

  it('answers /healthz', async () => {
    await request(t.app).get('/healthz').expect(200, { status: 'ok' });
  });
});

describe('a published dispute with a draft side', () => {
  it('stays hidden from readers until both sides are published', async () => {
    const dispute = await t.db
      .selectFrom('dispute')
      .selectAll()
      .where('question', 'like', 'Did Putin ask Trump%')
      .executeTakeFirstOrThrow();
    await t.db.updateTable('claim').set({ state: 'draft' }).where('id', '=', dispute.claim_b_id).execute();
    await request(t.app).get(`/disputes/${dispute.slug}`).expect(404);
    for (const path of ['/', '/disputes', '/search?q=military']) {
      const res = await request(t.app).get(path).expect(200);
      expect(res.text).not.toContain(dispute.question);
    }
    const claimPage = await request(t.app).get(`/claims/${dispute.claim_a_id}`).expect(200);
    expect(claimPage.text).not.toContain(dispute.question);
  });
});

describe('odd requests', () => {
  it.each(['/search?q=a%20*%20*', '/claims?q=abc*%20*', '/disputes?q=a%20*%20*', '/search?q=x&q=' + 'a*%20'.repeat(500)])(
    'runs a search with stray stars or repeats without failing: %s',
    async (path) => {
      await request(t.app).get(path).expect(200);
    },
  );

  it('keeps canonical links on this site for paths that start with two slashes', async () => {
    const res = await request(t.app).get('//evil.example/x').expect(404);
    expect(res.text).not.toContain('"http://evil.example');
    expect(res.text).toContain('href="http://gainsay.test/evil.example/x"');
    await request(t.app).get('//').expect(200);
  });

  it('explains a bad search in Dutch to a Dutch reader', async () => {
    const res = await request(t.app).get('/search?q=%22militaire').set('Accept-Language', 'nl').expect(200);
    expect(res.text).toContain('Een aanhalingsteken is niet gesloten');
  });
});
