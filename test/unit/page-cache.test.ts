import express from 'express';
import request from 'supertest';
import { pageCache } from '../../src/http/page-cache';

/** An app whose only page counts how often it was really rendered, behind a cache with a stamp the test moves. */
function appWithCache({ maxBytes = 1024 * 1024, signedIn = false } = {}) {
  const state = { stamp: 'v1', renders: 0, day: '2026-11-26' };
  const app = express();
  app.use((req, res, next) => {
    res.locals.locale = req.headers['accept-language'] === 'nl' ? 'nl' : 'en';
    res.locals.user = signedIn || req.headers.cookie?.includes('session') ? ({ id: 1 } as never) : null;
    next();
  });
  app.use(pageCache({ stamp: async () => state.stamp, maxBytes, today: () => state.day }));
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
