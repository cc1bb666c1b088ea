import { claimsPage, latestPublicClaimIds } from '../../src/claims/claim-list.repository';
import { claimIdsPage } from '../../src/claims/claim.repository';
import { withTopicId } from '../../src/claims/claim-filter.repository';
import { freshDatabase } from '../helpers/db';

// Lists filtered by topic look the topic's id up first (withTopicId), so that PostgreSQL plans for that
// topic's size; the rows must be exactly those the slug names, in list order, and none for an unknown slug.
describe('claim lists filtered by topic', () => {
  it('list the claims of the topic the slug names, newest first, and none for a slug that names no topic', async () => {
    const { db } = await freshDatabase({ seed: true });
    try {
      const topics = await db.selectFrom('topic').select(['id', 'slug']).orderBy('id').execute();
      expect(topics.length).toBeGreaterThan(1);
      for (const topic of topics) {
        const expected = await db
          .selectFrom('claim as c')
          .innerJoin('claim_topic as ct', 'ct.claim_id', 'c.id')
          .select(['c.id', 'c.state', 'c.said_on'])
          .where('ct.topic_id', '=', topic.id)
          .execute();
        const newestFirst = (rows: typeof expected) =>
          [...rows].sort((a, b) => (b.said_on ?? '').localeCompare(a.said_on ?? '') || b.id - a.id).map((r) => r.id);
        const published = newestFirst(expected.filter((r) => r.state !== 'draft'));
        const page = await claimsPage(db, { topic: topic.slug });
        expect(page.cards.map((c) => c.id)).toEqual(published);
        expect(page.total).toBe(published.length);
        expect((await latestPublicClaimIds(db, { topic: topic.slug })).map((r) => r.id)).toEqual(published);
        expect(await claimIdsPage(db, { topic: topic.slug }, { publicOnly: false, limit: 100, offset: 0 })).toEqual(newestFirst(expected));
        expect((await withTopicId(db, { topic: topic.slug })).topicId).toBe(topic.id);
      }
      expect(await withTopicId(db, { topic: 'no-such-topic' })).toEqual({ topic: 'no-such-topic', topicId: null });
      expect(await claimsPage(db, { topic: 'no-such-topic' })).toEqual({ total: 0, cards: [] });
      expect(await latestPublicClaimIds(db, { topic: 'no-such-topic' })).toEqual([]);
    } finally {
      await db.destroy();
    }
  });
});
