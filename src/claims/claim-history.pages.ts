import { Router } from 'express';
import { requireLogin } from '../accounts/auth.middleware';
import { findClaimById } from '../claims/claim.repository';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { findDisputeById } from '../disputes/dispute.repository';
import { intParam } from '../http/async';
import { HttpError } from '../http/errors';
import { paths } from '../http/urls';
import { withChanges } from './diff';
import { listClaimHistory, listCorrections, listEntityHistory, type RevisionView } from './revision.repository';

/**
 * What readers may see of a claim's history: the states it was public in, without names. A change
 * that left it a draft is not shown, and a change that published a draft shows no "before": the
 * wording it had as a draft was never public.
 */
function publicRevisions(revisions: RevisionView[]): RevisionView[] {
  const isPublic = (s: Record<string, unknown> | null) => !!s && s.state !== undefined && s.state !== 'draft';
  return revisions
    .filter((r) => (r.entity === 'claim' || r.entity === 'verdict') && isPublic(r.after))
    .map((r) => ({ ...r, before: isPublic(r.before) ? r.before : null, actor_name: null }));
}

/** The public corrections log and claim histories, and the desk's history pages. */
export function historyRouter({ db }: { db: Db; config: Config }): Router {
  const router = Router();

  router.get(paths.corrections(), async (_req, res) => {
    res.render('editorial/corrections', { title: 'Corrections', corrections: await listCorrections(db) });
  });

  router.get('/claims/:id/history', async (req, res) => {
    const id = intParam(req.params.id);
    const claim = id === null ? undefined : await findClaimById(db, id);
    if (!claim || claim.state === 'draft') throw new HttpError(404, 'There is no claim at this address.', 'not_found');
    const revisions = withChanges(publicRevisions(await listClaimHistory(db, claim.id)));
    res.render('editorial/history', { title: `History: ${claim.text}`, subject: claim.text, revisions, showActors: false });
  });

  router.get('/desk/claims/:id/history', requireLogin, async (req, res) => {
    const id = intParam(req.params.id);
    if (id === null) throw new HttpError(404, 'No such claim.', 'not_found');
    const claim = await findClaimById(db, id);
    const revisions = withChanges(await listClaimHistory(db, id));
    // A deleted claim keeps its history.
    if (!claim && revisions.length === 0) throw new HttpError(404, 'No such claim.', 'not_found');
    const subject = claim?.text ?? String(revisions.find((r) => r.entity === 'claim')?.before?.text ?? `claim ${id}`);
    res.render('editorial/history', { title: `History: ${subject}`, subject, revisions, showActors: true, editUrl: claim ? paths.deskClaim(id) : null });
  });

  router.get('/desk/disputes/:id/history', requireLogin, async (req, res) => {
    const id = intParam(req.params.id);
    if (id === null) throw new HttpError(404, 'No such dispute.', 'not_found');
    const dispute = await findDisputeById(db, id);
    const revisions = withChanges(await listEntityHistory(db, 'dispute', id));
    if (!dispute && revisions.length === 0) throw new HttpError(404, 'No such dispute.', 'not_found');
    const subject = dispute?.question ?? String(revisions[0]?.before?.question ?? `dispute ${id}`);
    res.render('editorial/history', { title: `History: ${subject}`, subject, revisions, showActors: true, editUrl: dispute ? paths.deskDispute(id) : null });
  });

  return router;
}
