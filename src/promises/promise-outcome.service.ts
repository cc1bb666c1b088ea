import type { Db } from '../db/connection';
import { RuleViolation } from '../domain/errors';
import { checkOutcomeChange, refuseProblems, type Actor } from '../editorial/editorial-rules';
import { english } from '../http/localized';
import { isPromiseKind, writeOutcome, type Outcome, type PromiseClaim } from './promise-outcome.repository';
import type { OutcomeInput } from './promise-outcome.schema';

/**
 * Sets a promise's outcome, as the desk and the API both do: editors and admins only (an
 * EditorialRefusal otherwise), promises and predictions only. Call inside a transaction.
 */
export async function saveOutcome(db: Db, actor: Actor, claim: PromiseClaim, input: OutcomeInput): Promise<Outcome> {
  refuseProblems(checkOutcomeChange(actor));
  if (!isPromiseKind(claim.kind)) throw new RuleViolation(english('desk.outcome.notAPromise'), 'outcome');
  return writeOutcome(db, claim, input, actor.audit.actorId);
}
