import type { Db } from '../db/connection';
import { loadClaimCards, type ClaimCard } from '../claims/claim-card.repository';
import { listLinksOf } from '../claims/link.repository';
import type { DisputeRow } from './dispute.repository';
import { byStartOfPeriod } from './timeline';
import { disputeIsPublic } from '../db/visibility';

export interface DisputeSide {
  claim: ClaimCard;
  /** Claims linked to this side's claim as "supports", in either direction. */
  supporters: ClaimCard[];
}

export interface DisputeView {
  dispute: DisputeRow;
  sideA: DisputeSide;
  sideB: DisputeSide;
  /** Every claim on the page in the order it was said (by the start of its period; undated last): the exchange as a timeline. */
  timeline: ClaimCard[];
}

/**
 * A dispute with both sides, their supporting claims, citations and sources — in a fixed number of
 * queries (dispute, links, cards), whatever the number of claims and citations.
 */
export async function loadDisputeView(db: Db, slug: string, { publicOnly }: { publicOnly: boolean }): Promise<DisputeView | undefined> {
  let q = db.selectFrom('dispute').selectAll().where('slug', '=', slug);
  if (publicOnly) q = q.where(disputeIsPublic('dispute'));
  const dispute = await q.executeTakeFirst();
  if (!dispute) return undefined;

  const links = await listLinksOf(db, [dispute.claim_a_id, dispute.claim_b_id]);
  const supporterIds = (claimId: number) =>
    (links.get(claimId) ?? [])
      .filter((l) => l.type === 'supports' && (!publicOnly || l.claim_state !== 'draft'))
      .map((l) => l.claim_id)
      .filter((id) => id !== dispute.claim_a_id && id !== dispute.claim_b_id);
  const aSupporters = supporterIds(dispute.claim_a_id);
  const bSupporters = supporterIds(dispute.claim_b_id);

  const cards = await loadClaimCards(db, [dispute.claim_a_id, dispute.claim_b_id, ...aSupporters, ...bSupporters]);
  const byId = new Map(cards.map((c) => [c.id, c]));
  const pick = (ids: number[]) => ids.map((id) => byId.get(id)).filter((c): c is ClaimCard => !!c);
  const claimA = byId.get(dispute.claim_a_id);
  const claimB = byId.get(dispute.claim_b_id);
  if (!claimA || !claimB) return undefined;

  const timeline = [...byId.values()].sort(byStartOfPeriod);
  return {
    dispute,
    sideA: { claim: claimA, supporters: pick(aSupporters) },
    sideB: { claim: claimB, supporters: pick(bSupporters) },
    timeline,
  };
}
