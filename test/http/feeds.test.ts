import { XMLParser, XMLValidator } from 'fast-xml-parser';
import request from 'supertest';
import { testApp, type TestApp } from '../helpers/app';

let t: TestApp;
let slug: string;
beforeEach(async () => {
  t = await testApp();
  slug = (await t.db.selectFrom('dispute').select('slug').where('state', '=', 'published').orderBy('id').executeTakeFirstOrThrow()).slug;
});
afterEach(async () => {
  expect(t.errors).toEqual([]);
  await t.db.destroy();
});

describe('/feed.atom', () => {
  it('is valid Atom with disputes and verdict changes', async () => {
    await t.db
      .updateTable('claim')
      .set({ verdict: 'false', verdict_rationale: 'Evidence <b>&</b> "quotes"', updated_at: '2030-01-01T00:00:00.000Z' })
      .where('id', '=', 1)
      .execute();
    const res = await request(t.app).get('/feed.atom').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/atom\+xml/);
    expect(XMLValidator.validate(res.text)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(res.text);
    const feed = doc.feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    for (const key of ['id', 'title', 'updated', 'author']) expect(feed[key]).toBeTruthy();
    const entries = Array.isArray(feed.entry) ? feed.entry : [feed.entry];
    for (const e of entries) for (const key of ['id', 'title', 'updated', 'link']) expect(e[key]).toBeTruthy();
    expect(entries[0].title).toMatch(/^False: Kremlin/);
    expect(entries[0].summary).toBe('Evidence <b>&</b> "quotes"');
    expect(feed.updated).toBe('2030-01-01T00:00:00.000Z');
    expect(entries.some((e: { category: { '@term': string } }) => e.category['@term'] === 'dispute-new')).toBe(true);
  });

  it('leaves drafts out', async () => {
    await t.db.updateTable('dispute').set({ state: 'draft' }).execute();
    const res = await request(t.app).get('/feed.atom').expect(200);
    expect(res.text).not.toContain('<category term="dispute-new"/>');
  });
});

describe('embeddable dispute card', () => {
  it('may be framed by any site, without site chrome', async () => {
    const res = await request(t.app).get(`/embed/disputes/${slug}`).expect(200);
    expect(res.headers['x-frame-options']).toBeUndefined();
    expect(res.headers['content-security-policy']).toContain('frame-ancestors *');
    expect(res.text).toContain('class="side side-a"');
    expect(res.text).not.toContain('site-header');
  });

  it('while the rest of Gainsay may not', async () => {
    const page = await request(t.app).get(`/disputes/${slug}`).expect(200);
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    await request(t.app).get('/embed/disputes/nope').expect(404);
  });
});

describe('oEmbed', () => {
  it('is discoverable from the dispute page and answers with a rich iframe', async () => {
    const page = await request(t.app).get(`/disputes/${slug}`).expect(200);
    const link = /<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/
      .exec(page.text)![1]!
      .replace(/&amp;/g, '&')
      .replace(/&#x3D;/g, '=');
    const url = new URL(link);
    expect(url.pathname).toBe('/oembed');
    const res = await request(t.app)
      .get(url.pathname + url.search)
      .expect(200);
    expect(res.body).toMatchObject({ version: '1.0', type: 'rich', provider_name: 'Test Desk', width: 600, height: 420 });
    expect(res.body.html).toContain(`src="http://gainsay.test/embed/disputes/${slug}"`);
    const small = await request(t.app)
      .get('/oembed')
      .query({ url: `http://gainsay.test/disputes/${slug}`, maxwidth: '400' })
      .expect(200);
    expect(small.body.width).toBe(400);
  });

  it('refuses other URLs and formats', async () => {
    await request(t.app).get('/oembed').query({ url: 'http://evil.test/disputes/x' }).expect(404);
    await request(t.app).get('/oembed').query({ url: 'http://gainsay.test/disputes/nope' }).expect(404);
    await request(t.app)
      .get('/oembed')
      .query({ url: `http://gainsay.test/disputes/${slug}`, format: 'xml' })
      .expect(501);
  });

  it('answers a 404, never a 500, for a dispute URL whose escapes are not UTF-8', async () => {
    for (const tail of ['%25', '%25FF', '%25C3%2528', '%25E0%25A4%25A', `${slug}%25`]) {
      const res = await request(t.app)
        .get(`/oembed?url=http%3A%2F%2Fgainsay.test%2Fdisputes%2F${tail}&format=json`)
        .set('Accept', 'application/json');
      expect([tail, res.status]).toEqual([tail, 404]);
      expect(res.body.error.fields).toHaveProperty('url');
    }
    // A slug with an escaped, valid UTF-8 character still finds its dispute.
    const encoded = encodeURIComponent(`http://gainsay.test/disputes/${encodeURIComponent(slug)}`);
    await request(t.app).get(`/oembed?url=${encoded}&format=json`).expect(200);
  });
});
