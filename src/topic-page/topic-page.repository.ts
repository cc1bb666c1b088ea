import { loadClaimCards } from '../claims/claim-card.repository';
import { countFilteredClaims } from '../claims/claim-facet.repository';
import type { ClaimFilters } from '../claims/claim-filter.repository';
import { latestPublicClaimIds } from '../claims/claim-list.repository';
import type { Db } from '../db/connection';
import { filteredDisputes } from '../disputes/dispute-filter.repository';
import { countFilteredDisputes } from '../disputes/dispute-list.repository';
import { topicAliasesOf, type TopicRow } from '../topics/topic.repository';

/** Disputes listed on a topic's page, the most recently published first. */
export const TOPIC_PAGE_DISPUTES = 20;

/** A topic with its latest public claims and its disputes; undefined when only drafts use it. */
export async function topicPage(db: Db, slug: string) {
  const topic: TopicRow | undefined = await db.selectFrom('topic').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!topic) return undefined;
  const filters: ClaimFilters = { topic: slug };
  const ids = await latestPublicClaimIds(db, filters);
  // The newest disputes only: a topic of a large archive has thousands (all of them took a sort of every
  // one on each render); the rest are one link away, on the dispute list filtered by the topic.
  const disputes = await filteredDisputes(db, filters, { publicOnly: true })
    .select(['d.slug', 'd.question'])
    .orderBy('d.published_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(TOPIC_PAGE_DISPUTES)
    .execute();
  // A topic that only drafts use is not public yet: its very name could give a story away.
  if (ids.length === 0 && disputes.length === 0) return undefined;
  const total = await countFilteredClaims(db, filters, { publicOnly: true });
  const disputeTotal = disputes.length < TOPIC_PAGE_DISPUTES ? disputes.length : await countFilteredDisputes(db, filters);
  return {
    topic,
    aliases: (await topicAliasesOf(db, [topic.id])).get(topic.id) ?? [],
    cards: await loadClaimCards(
      db,
      ids.map((r) => r.id),
    ),
    disputes,
    disputeTotal,
    moreDisputes: disputeTotal > disputes.length,
    total,
    more: total > ids.length,
  };
}
