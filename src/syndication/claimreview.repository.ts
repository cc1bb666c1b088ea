import type { Db } from '../db/connection';

/** Ids of the claims that carry a ClaimReview (published and rated), newest change first, in pages. */
export async function reviewedClaimIds(db: Db, { limit, afterId }: { limit: number; afterId?: number }): Promise<number[]> {
  let q = db
    .selectFrom('claim')
    .select('id')
    .where('state', '=', 'published')
    .where('verdict', '<>', 'unverified')
    .orderBy('id')
    .limit(limit);
  if (afterId !== undefined) q = q.where('id', '>', afterId);
  return (await q.execute()).map((r) => r.id);
}
