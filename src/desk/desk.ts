import { Router, type RequestHandler } from 'express';
import { requireRole } from '../accounts/auth.middleware';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { claimDesk } from '../claims/claims.desk';
import { claimantDesk } from '../claimants/claimants.desk';
import { deskHome } from '../desk-home/desk-home.desk';
import { disputeDesk } from '../disputes/disputes.desk';
import { inboxDesk } from '../inbox/inbox.desk';
import { promiseDesk } from '../promises/promises.desk';
import { sourceDesk } from '../sources/sources.desk';
import { similarClaimsDesk } from '../repeats/repeats.desk';
import { topicDesk } from '../topics/topics.desk';
import { intParam } from '../http/async';
import { HttpError } from '../http/errors';
import { english } from '../http/localized';
import { paths } from '../http/urls';

/**
 * The newsroom's forms under /desk. Every change is a POST that runs in one transaction and ends in
 * a 303 redirect; bad input re-renders the form with 422 and everything the user typed.
 */
export function deskRouter({ db }: { db: Db; config: Config }): Router {
  const router = Router();
  // Readers' tips and error reports are for editors and admins: their gate comes before anything else answers.
  router.use('/inbox', requireRole('editor', 'admin'));

  // The desk reads HTML forms only; JSON belongs to /api/v1, where it is validated as JSON.
  const formsOnly: RequestHandler = (req, _res, next) => {
    if (req.method === 'POST' && req.headers['content-type'] && !req.is('application/x-www-form-urlencoded')) {
      throw new HttpError(415, english('desk.formsOnly'), 'unsupported_media_type');
    }
    next();
  };
  // Before the guard: its routes check the role first (editors only), then the form (formsOnly).
  promiseDesk(router, db, formsOnly);
  router.use(formsOnly);

  deskHome(router, db);
  similarClaimsDesk(router, db); // before /claims/:id
  claimDesk(router, db);
  claimantDesk(router, db);
  sourceDesk(router, db);
  disputeDesk(router, db);
  inboxDesk(router, db);
  topicDesk(router, db);

  // After a refused POST the address bar shows the action URL; reloading or bookmarking it must lead
  // back to the record, not to "nothing at this address".
  router.get(['/:kind/:id/delete', '/claims/:id/links', '/claims/:id/links/:linkId/delete'], (req, res, next) => {
    const id = intParam(req.params.id);
    const kind = req.path.startsWith('/claims/') ? 'claims' : req.params.kind;
    const recordPath = { claims: paths.deskClaim, claimants: paths.deskClaimant, sources: paths.deskSource, disputes: paths.deskDispute }[
      String(kind)
    ];
    if (id === null || !recordPath) return next();
    res.redirect(303, recordPath(id));
  });
  return router;
}
