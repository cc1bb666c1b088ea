import { loadClaimCards } from '../claims/claim-card.repository';
import { filteredClaims, type ClaimFilters } from '../claims/claim-filter.repository';
import { latestPublicClaimIds } from '../claims/claim-list.repository';
import type { Db } from '../db/connection';
import { filteredDisputes } from '../disputes/dispute-filter.repository';
import { topicAliasesOf, type TopicRow } from '../topics/topic.repository';

/** A topic with its latest public claims and its disputes; undefined when only drafts use it. */
export async function topicPage(db: Db, slug: string) {
  const topic: TopicRow | undefined = await db.selectFrom('topic').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!topic) return undefined;
  const filters: ClaimFilters = { topic: slug };
  const ids = await latestPublicClaimIds(db, filters);
  const disputes = await filteredDisputes(db, filters, { publicOnly: true })
    .select(['d.slug', 'd.question'])
    .orderBy('d.question')
    .execute();
  // A topic that only drafts use is not public yet: its very name could give a story away.
  if (ids.length === 0 && disputes.length === 0) return undefined;
  const { total } = await filteredClaims(db, filters, { publicOnly: true })
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return {
    topic,
    aliases: (await topicAliasesOf(db, [topic.id])).get(topic.id) ?? [],
    cards: await loadClaimCards(
      db,
      ids.map((r) => r.id),
    ),
    disputes,
    total: Number(total),
    more: Number(total) > ids.length,
  };
}
