// Issue 13, item 3: open data is findable — every list and record page offers its twins and names them
// (and the feeds) in rel="alternate" links; /open-data lists exports, feeds, the API and the licence.
import request from 'supertest';
import { loadConfig } from '../../src/config';
import { testConfig, useTestApp, type TestApp } from '../helpers/app';
import { decode } from '../helpers/desk';

let t: TestApp;
useTestApp((app) => (t = app));

const AID = 'did-putin-ask-trump-to-stop-military-aid-to-kyiv';

/** The rel="alternate" links of a page's head: [type, href]. */
function alternates(html: string): Array<[string, string]> {
  const head = html.slice(0, html.indexOf('</head>'));
  // oEmbed discovery (dispute pages) is an alternate too, but not a twin.
  return [...head.matchAll(/<link rel="alternate" type="([^"]+)" href="([^"]+)"/g)]
    .filter((m) => m[1] !== 'application/json+oembed')
    .map((m) => [m[1]!, decode(m[2]!)]);
}

/** The links of the page's "Download" section: [text, href]. */
function downloads(html: string): Array<[string, string]> {
  const start = html.indexOf('<section class="downloads"');
  if (start < 0) return [];
  const section = html.slice(start, html.indexOf('</section>', start));
  return [...section.matchAll(/<a href="([^"]+)"[^>]*class="format">([^<]+)<\/a>/g)].map((m) => [m[2]!, decode(m[1]!)]);
}

const FEEDS: Array<[string, string]> = [
  ['application/atom+xml', '/feed.atom'],
  ['application/ld+json', '/claimreview.json'],
];

describe('every list and record page offers its twins', () => {
  it('a filtered list offers its four table twins with the same filters and order, in the page and its head', async () => {
    const html = (await request(t.app).get('/claims?verdict=opinion&sort=claimant&page=1').expect(200)).text;
    const twins = ['csv', 'json', 'xlsx', 'md'].map((f) => `/claims.${f}?verdict=opinion&sort=claimant`);
    expect(downloads(html)).toEqual([
      ['CSV', twins[0]],
      ['JSON', twins[1]],
      ['Excel (XLSX)', twins[2]],
      ['Markdown', twins[3]],
    ]);
    expect(html).toContain('<h2 id="downloads-label">Download this table</h2>');
    expect(alternates(html)).toEqual([
      ['text/csv', twins[0]],
      ['application/json', twins[1]],
      ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', twins[2]],
      ['text/markdown', twins[3]],
      ...FEEDS,
    ]);
    // Each twin holds exactly that view: the one opinion claim.
    const json = (await request(t.app).get(twins[1]!).expect(200)).body as { total: number; rows: Array<{ verdict: { key: string } }> };
    expect(json.rows.length).toBeGreaterThan(0);
    expect(new Set(json.rows.map((r) => r.verdict.key))).toEqual(new Set(['opinion']));
  });

  it.each([
    ['the dispute list', '/disputes', ['/disputes.csv', '/disputes.json', '/disputes.xlsx', '/disputes.md']],
    ['the home page (the latest disputes)', '/', ['/disputes.csv', '/disputes.json', '/disputes.xlsx', '/disputes.md']],
    ['a dispute', `/disputes/${AID}`, [`/disputes/${AID}.json`]],
    ['a claim', '/claims/1', ['/claims/1.json']],
    [
      'a claimant',
      '/claimants/kremlin',
      [
        '/claimants/kremlin.json',
        '/claims.csv?claimant=kremlin',
        '/claims.json?claimant=kremlin',
        '/claims.xlsx?claimant=kremlin',
        '/claims.md?claimant=kremlin',
      ],
    ],
    [
      'a topic',
      '/topics/military-aid',
      [
        '/topics/military-aid.json',
        '/claims.csv?topic=military-aid',
        '/claims.json?topic=military-aid',
        '/claims.xlsx?topic=military-aid',
        '/claims.md?topic=military-aid',
      ],
    ],
    [
      'an outlet',
      '/outlets/fox-news',
      ['/claims.csv?outlet=Fox+News', '/claims.json?outlet=Fox+News', '/claims.xlsx?outlet=Fox+News', '/claims.md?outlet=Fox+News'],
    ],
  ])('%s links each of its twins, and each answers 200', async (_what, page, twins) => {
    const html = (await request(t.app).get(page).expect(200)).text;
    expect(downloads(html).map(([, href]) => href)).toEqual(twins);
    // A dispute and a claimant also name their own follow feed (src/syndication/follow.pages.ts), first.
    const follow = /^\/(disputes|claimants)\//.test(page) ? [`http://gainsay.test${page}/feed.atom`] : [];
    expect(alternates(html).map(([, href]) => href)).toEqual([...follow, ...twins, ...FEEDS.map(([, href]) => href)]);
    for (const href of twins) await request(t.app).get(href).expect(200);
  });

  it('a source page links its .json twin', async () => {
    const fox = await t.db.selectFrom('source').select('id').where('outlet', '=', 'Fox News').executeTakeFirstOrThrow();
    const html = (await request(t.app).get(`/sources/${fox.id}`).expect(200)).text;
    expect(downloads(html)).toEqual([['JSON', `/sources/${fox.id}.json`]]);
    expect(alternates(html)).toContainEqual(['application/json', `/sources/${fox.id}.json`]);
    await request(t.app).get(`/sources/${fox.id}.json`).expect(200);
  });

  it('pages without twins still name the feeds, and every page links the open data page from its footer', async () => {
    const html = (await request(t.app).get('/methodology').expect(200)).text;
    expect(alternates(html)).toEqual(FEEDS);
    expect(downloads(html)).toEqual([]);
    const footer = html.slice(html.indexOf('<footer'));
    expect(footer).toContain('<a href="/open-data">Open data</a>');
  });
});

describe('the open data page', () => {
  it('lists the exports, the ClaimReview feed, the Atom feed, the API, its OpenAPI document and the licence', async () => {
    const html = (await request(t.app).get('/open-data').expect(200)).text;
    for (const href of [
      '/claims.csv',
      '/claims.json',
      '/claims.xlsx',
      '/claims.md',
      '/disputes.csv',
      '/disputes.json',
      '/disputes.xlsx',
      '/disputes.md',
      '/claimreview.json',
      '/feed.atom',
      '/api/v1/openapi.json',
    ]) {
      expect([href, html.includes(`href="${href}"`)]).toEqual([href, true]);
    }
    expect(html).toContain('<code>/api/v1</code>');
    expect(html).toContain('<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">CC BY 4.0</a>');
    expect(html).toContain('<h1>Open data</h1>');
  });

  it('is in Dutch for Dutch readers', async () => {
    const html = (await request(t.app).get('/open-data?lang=nl').expect(200)).text;
    expect(html).toContain('<html lang="nl"');
    expect(decode(html)).toContain('Alles hieronder is gepubliceerd onder deze licentie:');
    expect(decode(html)).toContain('Feeds');
  });

  it('is in the sitemap', async () => {
    const xml = (await request(t.app).get('/sitemap.xml').expect(200)).text;
    expect(xml).toContain('<loc>http://gainsay.test/open-data</loc>');
  });
});

describe('the data licence is configurable and travels with the data', () => {
  it('defaults to CC BY 4.0 and refuses a licence URL that is not a web address', () => {
    expect(loadConfig({}).dataLicence).toEqual({ name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' });
    expect(
      loadConfig({ DATA_LICENCE_NAME: 'ODbL 1.0', DATA_LICENCE_URL: 'https://opendatacommons.org/licenses/odbl/1-0/' }).dataLicence,
    ).toEqual({
      name: 'ODbL 1.0',
      url: 'https://opendatacommons.org/licenses/odbl/1-0',
    });
    expect(() => loadConfig({ DATA_LICENCE_URL: 'javascript:alert(1)' })).toThrow('Invalid DATA_LICENCE_URL="javascript:alert(1)"');
  });
});

describe('a newsroom’s own licence', () => {
  const licence = { name: 'ODbL 1.0', url: 'https://opendatacommons.org/licenses/odbl/1-0/' };
  useTestApp((app) => (t = app), { config: testConfig({ dataLicence: licence }) });

  it('is named on the open data page, in the JSON exports, the Atom feed and the ClaimReview feed', async () => {
    const page = (await request(t.app).get('/open-data').expect(200)).text;
    expect(page).toContain(`<a href="${licence.url}" rel="license">ODbL 1.0</a>`);
    for (const list of ['/claims.json', '/disputes.json']) {
      expect((await request(t.app).get(list).expect(200)).body.licence).toEqual(licence);
    }
    const atom = (await request(t.app).get('/feed.atom').expect(200)).text;
    expect(atom).toContain(`<link rel="license" href="${licence.url}"/>`);
    expect(atom).toContain('<rights>ODbL 1.0</rights>');
    expect(JSON.parse((await request(t.app).get('/claimreview.json').expect(200)).text).license).toBe(licence.url);
  });
});
