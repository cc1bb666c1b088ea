import request from 'supertest';
import { FACET_SAMPLE } from '../../src/claims/claim-facet.repository';
import { useTestApp, type TestApp } from '../helpers/app';
import { insertMany } from '../helpers/db';

let t: TestApp;
useTestApp((app) => (t = app));

/** Adds `count` published, unverified claims by a new claimant; returns that claimant's slug. */
async function addClaims(count: number): Promise<string> {
  const [claimant] = await insertMany(t.db, 'claimant', [
    { slug: 'bulk-speaker', name: 'Bulk Speaker', kind: 'person', created_at: 'x', updated_at: 'x' },
  ]);
  const claim = (i: number) => ({
    claimant_id: claimant!,
    text: `Bulk claim ${i}`,
    state: 'published',
    said_on: '2026-01-05',
    said_precision: 'day',
    created_at: 'x',
    updated_at: 'x',
  });
  await insertMany(
    t.db,
    'claim',
    Array.from({ length: count }, (_, i) => claim(i)),
  );
  return 'bulk-speaker';
}

/** The counts a facet lists, from the rendered page. */
function facetCounts(html: string, facet: string): number[] {
  const section = html.split(`class="facet facet-${facet}"`)[1]!.split('</section>')[0]!;
  return [...section.matchAll(/<span class="count">(\d+)<\/span>/g)].map((m) => Number(m[1]));
}

describe('facets over a large list', () => {
  it('count the latest additions only, say so, and are exact again once the list is narrowed', async () => {
    const seedClaims = Number(
      (
        await t.db
          .selectFrom('claim')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('state', '<>', 'draft')
          .executeTakeFirstOrThrow()
      ).n,
    );
    const slug = await addClaims(FACET_SAMPLE + 50);
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
