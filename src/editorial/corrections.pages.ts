import { Router } from 'express';
import type { Db } from '../db/connection';
import { paths } from '../http/urls';
import { listCorrections } from './revision.repository';

/** The public corrections log, /corrections. */
export function correctionsPages({ db }: { db: Db }): Router {
  const router = Router();
  router.get(paths.corrections(), async (_req, res) => {
    res.render('editorial/corrections', { title: 'Corrections', corrections: await listCorrections(db) });
  });
  return router;
}
