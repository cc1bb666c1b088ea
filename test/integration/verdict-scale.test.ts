import { freshDatabase } from '../helpers/db';
import { listVerdicts } from '../../src/verdicts/verdict.repository';
import { toClaimReviewRating } from '../../src/verdicts/claimreview-rating';

describe('verdict scale', () => {
  it('holds the default scale of PRODUCT.md in order, mapped to ClaimReview', async () => {
    const { db } = await freshDatabase();
    const verdicts = await listVerdicts(db);
    expect(verdicts.map((v) => v.key)).toEqual([
      'unverified',
      'true',
      'mostly-true',
      'mixed',
      'misleading',
      'mostly-false',
      'false',
      'unprovable',
      'opinion',
    ]);
    const byKey = new Map(verdicts.map((v) => [v.key, v]));
    expect(toClaimReviewRating(byKey.get('true')!)).toEqual({
      '@type': 'Rating',
      alternateName: 'True',
      ratingValue: 6,
      bestRating: 6,
      worstRating: 1,
    });
    expect(toClaimReviewRating(byKey.get('false')!)).toMatchObject({ ratingValue: 1 });
    // Off-scale verdicts carry only a name: a number would claim a degree of truth they do not state.
    expect(toClaimReviewRating(byKey.get('opinion')!)).toEqual({ '@type': 'Rating', alternateName: 'Opinion' });
    const numeric = verdicts.filter((v) => v.rating_value !== null).map((v) => v.rating_value!);
    expect(new Set(numeric).size).toBe(numeric.length);
    await db.destroy();
  });
});
