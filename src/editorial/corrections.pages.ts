import { Router } from 'express';
import type { Db } from '../db/connection';
import { translate } from '../http/i18n';
import { paths } from '../http/urls';
import { listCorrections } from './revision.repository';

/** The public corrections log, /corrections. */
export function correctionsPages({ db }: { db: Db }): Router {
  const router = Router();
  router.get(paths.corrections(), async (_req, res) => {
    res.render('editorial/corrections', {
      title: translate(String(res.locals.locale), 'corrections.title'),
      corrections: await listCorrections(db),
    });
  });
  return router;
}
