import { Router } from 'express';
import type { Db } from '../db/connection';
import { withChanges } from '../editorial/diff';
import { listClaimHistory, type RevisionView } from '../editorial/revision.repository';
import { intParam } from '../http/async';
import { translate } from '../http/i18n';
import { notFound } from '../http/page-helpers';
import { findClaimById } from './claim.repository';

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

/** A published claim's public history, /claims/:id/history. */
export function claimHistoryPages({ db }: { db: Db }): Router {
  const router = Router();
  router.get('/claims/:id/history', async (req, res) => {
    const id = intParam(req.params.id);
    const claim = id === null ? undefined : await findClaimById(db, id);
    if (!claim || claim.state === 'draft') throw notFound(res, 'error.notFound.claim');
    const revisions = withChanges(publicRevisions(await listClaimHistory(db, claim.id)));
    res.render('editorial/history', {
      title: translate(String(res.locals.locale), 'history.pageTitle', { subject: claim.text }),
      subject: claim.text,
      revisions,
      showActors: false,
    });
  });
  return router;
}
