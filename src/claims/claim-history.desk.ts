import { Router } from 'express';
import { requireLogin } from '../accounts/auth.middleware';
import type { Db } from '../db/connection';
import { withChanges } from '../editorial/diff';
import { listClaimHistory } from '../editorial/revision.repository';
import { intParam } from '../http/async';
import { translate } from '../http/i18n';
import { notFound } from '../http/page-helpers';
import { paths } from '../http/urls';
import { findClaimById } from './claim.repository';

/** The desk's history of a claim, with who changed what: /desk/claims/:id/history. */
export function claimHistoryDesk({ db }: { db: Db }): Router {
  const router = Router();
  router.get('/desk/claims/:id/history', requireLogin, async (req, res) => {
    const locale = String(res.locals.locale);
    const id = intParam(req.params.id);
    if (id === null) throw notFound(res, 'error.noSuch.claim');
    const claim = await findClaimById(db, id);
    const revisions = withChanges(await listClaimHistory(db, id));
    // A deleted claim keeps its history.
    if (!claim && revisions.length === 0) throw notFound(res, 'error.noSuch.claim');
    const before = revisions.find((r) => r.entity === 'claim')?.before?.text;
    const subject = claim?.text ?? (typeof before === 'string' ? before : translate(locale, 'history.subject.claim', { id: String(id) }));
    res.render('editorial/history', {
      title: translate(locale, 'history.pageTitle', { subject }),
      subject,
      revisions,
      showActors: true,
      editUrl: claim ? paths.deskClaim(id) : null,
    });
  });
  return router;
}
