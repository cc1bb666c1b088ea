import { loadClaimCards } from '../claims/claim-card.repository';
import { filteredClaims, type ClaimFilters } from '../claims/claim-filter.repository';
import { latestPublicClaimIds } from '../claims/claim-list.repository';
import type { Db } from '../db/connection';
import { StampedCache } from '../db/stamped-cache';
import type { ClaimantRow } from '../claimants/claimant.repository';
import { claimantAliasesOf } from '../claimants/claimant-alias.repository';

type Rating = { key: string | null; label: string; position: number; count: number };
// A claimant's track record counts all they said (tens of thousands of claims for the most quoted):
// kept like the claim list's facet counts, per claimant.
const trackRecords = new StampedCache<Rating[]>(500);

/** A claimant with everything they said (published or retracted) and how it was rated; undefined when they have none. */
export async function claimantPage(db: Db, slug: string) {
  const claimant: ClaimantRow | undefined = await db.selectFrom('claimant').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!claimant) return undefined;
  const filters: ClaimFilters = { claimant: slug };
  const ids = await latestPublicClaimIds(db, filters);
  if (ids.length === 0) return undefined;
  const ratings = await trackRecords.get(db, slug, () =>
    filteredClaims(db, filters, { publicOnly: true })
      .innerJoin('verdict_rating as v', 'v.key', 'c.verdict')
      .select((eb) => ['v.key', 'v.label', 'v.position', eb.fn.countAll<number>().as('count')])
      .groupBy(['v.key', 'v.label', 'v.position'])
      .orderBy('v.position')
      .execute(),
  );
  const cards = await loadClaimCards(
    db,
    ids.map((r) => r.id),
  );
  const total = ratings.reduce((sum, r) => sum + Number(r.count), 0);
  const aliases = (await claimantAliasesOf(db, [claimant.id])).get(claimant.id) ?? [];
  return { claimant, aliases, cards, total, more: total > cards.length, ratings: ratings.map((r) => ({ ...r, count: Number(r.count) })) };
}
