import { Router } from 'express';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { claimDesk } from './claims.desk';
import { claimantDesk } from './claimants.desk';
import { countDeskRecords, countDueForReview, listDueForReview } from './desk.repository';
import { nowIso } from '../domain/clock';
import { disputeDesk } from './disputes.desk';
import { flashFrom } from './flash';
import { sourceDesk } from './sources.desk';

/**
 * The newsroom's forms under /desk. Every change is a POST that runs in one transaction and ends in
 * a 303 redirect; bad input re-renders the form with 422 and everything the user typed.
 */
export function deskRouter({ db }: { db: Db; config: Config }): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const [counts, due] = await Promise.all([countDeskRecords(db), countDueForReview(db, nowIso().slice(0, 10))]);
    res.render('desk/home', { title: 'Desk', counts, due, flash: flashFrom(req.query) });
  });

  // Promises and predictions whose review date has come or is coming: was the promise kept?
  router.get('/due', async (_req, res) => {
    const today = nowIso().slice(0, 10);
    const claims = await listDueForReview(db, today);
    res.render('desk/due', {
      title: 'Due for review',
      today,
      overdue: claims.filter((c) => c.overdue),
      upcoming: claims.filter((c) => !c.overdue),
    });
  });

  claimDesk(router, db);
  claimantDesk(router, db);
  sourceDesk(router, db);
  disputeDesk(router, db);
  return router;
}
