import request from 'supertest';
import { testApp, type TestApp } from '../helpers/app';

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
  // One numeric rating and one off-scale rating, on claims with a made-in source.
  await t.db.updateTable('claim').set({ verdict: 'false', verdict_rationale: 'The readout contradicts it.' }).where('id', '=', 1).execute();
});
afterEach(async () => {
  expect(t.errors).toEqual([]);
  await t.db.destroy();
});

/** A parsed JSON-LD node; its properties are checked before they are used. */
type Json = Record<string, unknown>;
const node = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);

/**
 * Google's fact-check markup (developers.google.com/search/docs/appearance/structured-data/factcheck),
 * encoded: what is required, and what is recommended. Returns the problems found.
 */
function googleFactCheckProblems(review: Json, { recommended = true } = {}): string[] {
  const problems: string[] = [];
  const need = (ok: unknown, what: string) => {
    if (!ok) problems.push(what);
  };
  const isUrl = (u: unknown) => typeof u === 'string' && /^https?:\/\/\S+$/.test(u);
  const isDate = (d: unknown) => typeof d === 'string' && /^\d{4}(-\d{2}(-\d{2}(T[\d:.]+Z?)?)?)?$/.test(d);
  need(review['@type'] === 'ClaimReview', '@type ClaimReview');
  need(typeof review.claimReviewed === 'string' && review.claimReviewed.length > 0, 'claimReviewed');
  need(isUrl(review.url), 'url');
  const rating = node(review.reviewRating);
  need(rating && rating['@type'] === 'Rating', 'reviewRating');
  need(rating && typeof rating.alternateName === 'string' && rating.alternateName, 'reviewRating.alternateName');
  if (rating && rating.ratingValue !== undefined) {
    const { ratingValue, bestRating, worstRating } = rating;
    need(typeof ratingValue === 'number' && Number.isFinite(ratingValue), 'reviewRating.ratingValue is a number');
    const bounded =
      typeof bestRating === 'number' && Number.isFinite(bestRating) && typeof worstRating === 'number' && Number.isFinite(worstRating);
    need(bounded, 'reviewRating.bestRating/worstRating with ratingValue');
    need(
      bounded && typeof ratingValue === 'number' && worstRating <= ratingValue && ratingValue <= bestRating,
      'ratingValue within worst..best',
    );
  }
  const author = node(review.author);
  need(author?.['@type'] === 'Organization' && author?.name, 'author: Organization with name');
  need(isDate(review.datePublished), 'datePublished');
  const item = node(review.itemReviewed);
  need(item?.['@type'] === 'Claim', 'itemReviewed: Claim');
  const claimant = node(item?.author);
  need((claimant?.['@type'] === 'Person' || claimant?.['@type'] === 'Organization') && claimant?.name, 'itemReviewed.author with name');
  if (recommended) {
    need(isDate(item?.datePublished), 'itemReviewed.datePublished');
    need(Array.isArray(item?.appearance) && item.appearance.length > 0, 'itemReviewed.appearance');
    need(node(item?.firstAppearance)?.['@type'] === 'CreativeWork', 'itemReviewed.firstAppearance');
  }
  return problems;
}

function ldScripts(html: string): Json[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
}

describe('ClaimReview', () => {
  it('the feed is a DataFeed of valid ClaimReviews for every published, rated claim', async () => {
    const res = await request(t.app).get('/claimreview.json').expect(200);
    expect(res.headers['content-type']).toMatch(/application\/ld\+json/);
    const feed = JSON.parse(res.text);
    expect(feed['@type']).toBe('DataFeed');
    const rated = await t.db
      .selectFrom('claim')
      .select('id')
      .where('state', '=', 'published')
      .where('verdict', '<>', 'unverified')
      .execute();
    expect(feed.dataFeedElement).toHaveLength(rated.length);
    for (const review of feed.dataFeedElement) expect(googleFactCheckProblems(review, { recommended: false })).toEqual([]);
    const one = feed.dataFeedElement.find((r: { url: string }) => r.url === 'http://gainsay.test/claims/1');
    expect(googleFactCheckProblems(one)).toEqual([]);
    expect(one.reviewRating).toMatchObject({ alternateName: 'False', ratingValue: 1, bestRating: 6, worstRating: 1 });
    expect(one.author).toEqual({ '@type': 'Organization', name: 'Test Desk', url: 'http://gainsay.test' });
    expect(one.itemReviewed.author).toMatchObject({ '@type': 'Organization', name: 'Kremlin' });
    expect(one.itemReviewed.datePublished).toBe('2025-03-18');
    const opinion = feed.dataFeedElement.find(
      (r: { reviewRating: { alternateName: string } }) => r.reviewRating.alternateName === 'Opinion',
    );
    expect(opinion.reviewRating.ratingValue).toBeUndefined();
  });

  it('leaves out drafts, retractions and unrated claims', async () => {
    await t.db.updateTable('claim').set({ state: 'retracted' }).where('id', '=', 1).execute();
    const feed = JSON.parse((await request(t.app).get('/claimreview.json').expect(200)).text);
    expect(feed.dataFeedElement.map((r: { url: string }) => r.url)).not.toContain('http://gainsay.test/claims/1');
    expect(
      feed.dataFeedElement.every((r: { reviewRating: { alternateName: string } }) => r.reviewRating.alternateName !== 'Unverified'),
    ).toBe(true);
  });

  it('the dispute page embeds the ClaimReviews of its claims, safely escaped', async () => {
    await t.db.updateTable('claim').set({ text: 'Evil </script><script>alert(1)</script>' }).where('id', '=', 1).execute();
    const dispute = await t.db
      .selectFrom('dispute')
      .select('slug')
      .where((eb) => eb.or([eb('claim_a_id', '=', 1), eb('claim_b_id', '=', 1)]))
      .executeTakeFirstOrThrow();
    const html = (await request(t.app).get(`/disputes/${dispute.slug}`).expect(200)).text;
    expect(html).not.toContain('<script>alert(1)');
    const reviews = ldScripts(html);
    expect(reviews.length).toBeGreaterThan(0);
    const review = reviews.find((r) => r.url === 'http://gainsay.test/claims/1')!;
    expect(review['@context']).toBe('https://schema.org');
    expect(review.claimReviewed).toBe('Evil </script><script>alert(1)</script>');
    expect(googleFactCheckProblems(review)).toEqual([]);
  });

  it("the claim's own page, the url the review names, carries its ClaimReview; an unrated or retracted claim's page none", async () => {
    await t.db.updateTable('claim').set({ text: 'Evil </script><script>alert(1)</script>' }).where('id', '=', 1).execute();
    const html = (await request(t.app).get('/claims/1').expect(200)).text;
    expect(html).not.toContain('<script>alert(1)');
    const reviews = ldScripts(html);
    expect(reviews).toHaveLength(1);
    const review = reviews[0]!;
    expect(review['@context']).toBe('https://schema.org');
    expect(review['@type']).toBe('ClaimReview');
    expect(review.url).toBe('http://gainsay.test/claims/1');
    expect(review.claimReviewed).toBe('Evil </script><script>alert(1)</script>');
    expect(review.reviewRating).toMatchObject({ '@type': 'Rating', alternateName: 'False', ratingValue: 1, bestRating: 6, worstRating: 1 });
    expect(review.itemReviewed).toMatchObject({
      '@type': 'Claim',
      author: { '@type': 'Organization', name: 'Kremlin', url: 'http://gainsay.test/claimants/kremlin' },
    });
    expect(googleFactCheckProblems(review)).toEqual([]);

    const unrated = await t.db
      .selectFrom('claim')
      .select('id')
      .where('state', '=', 'published')
      .where('verdict', '=', 'unverified')
      .executeTakeFirstOrThrow();
    expect(ldScripts((await request(t.app).get(`/claims/${unrated.id}`).expect(200)).text)).toEqual([]);
    await t.db.updateTable('claim').set({ state: 'retracted' }).where('id', '=', 1).execute();
    expect(ldScripts((await request(t.app).get('/claims/1').expect(200)).text)).toEqual([]);
  });
});
