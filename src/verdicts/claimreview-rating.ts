import type { VerdictRow } from './verdict.repository';

export interface ClaimReviewRating {
  '@type': 'Rating';
  alternateName: string;
  ratingValue?: number;
  bestRating?: number;
  worstRating?: number;
}

/**
 * The schema.org Rating for a verdict. Ratings off the numeric scale (unverified, unprovable,
 * opinion) carry only alternateName, as Google's fact-check markup allows.
 */
export function toClaimReviewRating(verdict: VerdictRow): ClaimReviewRating {
  const rating: ClaimReviewRating = { '@type': 'Rating', alternateName: verdict.alternate_name };
  if (verdict.rating_value !== null) {
    rating.ratingValue = verdict.rating_value;
    rating.bestRating = verdict.best_rating;
    rating.worstRating = verdict.worst_rating;
  }
  return rating;
}
