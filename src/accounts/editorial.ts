import type { Response } from 'express';
import { RuleViolation } from '../domain/errors';
import { HttpError } from '../http/errors';
import type { Audit } from '../revisions/revision.repository';
import { canPublish, type CurrentUser } from './roles';

// The editorial workflow: reporters write drafts; editors and admins publish, retract and rate.
// Violations are RuleViolations naming the form field, so forms re-render with what was typed.

interface Stated {
  state: string;
  verdict?: string;
  verdict_rationale?: string | null;
}

/** The actor (and reason) that repositories record in the history. */
export function auditOf(res: Response, reason?: string | null): Audit {
  return { actorId: res.locals.user?.id ?? null, reason: reason ?? null };
}

/** May `user` turn `existing` (null when new) into `next`? */
export function checkEditorialChange(user: CurrentUser | null | undefined, existing: Stated | null | undefined, next: Stated): void {
  if (!user) throw new HttpError(401, 'Please sign in first.', 'unauthorized');
  if (!canPublish(user)) {
    if (existing && existing.state !== 'draft') throw new RuleViolation('Reporters edit drafts only: ask an editor to change a published record.', 'state');
    if (next.state !== 'draft') throw new RuleViolation('Only editors publish or retract: keep it as a draft.', 'state');
    if (next.verdict !== undefined && next.verdict !== 'unverified' && next.verdict !== existing?.verdict) {
      throw new RuleViolation('Only editors set verdicts: leave it unverified.', 'verdict');
    }
  }
  // A correction must say why: changing the verdict of a published claim needs a new rationale.
  if (existing?.state === 'published' && next.verdict !== undefined && existing.verdict !== next.verdict) {
    if (!next.verdict_rationale || next.verdict_rationale.trim() === (existing.verdict_rationale ?? '').trim()) {
      throw new RuleViolation('This claim is published: changing its verdict needs a new rationale saying why it changed. It will be listed in the corrections log.', 'verdict_rationale');
    }
  }
}

/** Reporters delete their drafts only; editors and admins delete anything the rules allow. */
export function checkEditorialDelete(user: CurrentUser | null | undefined, existing: Stated): void {
  if (!user) throw new HttpError(401, 'Please sign in first.', 'unauthorized');
  if (!canPublish(user) && existing.state !== 'draft') throw new RuleViolation('Reporters delete drafts only: ask an editor.');
}
