import { claimantIdFor } from '../claimants/claimant.repository';
import type { Db } from '../db/connection';
import { NotFound } from '../domain/errors';
import { withAuthor } from '../editorial/author.repository';
import { checkClaimChange, refuseProblems, type Actor } from '../editorial/editorial-rules';
import { findClaimById, insertClaim, updateClaim } from './claim.repository';
import { toClaimInput, type ClaimData } from './claim.schema';
import { insertLink } from './link.repository';
import { english } from '../http/localized';

/**
 * Saves a claim as the desk's claim form and the API send it: resolves the claimant (picked, or typed
 * inline), checks the editorial rules, then creates it (with its optional link to another claim) or
 * updates claim `existing.id` from `existing.version`. Call inside a transaction; returns the claim's id.
 * Throws RuleViolation (about a field; see claimFormField), EditorialRefusal, VersionConflict or NotFound.
 */
export async function saveClaim(trx: Db, actor: Actor, data: ClaimData, existing?: { id: number; version: number }): Promise<number> {
  const input = toClaimInput(data, await claimantIdFor(trx, data));
  const before = existing ? await findClaimById(trx, existing.id) : null;
  if (existing && !before) throw new NotFound(english('claim.rule.noSuchClaim'));
  refuseProblems(
    checkClaimChange(actor, before && (await withAuthor(trx, 'claim', before)), { ...input, correction_reason: data.correction_reason }),
  );
  // The reason goes into the history with the change: the corrections log shows it (listCorrections).
  const audit = data.correction_reason ? { ...actor.audit, reason: data.correction_reason } : actor.audit;
  if (existing) return (await updateClaim(trx, existing.id, existing.version, input, audit)).id;
  const row = await insertClaim(trx, input, actor.audit);
  if (data.link_to_claim !== null) {
    await insertLink(trx, { from_claim_id: row.id, to_claim_id: data.link_to_claim, type: data.link_type }, actor.audit);
  }
  return row.id;
}

/** The claim form's name for a field that saveClaim's repositories name their own way (the link's, the new claimant's). */
export function claimFormField(field: string): string {
  if (field === 'to_claim') return 'link_to_claim';
  if (field === 'name') return 'new_claimant_name';
  return field;
}
