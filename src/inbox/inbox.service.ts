import type { Db } from '../db/connection';
import { RuleViolation } from '../domain/errors';
import type { Actor } from '../editorial/editorial-rules';
import { claimSchema } from '../claims/claim.schema';
import { saveClaim } from '../claims/claim.service';
import { fieldErrors } from '../http/fields';
import { english } from '../http/localized';
import { answerInboxItem, findInboxItem, type InboxView } from './inbox.repository';
import type { AcceptData } from './inbox.schema';

// The desk's and the API's answers to a reader: accept (a tip becomes a draft claim, an error report a
// correction task on its claim), decline with a reason, or mark as a duplicate of another item.
// Call inside a transaction; problems are RuleViolations naming the field (or none, for the item itself).

/** Refuses an answer to an item that is not new any more (answered by someone else meanwhile, or twice). */
function answered(): never {
  throw new RuleViolation(english('inbox.rule.answered'));
}

/** Something typed into the accept form is not a claim yet: each field's message, the first one thrown. */
export class AcceptRefusal extends RuleViolation {
  constructor(readonly fields: Record<string, string>) {
    const [field, message] = Object.entries(fields)[0]!;
    super(message, field);
  }
}

/**
 * Accepts a new item. A tip becomes a draft claim (its claimant picked or new, the tip's text unless
 * another is given), saved as the claim form saves one; an error report about a claim becomes a
 * correction task on that claim (see findReaderReport). Returns the claim the item now points at.
 */
export async function acceptInboxItem(trx: Db, actor: Actor, item: InboxView, data: AcceptData): Promise<number | null> {
  if (item.status !== 'new') answered();
  let claimId: number | null;
  if (item.kind === 'tip') {
    const parsed = claimSchema.safeParse({
      claimant_id: data.claimant_id,
      new_claimant_name: data.new_claimant_name,
      new_claimant_kind: data.new_claimant_kind,
      text: data.text ?? item.text,
      said_where: data.said_where,
      state: 'draft',
    });
    if (!parsed.success) throw new AcceptRefusal(fieldErrors(parsed.error));
    claimId = await saveClaim(trx, actor, parsed.data);
  } else {
    claimId = item.claim_id;
  }
  if (!(await answerInboxItem(trx, item.id, { status: 'accepted', handled_by: actor.id, result_claim_id: claimId }))) answered();
  return claimId;
}

export async function declineInboxItem(trx: Db, actor: Actor, item: InboxView, reason: string): Promise<void> {
  if (item.status !== 'new') answered();
  if (!(await answerInboxItem(trx, item.id, { status: 'declined', handled_by: actor.id, decline_reason: reason }))) answered();
}

/** Marks a new item as a duplicate of another (of the same inbox, not itself, and not itself a duplicate). */
export async function markInboxDuplicate(trx: Db, actor: Actor, item: InboxView, duplicateOf: number): Promise<void> {
  if (item.status !== 'new') answered();
  const original = duplicateOf === item.id ? undefined : await findInboxItem(trx, duplicateOf);
  if (!original) throw new RuleViolation(english('inbox.rule.noSuchOriginal'), 'duplicate_of');
  // Point at the first of a chain, so following "duplicate of" never loops or runs long.
  const target = original.status === 'duplicate' && original.duplicate_of_id !== null ? original.duplicate_of_id : original.id;
  if (target === item.id) throw new RuleViolation(english('inbox.rule.noSuchOriginal'), 'duplicate_of');
  if (!(await answerInboxItem(trx, item.id, { status: 'duplicate', handled_by: actor.id, duplicate_of_id: target }))) answered();
}
