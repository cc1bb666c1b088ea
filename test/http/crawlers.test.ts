import express from 'express';
import { XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import { slugify } from '../../src/domain/slug';
import { sitemapPages } from '../../src/syndication/sitemap.pages';
import { useTestApp, type TestApp } from '../helpers/app';
import { addClaim } from '../helpers/claims';

let t: TestApp;
useTestApp((app) => (t = app));

/**
 * Whether robots.txt lets a crawler fetch `url`, as Google reads it: the longest matching rule wins,
 * Allow on a tie; `*` matches anything, `$` ends the path.
 */
function allowed(robotsTxt: string, url: string): boolean {
  let best: { length: number; allow: boolean } = { length: -1, allow: true };
  for (const line of robotsTxt.split('\n')) {
    const m = /^(Allow|Disallow):\s*(\S*)/.exec(line);
    if (!m || !m[2]) continue;
    const pattern = new RegExp(
      '^' +
        m[2]
          .split('')
          .map((c) => (c === '*' ? '.*' : c === '$' ? '$' : c.replace(/[.?+^(){}[\]|\\]/g, '\\$&')))
          .join(''),
    );
    const length = m[2].length;
    if (pattern.test(url) && (length > best.length || (length === best.length && m[1] === 'Allow')))
      best = { length, allow: m[1] === 'Allow' };
  }
  return best.allow;
}

/** The `<a>` start tags of a page that match `attr`, with the entities Handlebars writes in URLs decoded. */
const links = (html: string, attr: RegExp) =>
  [...html.matchAll(/<a\b[^>]*>/g)].map((m) => m[0].replace(/&#x3D;/g, '=').replace(/&amp;/g, '&')).filter((a) => attr.test(a));

const robotsMeta = (html: string) => /<meta name="robots" content="([^"]*)">/.exec(html)?.[1];

const xml = new XMLParser({ isArray: (name) => name === 'url' || name === 'sitemap' });
const locs = (body: string): string[] => (xml.parse(body).urlset?.url ?? []).map((u: { loc: string }) => u.loc);

describe('robots.txt', () => {
  it('keeps crawlers off the language switch, the desk, search and filtered lists, and points to the sitemap', async () => {
    const res = await request(t.app).get('/robots.txt').expect(200);
    expect(res.type).toBe('text/plain');
    expect(res.text).toMatch(/^User-agent: \*$/m);
    expect(res.text).toMatch(/^Sitemap: http:\/\/gainsay\.test\/sitemap\.xml$/m);
    const open = ['/', '/claims', '/claims?page=2', '/disputes', '/disputes?page=3', '/claims/1', '/disputes/some-question', '/claims.csv'];
    const closed = [
      '/lang/nl?back=%2Fclaims',
      '/desk',
      '/desk/claims/1',
      '/search?q=trump',
      '/claims?verdict=false',
      '/claims?sort=said-asc',
      '/claims?claimant=kremlin&page=2',
      '/disputes?topic=ceasefire',
      '/claims.csv?verdict=false',
      '/disputes.json?q=trump',
    ];
    expect(open.filter((u) => !allowed(res.text, u))).toEqual([]);
    expect(closed.filter((u) => allowed(res.text, u))).toEqual([]);
  });

  it('prefixes its paths with the path of BASE_URL', async () => {
    const app = express().use(sitemapPages({ db: t.db, config: { ...t.config, baseUrl: 'https://example.org/checks' } }));
    const res = await request(app).get('/robots.txt').expect(200);
    expect(res.text).toContain('Disallow: /checks/lang/');
    expect(res.text).toContain('Sitemap: https://example.org/checks/sitemap.xml');
  });
});

describe('links crawlers should not follow, and pages they should not index', () => {
  it('facet, filter and language links are nofollow; the canonical list is indexed', async () => {
    const html = (await request(t.app).get('/claims').expect(200)).text;
    expect(robotsMeta(html)).toBeUndefined();
    const facetLinks = links(html, /data-facet=/);
    expect(facetLinks.length).toBeGreaterThan(5);
    expect(facetLinks.filter((a) => !a.includes('rel="nofollow"'))).toEqual([]);
    const language = links(html, /href="\/lang\//);
    expect(language).toHaveLength(1);
    expect(language[0]).toContain('rel="nofollow"');
    // A record's own page is a link to follow.
    expect(links(html, /href="\/claims\/\d+"/).every((a) => !a.includes('nofollow'))).toBe(true);
  });

  it('a filtered view: noindex,follow, and its remove-filter links are nofollow', async () => {
    const html = (await request(t.app).get('/claims?verdict=false').expect(200)).text;
    expect(robotsMeta(html)).toBe('noindex,follow');
    const remove = links(html, /aria-label="remove filter/);
    expect(remove.length).toBe(1);
    expect(remove[0]).toContain('rel="nofollow"');
    expect(robotsMeta((await request(t.app).get('/disputes?topic=ceasefire').expect(200)).text)).toBe('noindex,follow');
    expect(robotsMeta((await request(t.app).get('/disputes?sort=said-asc').expect(200)).text)).toBe('noindex,follow');
    expect(robotsMeta((await request(t.app).get('/disputes').expect(200)).text)).toBeUndefined();
  });

  it('a later page is noindex,follow; its page links are followed unless the list is filtered', async () => {
    for (let i = 0; i < 25; i++)
      await addClaim(t.db, 'kremlin', { text: `Paged claim ${i}`, verdict: 'false', verdict_rationale: 'Checked.' });
    const first = (await request(t.app).get('/claims').expect(200)).text;
    expect(robotsMeta(first)).toBeUndefined();
    expect(links(first, /rel="next/)[0]).toBe('<a href="/claims?page=2" rel="next">');
    const second = (await request(t.app).get('/claims?page=2').expect(200)).text;
    expect(robotsMeta(second)).toBe('noindex,follow');
    expect(links(second, /rel="prev/)[0]).toBe('<a href="/claims" rel="prev">');
    const filtered = (await request(t.app).get('/claims?verdict=false').expect(200)).text;
    expect(links(filtered, /rel="next/)[0]).toBe('<a href="/claims?verdict=false&page=2" rel="next nofollow">');
    expect(links(filtered, /href="\/claims\?verdict=false&page=2"/)).toContain('<a href="/claims?verdict=false&page=2" rel="nofollow">');
  });
});

describe('sitemap.xml', () => {
  it('lists the canonical page of every public record and the fixed pages, as absolute URLs that answer 200', async () => {
    const draft = await addClaim(t.db, 'kremlin', { text: 'A draft claim', state: 'draft' });
    const res = await request(t.app).get('/sitemap.xml').expect(200);
    expect(res.type).toBe('application/xml');
    const urls = locs(res.text);
    const abs = (p: string) => `http://gainsay.test${p}`;
    for (const p of ['/', '/disputes', '/claims', '/methodology', '/corrections']) expect(urls).toContain(abs(p));

    const claims = await t.db.selectFrom('claim').select('id').where('state', '<>', 'draft').execute();
    const disputes = await t.db.selectFrom('dispute').select('slug').execute();
    const claimants = await t.db.selectFrom('claimant').select('slug').execute();
    const sources = await t.db.selectFrom('source').select(['id', 'outlet']).execute();
    const topics = await t.db.selectFrom('topic').select('slug').execute();
    const expected = [
      ...claims.map((c) => `/claims/${c.id}`),
      ...disputes.map((d) => `/disputes/${d.slug}`),
      ...claimants.map((c) => `/claimants/${c.slug}`),
      ...sources.map((s) => `/sources/${s.id}`),
      ...sources.map((s) => `/outlets/${slugify(s.outlet)}`),
      ...topics.map((s) => `/topics/${s.slug}`),
    ].map(abs);
    expect(expected.filter((u) => !urls.includes(u))).toEqual([]);
    expect(urls).not.toContain(abs(`/claims/${draft.id}`));
    expect(new Set(urls).size).toBe(urls.length);
    for (const url of urls) {
      const path = url.slice('http://gainsay.test'.length);
      expect([path, (await request(t.app).get(path)).status]).toEqual([path, 200]);
    }
    const lastmods = [...res.text.matchAll(/<lastmod>([^<]*)<\/lastmod>/g)].map((m) => m[1]!);
    expect(lastmods.length).toBeGreaterThan(claims.length);
    expect(lastmods.filter((d) => !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?Z)?$/.test(d))).toEqual([]);
  });

  it('leaves out a claimant, source and topic that only drafts use', async () => {
    await t.db
      .updateTable('claim')
      .set({ state: 'draft' })
      .where('claimant_id', '=', t.db.selectFrom('claimant').select('id').where('slug', '=', 'kremlin'))
      .execute();
    const urls = locs((await request(t.app).get('/sitemap.xml').expect(200)).text);
    expect(urls).not.toContain('http://gainsay.test/claimants/kremlin');
    for (const url of urls) expect([url, (await request(t.app).get(url.slice('http://gainsay.test'.length))).status]).toEqual([url, 200]);
  });

  it('becomes an index of files when the archive is larger than one sitemap may hold', async () => {
    const app = express().use(sitemapPages({ db: t.db, config: t.config, size: 5 }));
    const index = xml
      .parse((await request(app).get('/sitemap.xml').expect(200)).text)
      .sitemapindex.sitemap.map((s: { loc: string }) => s.loc);
    const claims = await t.db.selectFrom('claim').select('id').where('state', '<>', 'draft').orderBy('id').execute();
    expect(index).toContain('http://gainsay.test/sitemaps/pages-1.xml');
    expect(index).toContain(`http://gainsay.test/sitemaps/claims-${Math.ceil(claims.length / 5)}.xml`);
    expect(index).not.toContain(`http://gainsay.test/sitemaps/claims-${Math.ceil(claims.length / 5) + 1}.xml`);
    const all: string[] = [];
    for (const file of index) all.push(...locs((await request(app).get(file.slice('http://gainsay.test'.length)).expect(200)).text));
    const single = locs((await request(t.app).get('/sitemap.xml').expect(200)).text);
    expect(all.sort()).toEqual(single.sort());
    expect(locs((await request(app).get('/sitemaps/claims-1.xml').expect(200)).text)).toHaveLength(5);
    await request(t.app).get('/sitemaps/claims-99.xml').expect(404);
    await request(t.app).get('/sitemaps/users-1.xml').expect(404);
  });
});
