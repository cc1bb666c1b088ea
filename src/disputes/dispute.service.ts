import type { Db } from '../db/connection';
import { NotFound } from '../domain/errors';
import { withAuthor } from '../editorial/author.repository';
import { checkClaimChange, refuseProblems, type Actor } from '../editorial/editorial-rules';
import { findDisputeById, findDisputeOverPair, insertDispute, TwinDispute, updateDispute, type DisputeRow } from './dispute.repository';
import { toDisputeInput, type DisputeData } from './dispute.schema';
import { english } from '../http/localized';

/**
 * Saves a dispute as the desk's form and the API send it: checks the editorial rules, then creates it
 * or updates dispute `existing.id` from `existing.version`. Call inside a transaction.
 * A second dispute over the same two claims (in either order) is refused with TwinDispute, naming the first.
 * Throws RuleViolation (about a field; TwinDispute is one), EditorialRefusal, VersionConflict or NotFound.
 */
export async function saveDispute(
  trx: Db,
  actor: Actor,
  data: DisputeData,
  existing?: { id: number; version: number },
): Promise<DisputeRow> {
  const input = toDisputeInput(data);
  const before = existing ? await findDisputeById(trx, existing.id) : null;
  if (existing && !before) throw new NotFound(english('dispute.rule.noSuchDispute'));
  refuseProblems(checkClaimChange(actor, before && (await withAuthor(trx, 'dispute', before)), input));
  const twin = await findDisputeOverPair(trx, input.claim_a_id, input.claim_b_id, existing?.id);
  if (twin) throw new TwinDispute(twin);
  if (existing) return updateDispute(trx, existing.id, existing.version, input, actor.audit);
  return insertDispute(trx, input, actor.audit);
}
