import type { Db } from '../db/connection';
import { claimIsPublic } from '../db/visibility';

// What the follow feeds list: the public changes of a set of claims (a dispute's two sides and their
// supporting claims, or everything a claimant said), read from the history. A claim counts as new when
// it became public (created published, or a draft published); verdict changes are those readers could
// see (the corrections log's rows). Promise outcomes come from their own history (src/promises).

/** The claims a feed follows: a list of ids, or every claim of a claimant. */
export type FollowScope = { claimIds: readonly number[] } | { claimantId: number };

export interface ClaimChange {
  id: number;
  entity: string;
  at: string;
  claim_id: number;
  claim_text: string;
  reason: string | null;
  before_json: string | null;
  after_json: string | null;
}

/** The latest `limit` history rows that may be public changes of the scope's public claims, newest first. */
export async function claimChanges(db: Db, scope: FollowScope, limit: number): Promise<ClaimChange[]> {
  if ('claimIds' in scope && scope.claimIds.length === 0) return [];
  let q = db
    .selectFrom('revision as r')
    .innerJoin('claim as c', 'c.id', 'r.claim_id')
    .select(['r.id', 'r.entity', 'r.at', 'r.claim_id', 'c.text as claim_text', 'r.reason', 'r.before_json', 'r.after_json'])
    .where(claimIsPublic('c'))
    .where((eb) =>
      eb.or([
        eb.and([eb('r.entity', '=', 'verdict'), eb('r.public_correction', '=', 1)]),
        eb.and([eb('r.entity', '=', 'claim'), eb('r.action', '<>', 'delete')]),
      ]),
    )
    .orderBy('r.id', 'desc')
    .limit(limit);
  q = 'claimIds' in scope ? q.where('r.claim_id', 'in', [...scope.claimIds]) : q.where('c.claimant_id', '=', scope.claimantId);
  return (await q.execute()).map((r) => ({ ...r, claim_id: r.claim_id! }));
}

/** The public claim ids of a claimant (for the outcomes of their promises). */
export async function publicPromiseIdsOf(db: Db, claimantId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('claim as c')
    .innerJoin('promise_outcome as o', 'o.claim_id', 'c.id')
    .select('c.id')
    .where('c.claimant_id', '=', claimantId)
    .where(claimIsPublic('c'))
    .execute();
  return rows.map((r) => r.id);
}

export async function verdictLabels(db: Db): Promise<Map<string, string>> {
  return new Map((await db.selectFrom('verdict_rating').select(['key', 'label']).execute()).map((v) => [v.key ?? '', v.label]));
}
