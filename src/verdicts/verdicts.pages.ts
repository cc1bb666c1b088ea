import { Router } from 'express';
import type { Db } from '../db/connection';
import { translate } from '../http/i18n';
import { paths } from '../http/urls';
import { listVerdicts } from './verdict.repository';

/** The methodology page: how Gainsay rates claims, one entry per verdict. */
export function verdictPages({ db }: { db: Db }): Router {
  const router = Router();
  router.get(paths.methodology(), async (_req, res) => {
    const verdicts = await listVerdicts(db);
    const locale = String(res.locals.locale);
    res.render('verdicts/methodology', {
      title: translate(locale, 'methodology.title'),
      description: translate(locale, 'methodology.intro'),
      verdicts,
    });
  });
  return router;
}
