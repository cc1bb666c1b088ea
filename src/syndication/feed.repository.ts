import { disputeIsPublic } from '../db/visibility';
import type { Db } from '../db/connection';

/** The most recently created or changed published disputes. */
export async function recentDisputes(db: Db, limit: number) {
  return db
    .selectFrom('dispute')
    .select(['id', 'slug', 'question', 'summary', 'status', 'created_at', 'updated_at'])
    .where('state', '=', 'published')
    .where(disputeIsPublic('dispute'))
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The most recently changed published claims that carry a verdict (a rating set or revised). */
export async function recentVerdicts(db: Db, limit: number) {
  return db
    .selectFrom('claim as c')
    .innerJoin('claimant as p', 'p.id', 'c.claimant_id')
    .innerJoin('verdict_rating as v', 'v.key', 'c.verdict')
    .select(['c.id', 'c.text', 'c.verdict_rationale', 'c.updated_at', 'p.name as claimant', 'v.label as verdict'])
    .where('c.state', '=', 'published')
    .where('c.verdict', '<>', 'unverified')
    .orderBy('c.updated_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute();
}

export async function findPublishedDispute(db: Db, slug: string) {
  return db
    .selectFrom('dispute')
    .select(['id', 'slug', 'question'])
    .where('slug', '=', slug)
    .where(disputeIsPublic('dispute'))
    .executeTakeFirst();
}
