import type { Db } from '../db/connection';
import { disputeIsPublic } from '../db/visibility';
import { loadClaimCards, type ClaimCard } from './claim-card.repository';
import { countFilteredClaims } from './claim-facet.repository';
import { filteredClaims, orderClaims, withTopicId, type ClaimFilters } from './claim-filter.repository';
import { listLinksOf, type LinkedClaim } from './link.repository';
import { PAGE_SIZE } from './list-params';

// The queries behind the reader's claim pages. Readers never see drafts: every query here leaves them out.

const offsetOf = (filters: ClaimFilters) => ((filters.page ?? 1) - 1) * PAGE_SIZE;

export async function claimsPage(db: Db, filters: ClaimFilters): Promise<{ total: number; cards: ClaimCard[] }> {
  const total = await countFilteredClaims(db, filters, { publicOnly: true });
  const ids = await orderClaims(filteredClaims(db, await withTopicId(db, filters), { publicOnly: true }).select('c.id'), filters.sort)
    .limit(PAGE_SIZE)
    .offset(offsetOf(filters))
    .execute();
  return {
    total: Number(total),
    cards: await loadClaimCards(
      db,
      ids.map((r) => r.id),
    ),
  };
}

export interface ClaimPage {
  card: ClaimCard;
  disputes: Array<{ slug: string; question: string }>;
  links: LinkedClaim[];
}

export async function publicClaim(db: Db, id: number): Promise<ClaimPage | undefined> {
  const [card] = await loadClaimCards(db, [id]);
  if (!card || card.state === 'draft') return undefined;
  const disputes = await db
    .selectFrom('dispute')
    .select(['slug', 'question'])
    .where(disputeIsPublic('dispute'))
    .where((eb) => eb.or([eb('claim_a_id', '=', id), eb('claim_b_id', '=', id)]))
    .orderBy('question')
    .execute();
  const links = ((await listLinksOf(db, [id])).get(id) ?? []).filter((l) => l.claim_state !== 'draft');
  return { card, disputes, links };
}

/** How many claims a claimant or topic page shows; the rest are in the fact-check table it links to. */
export const PAGE_CLAIMS = 50;

/** The ids of the latest public claims passing the filters, at most PAGE_CLAIMS, for claimant and topic pages. */
export async function latestPublicClaimIds(db: Db, filters: ClaimFilters) {
  return orderClaims(filteredClaims(db, await withTopicId(db, filters), { publicOnly: true }).select('c.id'), 'said-desc')
    .limit(PAGE_CLAIMS)
    .execute();
}
