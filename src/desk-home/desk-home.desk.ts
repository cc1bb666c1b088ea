import type { Router } from 'express';
import type { Db } from '../db/connection';
import { nowIso } from '../domain/clock';
import { flashFrom } from '../http/flash';
import { translate } from '../http/i18n';
import { countDeskRecords, countDueForReview, listDueForReview } from './desk-home.repository';

/** The desk's home page (/desk) and the claims due for review (/desk/due). */
export function deskHome(router: Router, db: Db): void {
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
}
