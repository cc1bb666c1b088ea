import type { Db } from '../db/connection';
import { bodyOf } from '../http/form';
import { findSimilarClaims, type Match } from './similar-claims';

// The claim form's side of repeat detection, without JavaScript: saving a new claim that looks like
// claims already logged shows them first ("these look similar"), each with "Link as repeat"; the
// form comes back with everything typed, and "Save anyway" (or saving again) saves it as it is.

/**
 * The form's body with "Link as repeat" (`repeat_of`) turned into the form's own link fields: the new
 * claim is saved linked as `repeats` to that claim, as if picked under "Link to an existing claim".
 */
export function withRepeatLink(body: unknown): Record<string, unknown> {
  const b = bodyOf(body);
  return typeof b.repeat_of === 'string' && b.repeat_of.trim() !== ''
    ? { ...b, link_type: 'repeats', link_to_claim: b.repeat_of.trim() }
    : b;
}

/** The ids a form says it has shown (`similar_seen`, "12,15"): the panel's, or the suggestions the script showed. */
function seenIds(value: unknown): Set<number> {
  return new Set(
    String(typeof value === 'string' ? value : '')
      .split(',')
      .map(Number)
      .filter((n) => Number.isSafeInteger(n) && n > 0),
  );
}

/**
 * The similar claims to show before a new claim is saved: none when the claim is linked already, when
 * the journalist chose "Save anyway", or when every one of them was shown to them before.
 */
export async function similarToConfirm(db: Db, body: unknown, claim: { text: string; link_to_claim: number | null }): Promise<Match[]> {
  const b = bodyOf(body);
  if (claim.link_to_claim !== null || b.similar === 'ignore') return [];
  const matches = await findSimilarClaims(db, claim.text);
  const seen = seenIds(b.similar_seen);
  return matches.every((m) => seen.has(m.claim.id)) ? [] : matches;
}
