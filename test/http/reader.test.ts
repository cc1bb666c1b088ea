import request from 'supertest';
import { useTestApp, type TestApp } from '../helpers/app';
import { addClaim } from '../helpers/claims';

let t: TestApp;
useTestApp((app) => (t = app));

/** The HTML with the entities Handlebars writes in attributes turned back into characters. */
const html = (text: string) =>
  text
    .replace(/&#x3D;/g, '=')
    .replace(/&amp;/g, '&')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"');
const facetLink = (page: string, facet: string, value: string) => {
  const m = new RegExp(
    `<li[^>]*><a href="([^"]+)"[^>]*data-facet="${facet}" data-value="${value}">[^<]*</a> <span class="count">(\\d+)</span>`,
  ).exec(html(page));
  return m ? { href: m[1]!, count: Number(m[2]) } : null;
};
const h1Count = (text: string) => (text.match(/<h1[\s>]/g) ?? []).length;
const seedDispute = () =>
  t.db.selectFrom('dispute').select('slug').where('question', 'like', 'Did Putin ask Trump%').executeTakeFirstOrThrow();

describe('the dispute page', () => {
  it('shows the question, both labelled sides, citations, verdict links and a two-lane timeline', async () => {
    const { slug } = await seedDispute();
    const res = await request(t.app).get(`/disputes/${slug}`).expect(200);
    expect(h1Count(res.text)).toBe(1);
    expect(res.text).toContain('<h1>Did Putin ask Trump to stop military aid to Kyiv?</h1>');
    expect(res.text).toMatch(/<h3 id="side-a-label" class="side-label"><span class="side-tag">Side A<\/span> Kremlin<\/h3>/);
    expect(res.text).toMatch(/<h3 id="side-b-label" class="side-label"><span class="side-tag">Side B<\/span> Donald Trump<\/h3>/);
    expect(res.text).toContain('href="/methodology#verdict-unverified"');
    expect(res.text).toContain('href="/claimants/kremlin"');
    expect(res.text).toMatch(/href="\/sources\/\d+">Fox News/);
    expect(res.text).toContain('(in Dutch)');
    expect(res.text).toMatch(/<li class="lane-a">[\s\S]*?Kremlin/);
    // Trump is known only to the month: his entry opens the March band (see test/http/date-precision.test.ts).
    expect(res.text).toMatch(/<li class="lane-b is-period">[\s\S]*?Donald Trump/);
    expect(res.text).toContain('<meta property="og:type" content="article">');
    expect(res.text).toContain(`<link rel="canonical" href="http://gainsay.test/disputes/${slug}">`);
  });

  it('marks a retracted dispute with a notice but keeps it visible', async () => {
    const { slug } = await seedDispute();
    await t.db.updateTable('dispute').set({ state: 'retracted' }).where('slug', '=', slug).execute();
    const res = await request(t.app).get(`/disputes/${slug}`).expect(200);
    expect(res.text).toContain('This record has been retracted');
  });
});

describe('claim, claimant, source, outlet, topic and methodology pages', () => {
  it('renders a claim with its disputes and related claims, linked to the others', async () => {
    const claim = await t.db
      .selectFrom('claim')
      .select('id')
      .where('text', 'like', 'The Kremlin says that, in the phone call%')
      .executeTakeFirstOrThrow();
    const res = await request(t.app).get(`/claims/${claim.id}`).expect(200);
    expect(h1Count(res.text)).toBe(1);
    expect(res.text).toContain('<h1 class="page-title">Claim by Kremlin</h1>');
    expect(res.text).toContain('Part of these disputes');
    expect(res.text).toContain('is contradicted by');
    expect(res.text).toContain('href="/topics/military-aid"');
    await request(t.app).get('/claims/999999').expect(404);
    await request(t.app).get('/claims/abc').expect(404);
  });

  it('renders a claimant with what they said and how it was rated', async () => {
    const res = await request(t.app).get('/claimants/donald-trump').expect(200);
    expect(res.text).toContain('<h1>Donald Trump</h1>');
    expect(res.text).toContain('How it was rated');
    expect(res.text).toContain('military aid was not discussed');
    await request(t.app).get('/claimants/nobody').expect(404);
  });

  it('renders a source, its outlet page with every citation, and a topic page', async () => {
    const fox = await t.db.selectFrom('source').select('id').where('outlet', '=', 'Fox News').executeTakeFirstOrThrow();
    const source = await request(t.app).get(`/sources/${fox.id}`).expect(200);
    expect(source.text).toContain('href="/outlets/fox-news"');
    expect(source.text).toContain('Claims that cite this source');
    expect(source.text).toContain('no link to the original');
    const outlet = await request(t.app).get('/outlets/fox-news').expect(200);
    expect(outlet.text).toContain('<h1>Outlet: Fox News</h1>');
    expect(outlet.text).toContain('Donald Trump');
    await request(t.app).get('/outlets/no-such-outlet').expect(404);
    const topic = await request(t.app).get('/topics/military-aid').expect(200);
    expect(topic.text).toContain('<h1>Topic: Military aid</h1>');
    expect(topic.text).toContain('Did Putin ask Trump');
    await request(t.app).get('/topics/nothing-here').expect(404);
  });

  it('explains every verdict of the scale on the methodology page', async () => {
    const res = await request(t.app).get('/methodology').expect(200);
    for (const key of ['unverified', 'true', 'mostly-true', 'mixed', 'misleading', 'mostly-false', 'false', 'unprovable', 'opinion']) {
      expect(res.text).toContain(`id="verdict-${key}"`);
    }
    expect(res.text).toContain('Corrections');
  });
});

describe('lists with facets', () => {
  it('counts each facet under the other filters, with links that add and remove filters', async () => {
    const all = await request(t.app).get('/claims').expect(200);
    expect(all.text).toContain('13 results');
    const trump = facetLink(all.text, 'claimant', 'donald-trump')!;
    expect(trump.href).toBe('/claims?claimant=donald-trump');
    const followed = await request(t.app).get(trump.href).expect(200);
    expect(followed.text).toContain(`${trump.count} result`);

    const filtered = await request(t.app).get('/claims?topic=military-aid').expect(200);
    expect(filtered.text).toContain('3 results');
    // The topic facet ignores the topic filter itself (Datasette-style), the others respect it.
    expect(facetLink(filtered.text, 'topic', 'ceasefire')!.count).toBeGreaterThan(3);
    expect(facetLink(filtered.text, 'verdict', 'unverified')).toEqual({ href: '/claims?verdict=unverified&topic=military-aid', count: 3 });
    expect(facetLink(filtered.text, 'topic', 'military-aid')).toEqual({ href: '/claims', count: 3 });
    expect(facetLink(filtered.text, 'claimant', 'kremlin')).toEqual({ href: '/claims?claimant=kremlin&topic=military-aid', count: 1 });

    const both = await request(t.app).get('/claims?claimant=kremlin&topic=military-aid').expect(200);
    expect(both.text).toContain('1 result');
    expect(html(both.text)).toContain('<link rel="canonical" href="http://gainsay.test/claims?claimant=kremlin&topic=military-aid">');
  });

  it('filters disputes by a side, by outlet, by date and by text, with counts', async () => {
    const res = await request(t.app).get('/disputes?claimant=donald-trump').expect(200);
    expect(res.text).toContain('Did Putin ask Trump');
    expect(res.text).not.toContain('Does Putin act in good faith?');
    expect(facetLink(res.text, 'outlet', 'Fox News')!.count).toBe(1);
    const text = await request(t.app).get('/disputes?q=good+faith').expect(200);
    expect(text.text).toContain('Does Putin act in good faith?');
    expect(text.text).toContain('1 result');
    const none = await request(t.app).get('/disputes?from=2030').expect(200);
    expect(none.text).toContain('No disputes match these filters.');
  });

  it('sorts and paginates, keeping the filters in every link', async () => {
    for (let i = 0; i < 25; i++)
      await addClaim(t.db, 'kremlin', { text: `Numbered claim ${i}`, said_on: `2024-01-${String(i + 1).padStart(2, '0')}` });
    const first = await request(t.app).get('/claims?claimant=kremlin&sort=said-asc').expect(200);
    expect(first.text).toContain('Page 1 of 2');
    expect(first.text).toContain('Numbered claim 0<');
    expect(html(first.text)).toContain('href="/claims?claimant=kremlin&sort=said-asc&page=2" rel="next nofollow"');
    const second = await request(t.app).get('/claims?claimant=kremlin&sort=said-asc&page=2').expect(200);
    expect(second.text).toContain('Page 2 of 2');
    expect(html(second.text)).toContain('href="/claims?claimant=kremlin&sort=said-asc" rel="prev nofollow"');
    expect(second.text).not.toContain('Numbered claim 0<');
    const beyond = await request(t.app).get('/claims?page=50').expect(404);
    expect(beyond.text).toContain('There is no page 50');
  });

  it('answers a bad parameter with a 400 page naming it', async () => {
    for (const [query, name] of [
      ['from=yesterday', 'from'],
      ['sort=random', 'sort'],
      ['page=0', 'page'],
      ['page=abc', 'page'],
      ['q=%22open', 'q'],
      ['q=AND', 'q'],
    ] as const) {
      const res = await request(t.app).get(`/claims?${query}`).expect(400);
      expect(res.text).toContain(`The parameter “${name}” is not valid`);
      const disputes = await request(t.app).get(`/disputes?${query}`).expect(400);
      expect(disputes.text).toContain(`“${name}”`);
    }
  });
});

describe('search', () => {
  it('finds accented words typed without accents, with highlighted snippets', async () => {
    const res = await request(t.app).get('/search?q=oekraine').expect(200);
    expect(res.text).toMatch(/<mark>Oekraïne<\/mark>/i);
    expect(res.text).toMatch(/href="\/claims\/\d+"/);
  });

  it('explains a bad query instead of failing', async () => {
    const res = await request(t.app).get('/search?q=%22unclosed').expect(200);
    expect(res.text).toContain('A quotation mark is not closed');
    const op = await request(t.app).get('/search?q=OR').expect(200);
    expect(op.text).toContain('needs a word on both sides');
    const empty = await request(t.app).get('/search').expect(200);
    expect(empty.text).toContain('<label for="search-q">');
  });

  it('says plainly when nothing matches', async () => {
    const res = await request(t.app).get('/search?q=zzzyxq').expect(200);
    expect(res.text).toContain('Nothing found for “zzzyxq”.');
  });
});

describe('drafts never reach readers', () => {
  it('hides a draft claim from lists, facets, search, claimant, source and claim pages', async () => {
    const draft = await addClaim(t.db, 'steve-witkoff', {
      text: 'Secret draft about Oekraïne',
      state: 'draft',
      verdict: 'false',
      verdict_rationale: 'Because.',
      topics: ['drafty-topic'],
    });
    const claims = await request(t.app).get('/claims').expect(200);
    expect(claims.text).not.toContain('Secret draft');
    expect(facetLink(claims.text, 'verdict', 'false')).toBeNull();
    expect(facetLink(claims.text, 'topic', 'drafty-topic')).toBeNull();
    const search = await request(t.app).get('/search?q=secret').expect(200);
    expect(search.text).not.toContain('Secret draft');
    expect(search.text).toContain('Nothing found');
    const claimant = await request(t.app).get('/claimants/steve-witkoff').expect(200);
    expect(claimant.text).not.toContain('Secret draft');
    await request(t.app).get(`/claims/${draft.id}`).expect(404);
    await request(t.app)
      .get('/claimants/vladimir-putin')
      .expect((r) => expect(r.text).not.toContain('Secret draft'));
    // A topic used only by drafts is not public at all (its name could give the story away).
    await request(t.app).get('/topics/drafty-topic').expect(404);
  });

  it('hides a claimant whose every claim is a draft, and draft disputes from lists, facets and search', async () => {
    await t.db
      .updateTable('claim')
      .set({ state: 'draft' })
      .where('claimant_id', '=', t.db.selectFrom('claimant').select('id').where('slug', '=', 'steve-witkoff'))
      .execute();
    await request(t.app).get('/claimants/steve-witkoff').expect(404);
    await t.db.updateTable('dispute').set({ state: 'draft' }).where('question', '=', 'Does Putin act in good faith?').execute();
    const list = await request(t.app).get('/disputes').expect(200);
    expect(list.text).not.toContain('Does Putin act in good faith?');
    expect(facetLink(list.text, 'claimant', 'steve-witkoff')).toBeNull();
    const search = await request(t.app).get('/search?q=%22good+faith%22').expect(200);
    expect(search.text).not.toContain('Does Putin act in');
  });
});

describe('escaping', () => {
  it('escapes hostile text everywhere it is shown', async () => {
    const hostile = await addClaim(t.db, 'kremlin', {
      text: 'Hostile <script>alert(1)</script> claim',
      quote: '<img src=x onerror=alert(2)>',
    });
    for (const url of ['/claims', `/claims/${hostile.id}`, '/claimants/kremlin', '/search?q=hostile', '/search?q=%3Cscript%3E+hostile']) {
      const res = await request(t.app).get(url).expect(200);
      expect(res.text).not.toContain('<script>alert(1)');
      expect(res.text).not.toContain('<img src=x');
      expect(res.text).toMatch(/&lt;script&gt;|&#60;script&#62;/);
    }
  });
});

describe('languages', () => {
  it('follows Accept-Language, then the lang cookie, then ?lang=', async () => {
    const nl = await request(t.app).get('/claims').set('Accept-Language', 'nl-NL,nl;q=0.9,en;q=0.5').expect(200);
    expect(nl.text).toContain('<html lang="nl">');
    expect(nl.text).toContain('<h1>Factchecks</h1>');
    expect(nl.headers.vary).toMatch(/Accept-Language/);
    const cookie = await request(t.app).get('/claims').set('Accept-Language', 'nl').set('Cookie', 'lang=en').expect(200);
    expect(cookie.text).toContain('<h1>Fact checks</h1>');
    const query = await request(t.app).get('/methodology?lang=nl').set('Cookie', 'lang=en').expect(200);
    expect(query.text).toContain('<h1>Werkwijze</h1>');
    expect(query.text).toContain('Grotendeels waar');
  });

  it('formats dates for the language and keeps content in its own language', async () => {
    const { slug } = await seedDispute();
    const nl = await request(t.app).get(`/disputes/${slug}`).set('Cookie', 'lang=nl').expect(200);
    expect(nl.text).toContain('18 maart 2025');
    expect(nl.text).toContain('(in het Nederlands)');
    expect(nl.text).toContain('Did Putin ask Trump to stop military aid to Kyiv?');
    const en = await request(t.app).get(`/disputes/${slug}`).expect(200);
    expect(en.text).toContain('18 March 2025');
  });

  it('switches language with a remembered cookie and returns to a local page only', async () => {
    const page = await request(t.app).get('/claims?topic=ceasefire').expect(200);
    expect(html(page.text)).toContain('href="/lang/nl?back=%2Fclaims%3Ftopic%3Dceasefire"');
    const res = await request(t.app).get('/lang/nl?back=%2Fclaims%3Ftopic%3Dceasefire').expect(303);
    expect(res.headers.location).toBe('/claims?topic=ceasefire');
    expect(String(res.headers['set-cookie'])).toMatch(/^lang=nl; Max-Age=\d+; Path=\/; Expires=.*; HttpOnly; SameSite=Lax/);
    for (const back of ['//evil.example/', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      const bad = await request(t.app)
        .get(`/lang/nl?back=${encodeURIComponent(back)}`)
        .expect(400);
      expect(bad.headers['set-cookie']).toBeUndefined();
    }
    await request(t.app).get('/lang/fr?back=/').expect(404);
  });

  it('answers a 400 in the reader’s language', async () => {
    const res = await request(t.app).get('/claims?from=gisteren').set('Accept-Language', 'nl').expect(400);
    expect(res.text).toContain('De parameter ‘from’ is niet geldig');
  });
});
