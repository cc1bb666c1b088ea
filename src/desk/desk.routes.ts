import { Router } from 'express';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { claimDesk } from './claims.desk';
import { claimantDesk } from './claimants.desk';
import { countDeskRecords } from './desk.repository';
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
    const counts = await countDeskRecords(db);
    res.render('desk/home', { title: 'Desk', counts, flash: flashFrom(req.query) });
  });

  claimDesk(router, db);
  claimantDesk(router, db);
  sourceDesk(router, db);
  disputeDesk(router, db);
  return router;
}
