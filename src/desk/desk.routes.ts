import { Router } from 'express';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { claimDesk } from '../claims/claims.desk';
import { claimantDesk } from '../claimants/claimants.desk';
import { countDeskRecords, countDueForReview, listDueForReview } from '../desk-home/desk-home.repository';
import { nowIso } from '../domain/clock';
import { disputeDesk } from '../disputes/disputes.desk';
import { flashFrom } from '../http/flash';
import { sourceDesk } from '../sources/sources.desk';
import { intParam } from '../http/async';
import { HttpError } from '../http/errors';
import { paths } from '../http/urls';
import { translate } from '../http/i18n';

/**
 * The newsroom's forms under /desk. Every change is a POST that runs in one transaction and ends in
 * a 303 redirect; bad input re-renders the form with 422 and everything the user typed.
 */
export function deskRouter({ db }: { db: Db; config: Config }): Router {
  const router = Router();

  // The desk reads HTML forms only; JSON belongs to /api/v1, where it is validated as JSON.
  router.use((req, _res, next) => {
    if (req.method === 'POST' && req.headers['content-type'] && !req.is('application/x-www-form-urlencoded')) {
      throw new HttpError(415, 'The desk accepts HTML form posts only; send JSON to the API under /api/v1.', 'unsupported_media_type');
    }
    next();
  });

  router.get('/', async (req, res) => {
    const [counts, due] = await Promise.all([countDeskRecords(db), countDueForReview(db, nowIso().slice(0, 10))]);
    res.render('desk-home/home', { title: translate(res.locals.locale, 'desk.title'), counts, due, flash: flashFrom(req.query) });
  });

  // Promises and predictions whose review date has come or is coming: was the promise kept?
  router.get('/due', async (_req, res) => {
    const today = nowIso().slice(0, 10);
    const claims = await listDueForReview(db, today);
    res.render('desk-home/due', {
      title: translate(res.locals.locale, 'desk.due.title'),
      today,
      overdue: claims.filter((c) => c.overdue),
      upcoming: claims.filter((c) => !c.overdue),
    });
  });

  claimDesk(router, db);
  claimantDesk(router, db);
  sourceDesk(router, db);
  disputeDesk(router, db);

  // After a refused POST the address bar shows the action URL; reloading or bookmarking it must lead
  // back to the record, not to "nothing at this address".
  router.get(['/:kind/:id/delete', '/claims/:id/links', '/claims/:id/links/:linkId/delete'], (req, res, next) => {
    const id = intParam(req.params.id);
    const kind = req.path.startsWith('/claims/') ? 'claims' : req.params.kind;
    const recordPath = { claims: paths.deskClaim, claimants: paths.deskClaimant, sources: paths.deskSource, disputes: paths.deskDispute }[String(kind)];
    if (id === null || !recordPath) return next();
    res.redirect(303, recordPath(id));
  });
  return router;
}
