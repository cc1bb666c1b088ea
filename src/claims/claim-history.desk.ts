import { Router } from 'express';
import { requireLogin } from '../accounts/auth.middleware';
import type { Db } from '../db/connection';
import { withChanges } from '../editorial/diff';
import { listClaimHistory } from '../editorial/revision.repository';
import { intParam } from '../http/async';
import { HttpError } from '../http/errors';
import { paths } from '../http/urls';
import { findClaimById } from './claim.repository';

/** The desk's history of a claim, with who changed what: /desk/claims/:id/history. */
export function claimHistoryDesk({ db }: { db: Db }): Router {
  const router = Router();
  router.get('/desk/claims/:id/history', requireLogin, async (req, res) => {
    const id = intParam(req.params.id);
    if (id === null) throw new HttpError(404, 'No such claim.', 'not_found');
    const claim = await findClaimById(db, id);
    const revisions = withChanges(await listClaimHistory(db, id));
    // A deleted claim keeps its history.
    if (!claim && revisions.length === 0) throw new HttpError(404, 'No such claim.', 'not_found');
    const subject = claim?.text ?? String(revisions.find((r) => r.entity === 'claim')?.before?.text ?? `claim ${id}`);
    res.render('editorial/history', {
      title: `History: ${subject}`,
      subject,
      revisions,
      showActors: true,
      editUrl: claim ? paths.deskClaim(id) : null,
    });
  });
  return router;
}
