import { canPublish, type Role } from '../accounts/roles';
import { RuleViolation } from '../domain/errors';
import { english } from '../http/localized';
import type { Audit } from './revision.repository';

// The editorial rules, in one place for the desk and the API: reporters write drafts and change or
// delete their own; editors and admins publish, retract, rate and change or delete anything; a
// published claim's verdict changes only with a reason for the correction. Pure functions: they say what is
// wrong, callers decide how to answer.

/** Who acts, as the rules see them: the role, and the user id that authorship is compared with. */
export interface Who {
  role: Role;
  id: number;
}

/** Who saves, for the save services: the user the rules look at, and what the history records. */
export interface Actor extends Who {
  audit: Audit;
}

/** What the rules look at in a claim or dispute (disputes have no verdict). */
export interface Stated {
  state: string;
  verdict?: string;
  verdict_rationale?: string | null;
  /** Why a published verdict changed: the corrections log's text (claims only). */
  correction_reason?: string | null | undefined;
}

/** A stored claim or dispute, with who created it (the actor of its `create` revision; null when none is recorded). */
export interface Authored extends Stated {
  author_id: number | null;
}

export interface EditorialProblem {
  /** The field the problem is about, as the desk form and the API body name it. */
  field: string;
  message: string;
  /** `role`: the user's role does not allow it (403 on the API); `rule`: nobody may do it this way (422). */
  kind: 'role' | 'rule';
}

// In English; the desk and the API show them in the user's language (see src/http/localized.ts).
export const EDITORIAL_MESSAGES = {
  draftsOnly: english('editorial.rule.draftsOnly'),
  noPublishing: english('editorial.rule.noPublishing'),
  noVerdicts: english('editorial.rule.noVerdicts'),
  correctionNeedsReason: english('editorial.rule.correctionNeedsReason'),
  deleteDraftsOnly: english('editorial.rule.deleteDraftsOnly'),
  sharedInPublicUse: english('editorial.rule.sharedInPublicUse'),
  notYourDraft: english('editorial.rule.notYourDraft'),
};

/** Reporters change only the drafts they created; a draft with no recorded author (the seed, `gainsay import`) is the editors'. */
function isOthersDraft(who: Who, before: Authored): boolean {
  return !canPublish(who.role) && before.author_id !== who.id;
}

/** Whether turning `before` into `after` changes a verdict readers could already see: a correction. */
export function isCorrection(before: Stated | null | undefined, after: Stated): boolean {
  return before?.state === 'published' && after.verdict !== undefined && before.verdict !== after.verdict;
}

/** May `who` turn `before` (null when new) into `after`? The problems, first the most important; [] when allowed. */
export function checkClaimChange(who: Who, before: Authored | null | undefined, after: Stated): EditorialProblem[] {
  const problems: EditorialProblem[] = [];
  if (!canPublish(who.role)) {
    if (before && before.state !== 'draft') problems.push({ field: 'state', message: EDITORIAL_MESSAGES.draftsOnly, kind: 'role' });
    else if (before && isOthersDraft(who, before))
      problems.push({ field: 'state', message: EDITORIAL_MESSAGES.notYourDraft, kind: 'role' });
    else if (after.state !== 'draft') problems.push({ field: 'state', message: EDITORIAL_MESSAGES.noPublishing, kind: 'role' });
    if (after.verdict !== undefined && after.verdict !== 'unverified' && after.verdict !== before?.verdict) {
      problems.push({ field: 'verdict', message: EDITORIAL_MESSAGES.noVerdicts, kind: 'role' });
    }
  }
  // A correction must say why, in its own words: the rationale stays the verdict's, the reason goes to the corrections log.
  if (isCorrection(before, after) && !after.correction_reason?.trim()) {
    problems.push({ field: 'correction_reason', message: EDITORIAL_MESSAGES.correctionNeedsReason, kind: 'rule' });
  }
  return problems;
}

/** May `who` delete `before`? Reporters delete their own drafts only. */
export function checkDelete(who: Who, before: Authored): EditorialProblem[] {
  if (canPublish(who.role)) return [];
  if (before.state !== 'draft') return [{ field: 'state', message: EDITORIAL_MESSAGES.deleteDraftsOnly, kind: 'role' }];
  return isOthersDraft(who, before) ? [{ field: 'state', message: EDITORIAL_MESSAGES.notYourDraft, kind: 'role' }] : [];
}

/**
 * Claimants, sources and links have no editorial state of their own: readers see them through the
 * claims that use them. Reporters may change them only while no published (or retracted) claim does.
 */
export function checkSharedChange(role: Role, inPublicUse: boolean): EditorialProblem[] {
  return canPublish(role) || !inPublicUse ? [] : [{ field: 'state', message: EDITORIAL_MESSAGES.sharedInPublicUse, kind: 'role' }];
}

/**
 * A change the editorial rules refuse, thrown by the save services. As a RuleViolation it names the
 * first problem's field (what the desk shows); `problems` holds them all (what the API answers).
 */
export class EditorialRefusal extends RuleViolation {
  constructor(readonly problems: EditorialProblem[]) {
    super(problems[0]!.message, problems[0]!.field);
    this.name = 'EditorialRefusal';
  }
}

/** Throws an EditorialRefusal when there are problems. */
export function refuseProblems(problems: EditorialProblem[]): void {
  if (problems.length) throw new EditorialRefusal(problems);
}

/** A promise's outcome is an editorial judgement, like a verdict: editors and admins set it, reporters do not. */
export function checkOutcomeChange(who: Who): EditorialProblem[] {
  return canPublish(who.role) ? [] : [{ field: 'outcome', message: english('desk.outcome.editorsOnly'), kind: 'role' }];
}
