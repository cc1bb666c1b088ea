import type { ClaimCard, CitationView } from '../claims/claim-card.repository';
import type { Config } from '../config';
import { absoluteUrl, paths } from '../http/urls';

// schema.org ClaimReview for a claim, as Google's fact-check markup reads it:
// https://developers.google.com/search/docs/appearance/structured-data/factcheck

export interface CreativeWorkLd {
  '@type': 'CreativeWork';
  url?: string;
  headline: string;
  datePublished?: string;
  inLanguage?: string;
  publisher: { '@type': 'Organization'; name: string };
}

export interface ClaimReviewLd {
  '@context'?: 'https://schema.org';
  '@type': 'ClaimReview';
  url: string;
  claimReviewed: string;
  datePublished: string;
  dateModified: string;
  author: { '@type': 'Organization'; name: string; url: string };
  reviewRating: {
    '@type': 'Rating';
    alternateName: string;
    ratingValue?: number;
    bestRating?: number;
    worstRating?: number;
    ratingExplanation?: string;
  };
  itemReviewed: {
    '@type': 'Claim';
    author: { '@type': 'Person' | 'Organization'; name: string; url: string };
    datePublished?: string;
    appearance?: CreativeWorkLd[];
    firstAppearance?: CreativeWorkLd;
  };
}

export type ClaimReviewConfig = Pick<Config, 'baseUrl' | 'newsroom'>;

/** A partial date as ISO 8601 says it: "2025-03-18", "2025-03" or "2025". */
function isoPartial(on: string, precision: string | null): string {
  return precision === 'year' ? on.slice(0, 4) : precision === 'month' ? on.slice(0, 7) : on;
}

function creativeWork(c: CitationView): CreativeWorkLd {
  return {
    '@type': 'CreativeWork',
    ...(c.url ? { url: c.url } : {}),
    headline: c.title,
    ...(c.published_on ? { datePublished: isoPartial(c.published_on, c.published_precision) } : {}),
    ...(c.language ? { inLanguage: c.language } : {}),
    publisher: { '@type': 'Organization', name: c.outlet },
  };
}

/** Whether a claim gets a ClaimReview: published (not draft, not retracted) and rated. */
export function hasClaimReview(card: Pick<ClaimCard, 'state' | 'verdict'>): boolean {
  return card.state === 'published' && card.verdict.key !== 'unverified';
}

/**
 * The ClaimReview JSON-LD of a claim, or null when it has none (see hasClaimReview). Embed it with
 * `<script type="application/ld+json">{{jsonScript claimReview}}</script>`.
 */
export function claimReviewFor(card: ClaimCard, config: ClaimReviewConfig, { context = true } = {}): ClaimReviewLd | null {
  if (!hasClaimReview(card)) return null;
  const appearances = [...card.citations.filter((c) => c.role === 'made_in'), ...card.citations.filter((c) => c.role === 'reported_by')];
  const first = appearances[0];
  const v = card.verdict;
  return {
    ...(context ? { '@context': 'https://schema.org' as const } : {}),
    '@type': 'ClaimReview',
    url: absoluteUrl(config.baseUrl, paths.claim(card.id)),
    claimReviewed: card.text,
    datePublished: card.created_at.slice(0, 10),
    dateModified: card.updated_at,
    author: { '@type': 'Organization', name: config.newsroom.name, url: config.newsroom.url },
    reviewRating: {
      '@type': 'Rating',
      alternateName: v.alternate_name,
      ...(v.rating_value !== null ? { ratingValue: v.rating_value, bestRating: v.best_rating, worstRating: v.worst_rating } : {}),
      ...(v.rationale ? { ratingExplanation: v.rationale } : {}),
    },
    itemReviewed: {
      '@type': 'Claim',
      author: {
        '@type': card.claimant.kind === 'person' ? 'Person' : 'Organization',
        name: card.claimant.name,
        url: absoluteUrl(config.baseUrl, paths.claimant(card.claimant.slug)),
      },
      ...(card.said_on ? { datePublished: isoPartial(card.said_on, card.said_precision) } : {}),
      ...(appearances.length ? { appearance: appearances.map(creativeWork) } : {}),
      ...(first ? { firstAppearance: creativeWork(first) } : {}),
    },
  };
}
