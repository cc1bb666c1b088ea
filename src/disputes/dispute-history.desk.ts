import { Router } from 'express';
import { requireLogin } from '../accounts/auth.middleware';
import type { Db } from '../db/connection';
import { withChanges } from '../editorial/diff';
import { listEntityHistory } from '../editorial/revision.repository';
import { intParam } from '../http/async';
import { translate } from '../http/i18n';
import { notFound } from '../http/page-helpers';
import { paths } from '../http/urls';
import { findDisputeById } from './dispute.repository';

/** The desk's history of a dispute, with who changed what: /desk/disputes/:id/history. */
export function disputeHistoryDesk({ db }: { db: Db }): Router {
  const router = Router();
  router.get('/desk/disputes/:id/history', requireLogin, async (req, res) => {
    const locale = String(res.locals.locale);
    const id = intParam(req.params.id);
    if (id === null) throw notFound(res, 'error.noSuch.dispute');
    const dispute = await findDisputeById(db, id);
    const revisions = withChanges(await listEntityHistory(db, 'dispute', id));
    // A deleted dispute keeps its history.
    if (!dispute && revisions.length === 0) throw notFound(res, 'error.noSuch.dispute');
    const before = revisions[0]?.before?.question;
    const subject =
      dispute?.question ?? (typeof before === 'string' ? before : translate(locale, 'history.subject.dispute', { id: String(id) }));
    res.render('editorial/history', {
      title: translate(locale, 'history.pageTitle', { subject }),
      subject,
      revisions,
      showActors: true,
      editUrl: dispute ? paths.deskDispute(id) : null,
    });
  });
  return router;
}
