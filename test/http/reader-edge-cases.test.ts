import request from 'supertest';
import { useTestApp, type TestApp } from '../helpers/app';
import { insertClaim } from '../../src/claims/claim.repository';
import { insertSource } from '../../src/sources/source.repository';
import { PAGE_CLAIMS } from '../../src/claims/claim-list.repository';

let t: TestApp;
useTestApp((app) => (t = app));

async function claimantId(slug: string) {
  return (await t.db.selectFrom('claimant').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}

it('does not reveal a topic that only drafts use', async () => {
  await insertClaim(t.db, {
    claimant_id: await claimantId('kremlin'),
    text: 'Draft only',
    kind: 'statement',
    verdict: 'unverified',
    state: 'draft',
    topics: ['Secret merger plan'],
    citations: [],
  });
  await request(t.app).get('/topics/secret-merger-plan').expect(404);
});

it('counts a dispute facet value only where clicking it finds the dispute', async () => {
  // Side B of the aid dispute (Trump) gets a "false" verdict; filtering by the Kremlin keeps only side A passing.
  const dispute = await t.db.selectFrom('dispute').selectAll().where('question', 'like', 'Did Putin ask Trump%').executeTakeFirstOrThrow();
  await t.db.updateTable('claim').set({ verdict: 'false', verdict_rationale: 'Test' }).where('id', '=', dispute.claim_b_id).execute();
  const list = await request(t.app).get('/disputes?claimant=kremlin').expect(200);
  const falseLink = /href="([^"]*verdict=false[^"]*)"/.exec(list.text);
  if (falseLink) {
    const href = falseLink[1]!.replace(/&amp;/g, '&');
    const filtered = await request(t.app).get(href).expect(200);
    expect(filtered.text).toContain('Did Putin ask Trump');
  }
  const both = await request(t.app).get('/disputes?claimant=kremlin&verdict=false').expect(200);
  expect(both.text).not.toContain('Did Putin ask Trump');
  expect(falseLink).toBeNull();
});

it('treats outlet spellings that share a slug as one outlet', async () => {
  const source = await insertSource(t.db, { outlet: 'FOX NEWS', title: 'Another broadcast' });
  await insertClaim(t.db, {
    claimant_id: await claimantId('donald-trump'),
    text: 'Said on air',
    kind: 'statement',
    verdict: 'unverified',
    state: 'published',
    topics: [],
    citations: [{ source_id: source.id, role: 'made_in' }],
  });
  const res = await request(t.app).get('/outlets/fox-news').expect(200);
  expect(res.text).toContain('Another broadcast');
  expect(res.text).toContain('Donald Trump interview with Fox News');
});

it('answers a page past the end of a list with a 404 that says how many pages there are', async () => {
  const res = await request(t.app).get('/claims?page=5').expect(404);
  expect(res.text).toContain('There is no page 5: this list has 1 page(s).');
  await request(t.app).get('/claims?claimant=nobody').expect(200);
});

it('shows a claimant’s latest claims and links to the rest in the fact-check table', async () => {
  const kremlin = await claimantId('kremlin');
  for (let i = 0; i < PAGE_CLAIMS + 5; i++) {
    await insertClaim(t.db, {
      claimant_id: kremlin,
      text: `Numbered statement ${i}`,
      kind: 'statement',
      verdict: 'unverified',
      state: 'published',
      topics: ['Bulk'],
      citations: [],
    });
  }
  for (const path of ['/claimants/kremlin', '/topics/bulk']) {
    const res = await request(t.app).get(path).expect(200);
    expect(res.text.match(/class="claim"/g)!.length).toBeLessThanOrEqual(PAGE_CLAIMS);
    expect(res.text).toMatch(/The latest 50 of \d+: see them all/);
  }
  const res = await request(t.app).get('/claimants/kremlin');
  expect(res.text.replace(/&#x3D;/g, '=')).toContain('href="/claims?claimant=kremlin"');
});

it('counts claims per month said, with links that set and clear the date range', async () => {
  const list = await request(t.app).get('/claims').expect(200);
  const text = list.text.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
  const march = /<a href="([^"]+)"[^>]*data-facet="said" data-value="2025-03">March 2025<\/a> <span class="count">(\d+)<\/span>/.exec(text);
  expect(march).not.toBeNull();
  expect(march![1]).toBe('/claims?from=2025-03&to=2025-03');
  const filtered = await request(t.app).get(march![1]!).expect(200);
  const rows = (filtered.text.match(/<tr\b/g) ?? []).length - 1;
  expect(rows).toBe(Number(march![2]));
  const feb = await request(t.app).get('/disputes').expect(200);
  expect(feb.text).toContain('data-facet="said" data-value="2025-02"');
  const chosen = filtered.text.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
  expect(chosen).toMatch(/<a href="\/claims" rel="nofollow" aria-current="true" data-facet="said" data-value="2025-03">/);
});
