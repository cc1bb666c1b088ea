import type { Db } from '../db/connection';

// Whether readers see a shared record through a claim that is not a draft (for the editorial rules).

async function anyRow(q: { executeTakeFirst(): Promise<unknown> }): Promise<boolean> {
  return (await q.executeTakeFirst()) !== undefined;
}

export function claimantInPublicUse(db: Db, claimantId: number): Promise<boolean> {
  return anyRow(db.selectFrom('claim').select('id').where('claimant_id', '=', claimantId).where('state', '<>', 'draft').limit(1));
}

export function sourceInPublicUse(db: Db, sourceId: number): Promise<boolean> {
  return anyRow(
    db
      .selectFrom('citation as ci')
      .innerJoin('claim as c', 'c.id', 'ci.claim_id')
      .select('ci.id')
      .where('ci.source_id', '=', sourceId)
      .where('c.state', '<>', 'draft')
      .limit(1),
  );
}

/** A link is public when neither of its claims is a draft. */
export async function linkIsPublic(db: Db, fromClaimId: number, toClaimId: number): Promise<boolean> {
  const drafts = await db
    .selectFrom('claim')
    .select('id')
    .where('id', 'in', [fromClaimId, toClaimId])
    .where('state', '=', 'draft')
    .execute();
  return drafts.length === 0;
}
