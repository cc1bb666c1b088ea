import type { Selectable } from 'kysely';
import type { Db } from '../db/connection';
import type { PromiseOutcome as OutcomeRow } from '../db/schema';
import { claimIsPublic } from '../db/visibility';
import { nowIso } from '../domain/clock';
import { PROMISE_KINDS } from '../domain/vocabulary';
import type { OutcomeInput } from './promise-outcome.schema';

export type Outcome = Selectable<OutcomeRow>;

/** What the outcome rules and pages need to know of the claim an outcome belongs to. */
export interface PromiseClaim {
  id: number;
  text: string;
  kind: string;
  state: string;
  review_due_on: string | null;
  claimant_name: string;
  claimant_slug: string;
}

export async function findPromiseClaim(db: Db, id: number): Promise<PromiseClaim | undefined> {
  return db
    .selectFrom('claim as c')
    .innerJoin('claimant as p', 'p.id', 'c.claimant_id')
    .select(['c.id', 'c.text', 'c.kind', 'c.state', 'c.review_due_on', 'p.name as claimant_name', 'p.slug as claimant_slug'])
    .where('c.id', '=', id)
    .executeTakeFirst();
}

export const isPromiseKind = (kind: string): boolean => (PROMISE_KINDS as readonly string[]).includes(kind);

export async function findOutcome(db: Db, claimId: number): Promise<Outcome | undefined> {
  return db.selectFrom('promise_outcome').selectAll().where('claim_id', '=', claimId).executeTakeFirst();
}

export interface OutcomeChange {
  id: number;
  action: string;
  before_outcome: string | null;
  outcome: string | null;
  rationale: string | null;
  assessed_on: string | null;
  at: string;
  actor_name: string | null;
  public_change: boolean;
}

/** An outcome's own history, newest first (`publicOnly`: the changes readers could see, without names). */
export async function listOutcomeHistory(db: Db, claimId: number, { publicOnly = false } = {}): Promise<OutcomeChange[]> {
  let q = db
    .selectFrom('promise_outcome_revision as r')
    .leftJoin('user_account as u', 'u.id', 'r.actor_id')
    .select([
      'r.id',
      'r.action',
      'r.before_outcome',
      'r.outcome',
      'r.rationale',
      'r.assessed_on',
      'r.at',
      'r.public_change',
      'u.display_name as actor_name',
    ])
    .where('r.claim_id', '=', claimId)
    .orderBy('r.id', 'desc');
  if (publicOnly) q = q.where('r.public_change', '=', 1);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, actor_name: publicOnly ? null : r.actor_name, public_change: r.public_change === 1 }));
}

/**
 * Sets (or changes) a claim's outcome and appends the change to its history, in the caller's
 * transaction. An unchanged outcome, rationale and date write nothing. Returns the outcome as stored.
 */
export async function writeOutcome(
  db: Db,
  claim: Pick<PromiseClaim, 'id' | 'state'>,
  input: OutcomeInput,
  actorId: number | null,
): Promise<Outcome> {
  const before = await findOutcome(db, claim.id);
  if (before && before.outcome === input.outcome && before.rationale === input.rationale && before.assessed_on === input.assessed_on) {
    return before;
  }
  const now = nowIso();
  if (before) {
    await db
      .updateTable('promise_outcome')
      .set({ outcome: input.outcome, rationale: input.rationale, assessed_on: input.assessed_on, updated_at: now })
      .where('claim_id', '=', claim.id)
      .execute();
  } else {
    await db
      .insertInto('promise_outcome')
      .values({
        claim_id: claim.id,
        outcome: input.outcome,
        rationale: input.rationale,
        assessed_on: input.assessed_on,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  await db
    .insertInto('promise_outcome_revision')
    .values({
      claim_id: claim.id,
      action: before ? 'update' : 'create',
      before_outcome: before?.outcome ?? null,
      outcome: input.outcome,
      rationale: input.rationale,
      assessed_on: input.assessed_on,
      actor_id: actorId,
      at: now,
      public_change: claim.state === 'draft' ? 0 : 1,
    })
    .execute();
  return (await findOutcome(db, claim.id))!;
}

/** The public outcome changes of some claims, newest first: for the per-dispute and per-claimant feeds. */
export async function publicOutcomeChanges(db: Db, claimIds: readonly number[], limit: number) {
  if (claimIds.length === 0) return [];
  return db
    .selectFrom('promise_outcome_revision as r')
    .innerJoin('claim as c', 'c.id', 'r.claim_id')
    .select(['r.id', 'r.claim_id', 'r.before_outcome', 'r.outcome', 'r.rationale', 'r.at', 'c.text'])
    .where('r.claim_id', 'in', [...claimIds])
    .where('r.public_change', '=', 1)
    .where(claimIsPublic('c'))
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
}
