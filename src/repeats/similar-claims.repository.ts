import { expressionBuilder } from 'kysely';
import type { Db } from '../db/connection';
import type { DB } from '../db/schema';
import { claimIdsMatchingAnyTerm } from '../db/search-index';
import { claimIsPublic, disputeIsPublic } from '../db/visibility';

/** A claim as repeat detection compares it and shows it: its words, who said it, its verdict and disputes. */
export interface ClaimForComparison {
  id: number;
  text: string;
  quote: string | null;
  state: string;
  said_on: string | null;
  claimant: { name: string; slug: string };
  verdict: { key: string; label: string };
  disputes: Array<{ id: number; slug: string; question: string }>;
}

/** Ids of claims sharing any of these terms (see lookupTerms), best first; readers' visibility with `publicOnly`. */
export function claimIdsSharingTerms(
  db: Db,
  terms: readonly string[],
  { limit, publicOnly }: { limit: number; publicOnly: boolean },
): Promise<number[]> {
  return claimIdsMatchingAnyTerm(db, terms, {
    limit,
    visible: (id) => {
      const eb = expressionBuilder<DB, never>();
      return publicOnly
        ? eb.exists(db.selectFrom('claim as vc').select('vc.id').where('vc.id', '=', id).where(claimIsPublic('vc')))
        : eb.lit(true);
    },
  });
}

/** These claims with their claimant, verdict and disputes (only those readers may see, with `publicOnly`), in no order. */
export async function loadClaimsForComparison(
  db: Db,
  ids: readonly number[],
  { publicOnly }: { publicOnly: boolean },
): Promise<ClaimForComparison[]> {
  if (!ids.length) return [];
  let claims = db
    .selectFrom('claim')
    .innerJoin('claimant', 'claimant.id', 'claim.claimant_id')
    .innerJoin('verdict_rating', 'verdict_rating.key', 'claim.verdict')
    .select([
      'claim.id',
      'claim.text',
      'claim.quote',
      'claim.state',
      'claim.said_on',
      'claimant.name as claimant_name',
      'claimant.slug as claimant_slug',
      'verdict_rating.key as verdict_key',
      'verdict_rating.label as verdict_label',
    ])
    .where('claim.id', 'in', ids);
  if (publicOnly) claims = claims.where(claimIsPublic('claim'));
  let disputes = db
    .selectFrom('dispute')
    .select(['dispute.id', 'dispute.slug', 'dispute.question', 'dispute.claim_a_id', 'dispute.claim_b_id'])
    .where((eb) => eb.or([eb('dispute.claim_a_id', 'in', ids), eb('dispute.claim_b_id', 'in', ids)]))
    .orderBy('dispute.id');
  if (publicOnly) disputes = disputes.where(disputeIsPublic('dispute'));
  const [rows, disputeRows] = await Promise.all([claims.execute(), disputes.execute()]);
  return rows.map((r) => ({
    id: r.id,
    text: r.text,
    quote: r.quote,
    state: r.state,
    said_on: r.said_on,
    claimant: { name: r.claimant_name, slug: r.claimant_slug },
    verdict: { key: r.verdict_key ?? '', label: r.verdict_label },
    disputes: disputeRows
      .filter((d) => d.claim_a_id === r.id || d.claim_b_id === r.id)
      .map((d) => ({ id: d.id, slug: d.slug, question: d.question })),
  }));
}
