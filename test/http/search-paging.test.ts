import request from 'supertest';
import { RANKED_MATCHES } from '../../src/db/search-types';
import { useTestApp, type TestApp } from '../helpers/app';
import { insertMany } from '../helpers/db';

let t: TestApp;
useTestApp((app) => (t = app));

/** Adds `count` claims of the seed's first claimant whose text holds `word`; returns their ids in order. */
async function addClaims(count: number, word: string, state: 'published' | 'draft' = 'published'): Promise<number[]> {
  const { id: claimant } = await t.db.selectFrom('claimant').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
  const at = '2026-01-01T00:00:00Z';
  const claim = (i: number) => ({
    claimant_id: claimant,
    text: `Claim ${i} about ${word} number ${i}`,
    state,
    created_at: at,
    updated_at: at,
  });
  return insertMany(
    t.db,
    'claim',
    Array.from({ length: count }, (_, i) => claim(i)),
  );
}

const claimLinks = (html: string) => [...html.matchAll(/href="\/claims\/(\d+)"/g)].map((m) => Number(m[1]));

describe('search at scale', () => {
  it('ranks a small match set by relevance, counts it, and pages it twenty at a time', async () => {
    const ids = await addClaims(45, 'zebrafinch');
    const first = await request(t.app).get('/search?q=zebrafinch').expect(200);
    expect(first.text).toContain('45 results, most relevant first.');
    expect(claimLinks(first.text)).toHaveLength(20);
    expect(first.text).toContain('href="/search?q&#x3D;zebrafinch&amp;page&#x3D;2" rel="next"'); // Handlebars escapes = as &#x3D;
    const third = await request(t.app).get('/search?q=zebrafinch&page=3').expect(200);
    expect(claimLinks(third.text)).toHaveLength(5);
    const second = await request(t.app).get('/search?q=zebrafinch&page=2').expect(200);
    const all = [...claimLinks(first.text), ...claimLinks(second.text), ...claimLinks(third.text)];
    expect(new Set(all).size).toBe(45);
    expect([...all].sort((a, b) => a - b)).toEqual(ids);
  });

  it('orders a match set too large to rank newest first, says so, and leaves drafts out of it', async () => {
    const published = await addClaims(RANKED_MATCHES + 30, 'hummingbird');
    const drafts = await addClaims(40, 'hummingbird', 'draft');
    const res = await request(t.app).get('/search?q=hummingbird').expect(200);
    expect(res.text).toContain(`More than ${RANKED_MATCHES.toLocaleString('en')} results, newest first.`);
    const shown = claimLinks(res.text);
    expect(shown).toEqual(published.slice(-20).reverse());
    expect(shown.some((id) => drafts.includes(id))).toBe(false);
    const last = await request(t.app)
      .get(`/search?q=hummingbird&page=${RANKED_MATCHES / 20}`)
      .expect(200);
    expect(claimLinks(last.text)).toHaveLength(20);
    expect(last.text).not.toContain('rel="next"');
  });

  it('answers a page that cannot exist with a message naming the parameter, and a page past the end with 404', async () => {
    await addClaims(3, 'kingfisher');
    for (const page of ['0', 'abc', String(RANKED_MATCHES / 20 + 1), '1e2']) {
      const res = await request(t.app).get(`/search?q=kingfisher&page=${page}`).expect(400);
      expect(res.text).toContain('The parameter “page” is not valid');
    }
    await request(t.app).get('/search?q=kingfisher&page=2').expect(404);
    const nl = await request(t.app).get('/search?q=kingfisher&page=0').set('Accept-Language', 'nl').expect(400);
    expect(nl.text).toContain('moet een paginanummer van 1 tot en met');
  });
});
