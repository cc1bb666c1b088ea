import request from 'supertest';
import { testApp, testConfig, useTestApp, type TestApp } from '../helpers/app';
import { loginAs } from '../helpers/auth';
import { refreshesSettled } from '../../src/http/page-cache';
import { runBehindTheApp } from '../helpers/db';

let t: TestApp;
// With the default staleness bounds: readers may get a kept page for a few seconds after a write, and
// kept counts for a minute.
useTestApp((app) => (t = app), { config: testConfig({ pageCacheStaleSeconds: 5, countsStaleSeconds: 60 }) });

const A = 'A'.repeat(43);
const B = 'B'.repeat(43);

const publishedDisputeSlug = async () =>
  (await t.db.selectFrom('dispute').select('slug').where('state', '=', 'published').limit(1).executeTakeFirstOrThrow()).slug;

describe('kept pages in the app', () => {
  it('give each visitor the login form with their own CSRF secret', async () => {
    const a = await request(t.app).get('/login').set('Cookie', `gainsay_csrf=${A}`).expect(200);
    expect(a.text).toContain(A);
    const b = await request(t.app).get('/login').set('Cookie', `gainsay_csrf=${B}`).expect(200);
    expect(b.text).toContain(B);
    expect(b.text).not.toContain(A);
  });

  it('answer a revalidation with 304, and show a change to the database once the page is re-rendered', async () => {
    const slug = await publishedDisputeSlug();
    const first = await request(t.app).get(`/disputes/${slug}`).expect(200);
    expect(first.headers.etag).toBeTruthy();
    expect(first.headers['last-modified']).toBeTruthy();
    expect(first.headers['cache-control']).toBe(`public, max-age=0, stale-while-revalidate=${t.config.pageCacheStaleSeconds}`);
    await request(t.app).get(`/disputes/${slug}`).set('If-None-Match', first.headers.etag!).expect(304);

    await runBehindTheApp(t, 'update dispute set summary = ? where slug = ?', 'A summary written after the page was kept.', slug);
    // Within the staleness bound the kept page is still served (here: revalidated), while it is re-rendered.
    await request(t.app).get(`/disputes/${slug}`).set('If-None-Match', first.headers.etag!).expect(304);
    await refreshesSettled(t.app);
    const after = await request(t.app).get(`/disputes/${slug}`).set('If-None-Match', first.headers.etag!).expect(200);
    expect(after.text).toContain('A summary written after the page was kept.');
  });

  it('show facet counts and totals again once they are recounted; an editor sees them at once', async () => {
    const total = async (agent: { get: (path: string) => request.Test }) => {
      const page = await agent.get('/claims').expect(200);
      return /class="result-count"[^>]*>(.*?)</.exec(page.text)![1]!;
    };
    const anonymous = request(t.app);
    const before = await total(anonymous);
    const editor = await loginAs(t, 'editor');
    expect(await total(editor.agent)).toBe(before);
    const { id: claimant } = await t.db.selectFrom('claimant').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
    await t.db
      .insertInto('claim')
      .values({ claimant_id: claimant, text: 'New', state: 'published', created_at: 'x', updated_at: 'x' })
      .execute();
    expect(await total(editor.agent)).not.toBe(before);
    expect(await total(anonymous)).toBe(before);
    await refreshesSettled(t.app);
    expect(await total(anonymous)).toBe(await total(editor.agent));
  });

  it('are always current with PAGE_CACHE_STALE_SECONDS=0', async () => {
    const app = await testApp({ config: testConfig({ pageCacheStaleSeconds: 0 }) });
    const { slug } = await app.db.selectFrom('dispute').select('slug').where('state', '=', 'published').limit(1).executeTakeFirstOrThrow();
    const first = await request(app.app).get(`/disputes/${slug}`).expect(200);
    expect(first.headers['cache-control']).toBe('public, no-cache');
    await app.db.updateTable('dispute').set({ summary: 'Seen at once.' }).where('slug', '=', slug).execute();
    const after = await request(app.app).get(`/disputes/${slug}`).set('If-None-Match', first.headers.etag!).expect(200);
    expect(after.text).toContain('Seen at once.');
    await app.db.destroy();
  });

  it('are not served to signed-in users, whose pages differ', async () => {
    const slug = await publishedDisputeSlug();
    await request(t.app).get(`/disputes/${slug}`).expect(200);
    const editor = await loginAs(t, 'editor');
    const signedIn = await editor.agent.get(`/disputes/${slug}`).expect(200);
    expect(signedIn.text).toContain('/logout');
    expect(signedIn.headers['cache-control']).toBe('private, no-cache');
  });
});
