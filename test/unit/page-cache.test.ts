import express from 'express';
import request from 'supertest';
import { pageCache, refreshesSettled } from '../../src/http/page-cache';

/**
 * An app whose only page counts how often it was really rendered, behind a cache with a stamp and a
 * clock the test moves. Staleness 0 unless asked: every change shows at once.
 */
function appWithCache({ maxBytes = 1024 * 1024, signedIn = false, staleSeconds = 0 } = {}) {
  const state = { stamp: 'v1', renders: 0, day: '2026-11-26', now: 1_000_000 };
  const app = express();
  app.use((req, res, next) => {
    // Like the app's chooseLocale: the `lang` cookie (which the cache's re-render sends), else Accept-Language.
    const fromCookie = /lang=(\w+)/.exec(req.headers.cookie ?? '')?.[1];
    res.locals.locale = (fromCookie ?? (req.headers['accept-language'] === 'nl' ? 'nl' : 'en')) as 'en' | 'nl';
    res.locals.user = signedIn || req.headers.cookie?.includes('session') ? ({ id: 1 } as never) : null;
    next();
  });
  app.use(pageCache({ stamp: async () => state.stamp, maxBytes, staleSeconds, today: () => state.day, now: () => state.now }));
  app.get('/page', (req, res) => {
    state.renders++;
    res.type('html').send(`<p>render ${state.renders} in ${res.locals.locale} of ${state.stamp}</p>`);
  });
  app.get('/cookie', (_req, res) => {
    state.renders++;
    res.cookie('x', '1').type('html').send('<p>with a cookie</p>');
  });
  app.get('/form', (req, res) => {
    state.renders++;
    res.locals.csrfToken = String(req.headers['x-visitor']);
    res.type('html').send(`<form><input name="_csrf" value="${res.locals.csrfToken}"></form>`);
  });
  app.get('/download', (_req, res) => {
    state.renders++;
    res.attachment('x.csv').type('text/csv').send('a,b\n');
  });
  return { app, state };
}

describe('the page cache', () => {
  it('serves the kept page while it re-renders it off the request path, within the staleness bound', async () => {
    const { app, state } = appWithCache({ staleSeconds: 5 });
    const first = await request(app).get('/page').expect(200);
    expect(first.headers['cache-control']).toBe('public, max-age=0, stale-while-revalidate=5');
    expect(first.headers.age).toBe('0');
    state.stamp = 'v2';
    state.now += 3_000;
    const stale = await request(app).get('/page').expect(200);
    expect(stale.text).toBe(first.text);
    expect(stale.headers.age).toBe('3');
    await refreshesSettled(app);
    expect(state.renders).toBe(2);
    const fresh = await request(app).get('/page').expect(200);
    expect(fresh.text).toContain('render 2 in en of v2');
    expect(fresh.headers.age).toBe('0');
    expect(state.renders).toBe(2);

    // Under a steady write stream a re-rendered page is re-rendered again only once it is half the bound old.
    state.stamp = 'v3';
    state.now += 2_000;
    await request(app).get('/page').expect(200);
    await refreshesSettled(app);
    expect(state.renders).toBe(2);
    state.now += 1_000;
    expect((await request(app).get('/page').expect(200)).text).toContain('of v2');
    await refreshesSettled(app);
    expect(state.renders).toBe(3);
    expect((await request(app).get('/page').expect(200)).text).toContain('render 3 in en of v3');
  });

  it('re-renders in the reader’s language', async () => {
    const { app, state } = appWithCache({ staleSeconds: 5 });
    await request(app).get('/page').set('Accept-Language', 'nl').expect(200);
    state.stamp = 'v2';
    await request(app).get('/page').set('Accept-Language', 'nl').expect(200);
    await refreshesSettled(app);
    const fresh = await request(app).get('/page').set('Accept-Language', 'nl').expect(200);
    expect(fresh.text).toContain('in nl of v2');
  });

  it('renders while the reader waits once the kept page is older than the bound', async () => {
    const { app, state } = appWithCache({ staleSeconds: 5 });
    await request(app).get('/page').expect(200);
    state.stamp = 'v2';
    state.now += 5_001;
    const page = await request(app).get('/page').expect(200);
    expect(page.text).toContain('render 2 in en of v2');
  });

  it('keeps serving an unchanged page however old it is', async () => {
    const { app, state } = appWithCache({ staleSeconds: 5 });
    await request(app).get('/page').expect(200);
    state.now += 3_600_000;
    await request(app).get('/page').expect(200);
    expect(state.renders).toBe(1);
  });

  it('tells shared caches to keep nothing of a signed-in page', async () => {
    const { app } = appWithCache({ staleSeconds: 5 });
    const page = await request(app).get('/page').set('Cookie', 'session=abc').expect(200);
    expect(page.headers['cache-control']).toBe('private, no-cache');
  });

  it('with staleness 0 tells shared caches to revalidate every time', async () => {
    const { app } = appWithCache();
    const page = await request(app).get('/page').expect(200);
    expect(page.headers['cache-control']).toBe('public, no-cache');
  });

  it('renders a page once per state of the database and serves the same bytes and ETag until it changes', async () => {
    const { app, state } = appWithCache();
    const first = await request(app).get('/page').expect(200);
    const second = await request(app).get('/page').expect(200);
    expect(state.renders).toBe(1);
    expect(second.text).toBe(first.text);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers['last-modified']).toBeTruthy();
    state.stamp = 'v2';
    const third = await request(app).get('/page').expect(200);
    expect(state.renders).toBe(2);
    expect(third.text).toContain('of v2');
  });

  it('answers a revalidation with 304 and no body', async () => {
    const { app, state } = appWithCache();
    const first = await request(app).get('/page').expect(200);
    const again = await request(app).get('/page').set('If-None-Match', first.headers.etag!).expect(304);
    expect(again.text).toBeFalsy();
    expect(state.renders).toBe(1);
    state.stamp = 'v2';
    await request(app).get('/page').set('If-None-Match', first.headers.etag!).expect(200);
  });

  it('keeps languages, days and query strings apart', async () => {
    const { app, state } = appWithCache();
    await request(app).get('/page').expect(200);
    const nl = await request(app).get('/page').set('Accept-Language', 'nl').expect(200);
    expect(nl.text).toContain('in nl');
    await request(app).get('/page?x=1').expect(200);
    state.day = '2026-11-27';
    await request(app).get('/page').expect(200);
    expect(state.renders).toBe(4);
  });

  it('never serves or keeps pages for signed-in users, responses that set cookies, or downloads', async () => {
    const { app, state } = appWithCache();
    await request(app).get('/page').expect(200);
    const signedIn = await request(app).get('/page').set('Cookie', 'session=abc').expect(200);
    expect(signedIn.text).toContain('render 2');
    for (const path of ['/cookie', '/cookie', '/download', '/download']) await request(app).get(path).expect(200);
    expect(state.renders).toBe(6);
  });

  it('never shares a page that holds the visitor’s CSRF secret', async () => {
    const { app, state } = appWithCache();
    await request(app).get('/form').set('x-visitor', 'secret-of-a').expect(200);
    const b = await request(app).get('/form').set('x-visitor', 'secret-of-b').expect(200);
    expect(b.text).toContain('secret-of-b');
    expect(state.renders).toBe(2);
  });

  it('sends a kept page gzipped to clients that accept it', async () => {
    const { app } = appWithCache();
    const plain = await request(app).get('/page').expect(200);
    // supertest unzips the body; the header says it travelled gzipped.
    const gz = await request(app).get('/page').set('Accept-Encoding', 'gzip').expect(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/Accept-Encoding/i);
    expect(Number(gz.headers['content-length'])).toBeLessThan(plain.text.length + 30);
    expect(gz.text).toBe(plain.text);
  });

  it('stays within its memory bound, dropping the least recently used page', async () => {
    const { app, state } = appWithCache({ maxBytes: 120 }); // room for four of these small pages
    for (const q of [1, 2, 3, 4, 5, 6, 7, 8]) await request(app).get(`/page?q=${q}`).expect(200);
    expect(state.renders).toBe(8);
    await request(app).get('/page?q=8').expect(200);
    expect(state.renders).toBe(8);
    await request(app).get('/page?q=1').expect(200);
    expect(state.renders).toBe(9);
  });

  it('counts a page’s gzipped copy against its memory bound too', async () => {
    const { app, state } = appWithCache({ maxBytes: 120 });
    for (const q of [1, 2, 3, 4]) await request(app).get(`/page?q=${q}`).expect(200);
    // Gzipping the four kept pages adds their compressed copies: the oldest must make room.
    for (const q of [1, 2, 3, 4]) await request(app).get(`/page?q=${q}`).set('Accept-Encoding', 'gzip').expect(200);
    const before = state.renders;
    await request(app).get('/page?q=1').expect(200);
    expect(state.renders).toBe(before + 1);
  });

  it('never keeps a page bigger than a quarter of its memory bound', async () => {
    const { app, state } = appWithCache({ maxBytes: 160 }); // the 27-byte page fits in a quarter (40)
    await request(app).get('/page?q=small').expect(200);
    await request(app).get('/page?q=small').expect(200);
    expect(state.renders).toBe(1);
    const tiny = appWithCache({ maxBytes: 100 }); // a quarter is 25 bytes: the same page is never kept
    await request(tiny.app).get('/page?q=small').expect(200);
    await request(tiny.app).get('/page?q=small').expect(200);
    expect(tiny.state.renders).toBe(2);
  });

  it('does nothing when turned off', async () => {
    const { app, state } = appWithCache({ maxBytes: 0 });
    await request(app).get('/page').expect(200);
    await request(app).get('/page').expect(200);
    expect(state.renders).toBe(2);
  });
});
