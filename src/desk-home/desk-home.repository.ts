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
      eb
        .selectFrom('claim')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('claims'),
      eb
        .selectFrom('claim')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('state', '=', 'draft')
        .as('draftClaims'),
      eb
        .selectFrom('claimant')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('claimants'),
      eb
        .selectFrom('source')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('sources'),
      eb
        .selectFrom('dispute')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('disputes'),
      eb
        .selectFrom('dispute')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('state', '=', 'draft')
        .as('draftDisputes'),
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

export interface DueClaim {
  id: number;
  text: string;
  kind: string;
  review_due_on: string;
  state: string;
  verdict: string;
  verdict_label: string;
  claimant_name: string;
  /** The promise tracker's outcome, null when none is set yet. */
  outcome: string | null;
  overdue: boolean;
}

/** Outcomes that settle a promise: it leaves the due list (pending and not yet due keep it there). */
const SETTLED_OUTCOMES = ['kept', 'partly_kept', 'broken'];

/**
 * Promises and predictions with a review-due date that are not settled yet (retracted ones and those
 * with a final outcome left out): overdue first, the longest overdue at the top, then the upcoming
 * ones, soonest first. This is the promise tracker's to-do list. `today` is YYYY-MM-DD.
 */
export async function listDueForReview(db: Db, today: string): Promise<DueClaim[]> {
  const rows = await db
    .selectFrom('claim as c')
    .innerJoin('claimant as p', 'p.id', 'c.claimant_id')
    .innerJoin('verdict_rating as v', 'v.key', 'c.verdict')
    .leftJoin('promise_outcome as o', 'o.claim_id', 'c.id')
    .select([
      'c.id',
      'c.text',
      'c.kind',
      'c.review_due_on',
      'c.state',
      'c.verdict',
      'v.label as verdict_label',
      'p.name as claimant_name',
      'o.outcome',
    ])
    .where('c.kind', 'in', ['promise', 'prediction'])
    .where((eb) => eb.or([eb('o.outcome', 'is', null), eb('o.outcome', 'not in', SETTLED_OUTCOMES)]))
    .where('c.review_due_on', 'is not', null)
    .where('c.state', '<>', 'retracted')
    .orderBy('c.review_due_on')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({ ...r, review_due_on: r.review_due_on!, overdue: r.review_due_on! < today }));
}

/** How many claims are due for review: overdue (before `today`) and all of them. */
export async function countDueForReview(db: Db, today: string): Promise<{ overdue: number; total: number }> {
  const row = await db
    .selectFrom('claim as c')
    .leftJoin('promise_outcome as o', 'o.claim_id', 'c.id')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>(eb.case().when('c.review_due_on', '<', today).then(1).else(0).end()).as('overdue'),
    ])
    .where('c.kind', 'in', ['promise', 'prediction'])
    .where('c.review_due_on', 'is not', null)
    .where('c.state', '<>', 'retracted')
    .where((eb) => eb.or([eb('o.outcome', 'is', null), eb('o.outcome', 'not in', SETTLED_OUTCOMES)]))
    .executeTakeFirstOrThrow();
  return { overdue: Number(row.overdue ?? 0), total: Number(row.total ?? 0) };
}
