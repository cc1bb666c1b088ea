import type { Db } from '../db/connection';

export interface ClaimDispute {
  id: number;
  question: string;
  state: string;
  /** Which side of the dispute the claim is. */
  side: 'A' | 'B';
  /** The claim on the other side. */
  other_claim_id: number;
}

/** The disputes a claim is a side of, oldest first (for the desk's claim page). */
export async function listDisputesOfClaim(db: Db, claimId: number): Promise<ClaimDispute[]> {
  const rows = await db
    .selectFrom('dispute')
    .select(['id', 'question', 'state', 'claim_a_id', 'claim_b_id'])
    .where((eb) => eb.or([eb('claim_a_id', '=', claimId), eb('claim_b_id', '=', claimId)]))
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    question: r.question,
    state: r.state,
    side: r.claim_a_id === claimId ? 'A' : 'B',
    other_claim_id: r.claim_a_id === claimId ? r.claim_b_id : r.claim_a_id,
  }));
}
