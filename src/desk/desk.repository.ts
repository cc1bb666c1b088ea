import type { Db } from '../db/connection';

export interface DeskCounts {
  claims: number;
  draftClaims: number;
  claimants: number;
  sources: number;
  disputes: number;
  draftDisputes: number;
}

/** How many records of each kind there are, for the desk's home page; one query. */
export async function countDeskRecords(db: Db): Promise<DeskCounts> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('claim').select((e) => e.fn.countAll<number>().as('n')).as('claims'),
      eb.selectFrom('claim').select((e) => e.fn.countAll<number>().as('n')).where('state', '=', 'draft').as('draftClaims'),
      eb.selectFrom('claimant').select((e) => e.fn.countAll<number>().as('n')).as('claimants'),
      eb.selectFrom('source').select((e) => e.fn.countAll<number>().as('n')).as('sources'),
      eb.selectFrom('dispute').select((e) => e.fn.countAll<number>().as('n')).as('disputes'),
      eb.selectFrom('dispute').select((e) => e.fn.countAll<number>().as('n')).where('state', '=', 'draft').as('draftDisputes'),
    ])
    .executeTakeFirstOrThrow();
  return {
    claims: Number(row.claims ?? 0),
    draftClaims: Number(row.draftClaims ?? 0),
    claimants: Number(row.claimants ?? 0),
    sources: Number(row.sources ?? 0),
    disputes: Number(row.disputes ?? 0),
    draftDisputes: Number(row.draftDisputes ?? 0),
  };
}
