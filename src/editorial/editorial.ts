import type { Response } from 'express';
import { RuleViolation } from '../domain/errors';
import { HttpError } from '../http/errors';
import { english } from '../http/localized';
import type { Db } from '../db/connection';
import type { Audit } from './revision.repository';
import { checkDelete, checkSharedChange, EditorialRefusal, type Actor, type Authored, type EditorialProblem } from './editorial-rules';
import type { CurrentUser } from '../accounts/roles';

// The editorial workflow: reporters write drafts; editors and admins publish, retract and rate.
// Violations are RuleViolations naming the form field, so forms re-render with what was typed.

/** The actor (and reason) that repositories record in the history. */
export function auditOf(res: Response, reason?: string | null): Audit {
  return { actorId: res.locals.user?.id ?? null, reason: reason ?? null };
}

/** The signed-in user as the save services see them; 401 when nobody is signed in. */
export function actorOf(res: Response): Actor {
  const user = res.locals.user as CurrentUser | undefined;
  if (!user) throw new HttpError(401, english('auth.signIn'), 'unauthorized');
  return { role: user.role, id: user.id, audit: auditOf(res) };
}

/** Reporters delete their own drafts only; editors and admins delete anything the rules allow. */
export function checkEditorialDelete(user: CurrentUser | null | undefined, existing: Authored): void {
  if (!user) throw new HttpError(401, english('auth.signIn'), 'unauthorized');
  const [problem] = checkDelete(user, existing);
  // No field: the delete button has none, so the message goes to the top of the page.
  if (problem) throw new RuleViolation(problem.message);
}

/** The desk's form of checkSharedChange: a claimant, source or link that published claims use. */
export function checkEditorialShared(user: CurrentUser | null | undefined, inPublicUse: boolean): void {
  if (!user) throw new HttpError(401, english('auth.signIn'), 'unauthorized');
  const [problem] = checkSharedChange(user.role, inPublicUse);
  if (problem) throw new RuleViolation(problem.message);
}

/**
 * Changes a record that claims share (a claimant, a source, a topic) under the rule above: the check and the
 * change in one transaction, so a claim published meanwhile cannot slip between them. The rule's refusal is
 * answered, not thrown: the desk shows it on the form with what was typed.
 */
export async function changeSharedRecord(
  db: Db,
  user: CurrentUser | null | undefined,
  inPublicUse: (trx: Db) => Promise<boolean>,
  change: (trx: Db) => Promise<unknown>,
): Promise<RuleViolation | undefined> {
  try {
    await db.transaction().execute(async (trx) => {
      checkEditorialShared(user, await inPublicUse(trx));
      await change(trx);
    });
    return undefined;
  } catch (err) {
    if (err instanceof RuleViolation) return err;
    throw err;
  }
}

/**
 * The same rules for the JSON API: a role problem is a 403, another rule a 422, each naming its
 * fields in the JSON error body.
 */
export function assertEditorialApi(user: CurrentUser | null | undefined, problems: EditorialProblem[]): void {
  if (!user) throw new HttpError(401, english('auth.apiToken'), 'unauthorized');
  if (!problems.length) return;
  const fields = Object.fromEntries(problems.map((p) => [p.field, p.message]));
  const role = problems.find((p) => p.kind === 'role');
  // Not 'forbidden' (the route is open to the role): this record, or this change, is not.
  if (role) throw new HttpError(403, role.message, 'editorial_rule', fields);
  throw new HttpError(422, problems[0]!.message, 'invalid', fields);
}

/** Runs a save service for the API: its EditorialRefusal answers as assertEditorialApi does (403 or 422). */
export async function editorialApi<T>(user: CurrentUser | null | undefined, save: () => Promise<T>): Promise<T> {
  try {
    return await save();
  } catch (err) {
    if (!(err instanceof EditorialRefusal)) throw err;
    assertEditorialApi(user, err.problems);
    throw err;
  }
}

/** The API's form of checkSharedChange: claimants, sources and links that published claims use. */
export async function assertSharedApi(user: CurrentUser | null | undefined, inPublicUse: Promise<boolean>): Promise<void> {
  assertEditorialApi(user, checkSharedChange(user!.role, await inPublicUse));
}
