import request from 'supertest';
import { FACET_SAMPLE } from '../../src/claims/claim-facet.repository';
import { useTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
useTestApp((app) => (t = app));

/** Adds `count` published, unverified claims by a new claimant; returns that claimant's slug. */
function addClaims(count: number): string {
  const claimant = Number(
    t.sqlite
      .prepare(
        `insert into claimant (slug, name, kind, created_at, updated_at) values ('bulk-speaker', 'Bulk Speaker', 'person', 'x', 'x')`,
      )
      .run().lastInsertRowid,
  );
  const insert = t.sqlite.prepare(
    `insert into claim (claimant_id, text, state, said_on, said_precision, created_at, updated_at) values (?, ?, 'published', '2026-01-05', 'day', 'x', 'x')`,
  );
  t.sqlite.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(claimant, `Bulk claim ${i}`);
  })();
  return 'bulk-speaker';
}

/** The counts a facet lists, from the rendered page. */
function facetCounts(html: string, facet: string): number[] {
  const section = html.split(`class="facet facet-${facet}"`)[1]!.split('</section>')[0]!;
  return [...section.matchAll(/<span class="count">(\d+)<\/span>/g)].map((m) => Number(m[1]));
}

describe('facets over a large list', () => {
  it('count the latest additions only, say so, and are exact again once the list is narrowed', async () => {
    const seedClaims = Number(t.sqlite.prepare(`select count(*) from claim where state <> 'draft'`).pluck().get());
    const slug = addClaims(FACET_SAMPLE + 50);
    const all = await request(t.app).get('/claims').expect(200);
    expect(all.text).toContain(`Counted among the ${FACET_SAMPLE.toLocaleString('en')} claims added last`);
    expect(facetCounts(all.text, 'verdict').reduce((a, b) => a + b, 0)).toBe(FACET_SAMPLE);
    // The total is never sampled.
    expect(all.text).toContain((seedClaims + FACET_SAMPLE + 50).toLocaleString('en'));

    // Under verdict=opinion the claimant facet counts a few claims exactly; the verdict facet, which
    // counts every verdict under the other (no) filters, is still sampled.
    const narrowed = await request(t.app).get('/claims?verdict=opinion').expect(200);
    const section = (facet: string) => narrowed.text.split(`class="facet facet-${facet}"`)[1]!.split('</section>')[0]!;
    expect(section('claimant')).not.toContain('facet-sampled');
    expect(section('verdict')).toContain('facet-sampled');
    const nl = await request(t.app).get(`/claims?claimant=${slug}`).set('Accept-Language', 'nl').expect(200);
    expect(nl.text).toContain('Geteld onder de');
  }, 60_000);
});
