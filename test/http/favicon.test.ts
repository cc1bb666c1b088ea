import request from 'supertest';
import { testApp, useTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
useTestApp((app) => (t = app));

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('the site icon', () => {
  it('is an SVG, cacheable', async () => {
    const res = await request(t.app).get('/favicon.svg').buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
    const svg = (res.body as Buffer).toString('utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 32 32">/);
    expect(svg).not.toMatch(/<script|href=/i);
  });

  it('is a real ICO at /favicon.ico, for browsers that ask there', async () => {
    const res = await request(t.app).get('/favicon.ico').buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('image/x-icon');
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
    const ico = res.body as Buffer;
    // ICONDIR: reserved 0, type 1 (icon), then the number of images; each entry points at a PNG.
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    expect(count).toBeGreaterThan(0);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const entry = 6 + 16 * i;
      sizes.push(ico.readUInt8(entry));
      const [length, offset] = [ico.readUInt32LE(entry + 8), ico.readUInt32LE(entry + 12)];
      expect(offset + length).toBeLessThanOrEqual(ico.length);
      expect(ico.subarray(offset, offset + 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
    }
    expect(sizes).toContain(16);
    expect(sizes).toContain(32);
  });

  it('is named by every page: reader pages, errors and the desk', async () => {
    const link = '<link rel="icon" href="/favicon.svg" type="image/svg+xml">';
    const slug = (await t.db.selectFrom('dispute').select('slug').where('state', '=', 'published').executeTakeFirstOrThrow()).slug;
    for (const url of ['/', '/claims', `/disputes/${slug}`, '/search?q=trump', '/nothing-here', '/login']) {
      const res = await request(t.app).get(url);
      expect([url, res.text.includes(link)]).toEqual([url, true]);
    }
    const desk = await testApp({ signedInAs: 'editor' });
    try {
      expect((await request(desk.app).get('/desk').expect(200)).text).toContain(link);
    } finally {
      await desk.db.destroy();
    }
  });
});
