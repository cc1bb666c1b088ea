import { Router } from 'express';
import { requireLogin } from '../accounts/auth.middleware';
import type { Db } from '../db/connection';
import { withChanges } from '../editorial/diff';
import { listEntityHistory } from '../editorial/revision.repository';
import { intParam } from '../http/async';
import { HttpError } from '../http/errors';
import { paths } from '../http/urls';
import { findDisputeById } from './dispute.repository';

/** The desk's history of a dispute, with who changed what: /desk/disputes/:id/history. */
export function disputeHistoryDesk({ db }: { db: Db }): Router {
  const router = Router();
  router.get('/desk/disputes/:id/history', requireLogin, async (req, res) => {
    const id = intParam(req.params.id);
    if (id === null) throw new HttpError(404, 'No such dispute.', 'not_found');
    const dispute = await findDisputeById(db, id);
    const revisions = withChanges(await listEntityHistory(db, 'dispute', id));
    // A deleted dispute keeps its history.
    if (!dispute && revisions.length === 0) throw new HttpError(404, 'No such dispute.', 'not_found');
    const subject = dispute?.question ?? String(revisions[0]?.before?.question ?? `dispute ${id}`);
    res.render('editorial/history', {
      title: `History: ${subject}`,
      subject,
      revisions,
      showActors: true,
      editUrl: dispute ? paths.deskDispute(id) : null,
    });
  });
  return router;
}
