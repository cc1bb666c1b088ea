import type { Db } from '../db/connection';
import { loadClaimCards, type ClaimCard } from '../claims/claim-card.repository';
import { listLinksOf } from '../claims/link.repository';
import type { DisputeRow } from './dispute.repository';
import { periodEnd } from '../claims/claim-filter.repository';
import { DATE_PRECISIONS, type DatePrecision } from '../domain/vocabulary';
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
  /** Every claim on the page in the order it was said (undated last): the exchange as a timeline. */
  timeline: ClaimCard[];
}

/** The end of the period a claim was said in: "March 2025" sorts after "18 March 2025", not before it. */
function timelineKey(card: ClaimCard): string | null {
  if (!card.said_on) return null;
  const precision = (DATE_PRECISIONS as readonly string[]).includes(card.said_precision ?? '')
    ? (card.said_precision as DatePrecision)
    : 'day';
  return periodEnd({ on: card.said_on, precision });
}

function byTimeSaid(x: ClaimCard, y: ClaimCard): number {
  const [kx, ky] = [timelineKey(x), timelineKey(y)];
  if (kx === ky) return x.id - y.id;
  if (kx === null) return 1;
  if (ky === null) return -1;
  return kx < ky ? -1 : 1;
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

  const timeline = [...byId.values()].sort(byTimeSaid);
  return {
    dispute,
    sideA: { claim: claimA, supporters: pick(aSupporters) },
    sideB: { claim: claimB, supporters: pick(bSupporters) },
    timeline,
  };
}
