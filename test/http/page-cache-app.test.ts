import request from 'supertest';
import { useTestApp, type TestApp } from '../helpers/app';
import { loginAs } from '../helpers/auth';
import { runBehindTheApp } from '../helpers/db';

let t: TestApp;
useTestApp((app) => (t = app));

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

  it('answer a revalidation with 304, and show a change to the database at once', async () => {
    const slug = await publishedDisputeSlug();
    const first = await request(t.app).get(`/disputes/${slug}`).expect(200);
    expect(first.headers.etag).toBeTruthy();
    expect(first.headers['last-modified']).toBeTruthy();
    await request(t.app).get(`/disputes/${slug}`).set('If-None-Match', first.headers.etag!).expect(304);

    await runBehindTheApp(t, 'update dispute set summary = ? where slug = ?', 'A summary written after the page was kept.', slug);
    const after = await request(t.app).get(`/disputes/${slug}`).set('If-None-Match', first.headers.etag!).expect(200);
    expect(after.text).toContain('A summary written after the page was kept.');
  });

  it('are not served to signed-in users, whose pages differ', async () => {
    const slug = await publishedDisputeSlug();
    await request(t.app).get(`/disputes/${slug}`).expect(200);
    const editor = await loginAs(t, 'editor');
    const signedIn = await editor.agent.get(`/disputes/${slug}`).expect(200);
    expect(signedIn.text).toContain('/logout');
  });
});
