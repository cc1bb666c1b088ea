import type { Db } from '../db/connection';
import { lookupTerms, significantWords, similarity } from './claim-terms';
import { claimIdsSharingTerms, loadClaimsForComparison, type ClaimForComparison } from './similar-claims.repository';

// "Has this been checked before?" Repeat detection behind one interface: the lexical matcher below
// (the search index for candidates, then word and trigram overlap) is today's; a matcher built on
// sentence embeddings could take its place without the desk, the API or the importer changing.

export interface MatchOptions {
  limit: number;
  /** Claims never to suggest (the claim being edited, the claims of the same import). */
  excludeIds?: ReadonlySet<number>;
  /** Readers' view: no drafts, no disputes with a draft side. */
  publicOnly: boolean;
  /** The score from which a claim counts as alike; SIMILAR_THRESHOLD unless measuring. */
  threshold?: number;
}

/** A claim that looks like the text, with how alike they are (0–1; at least the matcher's threshold). */
export interface Match {
  claim: ClaimForComparison;
  score: number;
}

export interface ClaimMatcher {
  /** The claims most like `text`, most alike first; none when nothing reaches the threshold. */
  match(db: Db, text: string, options: MatchOptions): Promise<Match[]>;
}

/**
 * The score from which two claims are shown as alike. Measured on the labelled pairs in
 * test/repeats/claim-pairs.json (test/repeats/similar-claims-quality.test.ts prints precision and recall).
 */
export const SIMILAR_THRESHOLD = 0.55;

/** Fewer significant words than this say too little to compare (a name, a half-typed sentence). */
export const MIN_WORDS = 3;

/** How many claims sharing a term are compared word by word. */
const CANDIDATES = 60;

export const lexicalMatcher: ClaimMatcher = {
  async match(db, text, { limit, excludeIds, publicOnly, threshold = SIMILAR_THRESHOLD }) {
    if (significantWords(text).length < MIN_WORDS) return [];
    const ids = await claimIdsSharingTerms(db, lookupTerms(text), {
      limit: CANDIDATES + Math.min(excludeIds?.size ?? 0, CANDIDATES),
      publicOnly,
    });
    const claims = await loadClaimsForComparison(
      db,
      ids.filter((id) => !excludeIds?.has(id)),
      { publicOnly },
    );
    return claims
      .map((claim) => ({
        claim,
        score: Math.max(
          similarity(text, claim.text, claim.claimant.name),
          claim.quote ? similarity(text, claim.quote, claim.claimant.name) : 0,
        ),
      }))
      .filter((m) => m.score >= threshold)
      .sort((a, b) => b.score - a.score || b.claim.id - a.claim.id)
      .slice(0, limit);
  },
};

export interface SimilarOptions {
  /** How many claims at most (5). */
  limit?: number;
  /** The claim being edited, never suggested as its own repeat. */
  excludeId?: number;
  excludeIds?: ReadonlySet<number>;
  publicOnly?: boolean;
  threshold?: number;
}

/** The claims that look like `text`: the one lookup of the desk form, the API and the importer. */
export function findSimilarClaims(
  db: Db,
  text: string,
  options: SimilarOptions = {},
  matcher: ClaimMatcher = lexicalMatcher,
): Promise<Match[]> {
  const excluded = new Set(options.excludeIds ?? []);
  if (options.excludeId !== undefined) excluded.add(options.excludeId);
  return matcher.match(db, text, {
    limit: options.limit ?? 5,
    excludeIds: excluded,
    publicOnly: options.publicOnly ?? false,
    threshold: options.threshold,
  });
}
