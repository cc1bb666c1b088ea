import { Router } from 'express';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { latestDisputes } from '../disputes/dispute-list.repository';
import { HttpError } from '../http/errors';
import { isLocale, translate } from '../http/i18n';
import { LOCALE_COOKIE, localPath } from '../http/locale';
import { listDownloads } from '../http/data-links';
import { paths } from '../http/urls';

const ONE_YEAR = 365 * 24 * 3600 * 1000;

/** The home page (the latest disputes) and the language switch, /lang/:locale?back=… */
export function homePages({ db, config }: { db: Db; config: Config }): Router {
  const router = Router();

  router.get('/lang/:locale', (req, res) => {
    const locale = req.params.locale;
    if (!isLocale(locale)) throw new HttpError(404, translate(String(res.locals.locale), 'error.badLocale'), 'not_found');
    const back = req.query.back === undefined ? paths.home() : localPath(req.query.back);
    if (back === null) throw new HttpError(400, translate(locale, 'error.badBack'), 'bad_parameter');
    res.cookie(LOCALE_COOKIE, locale, { maxAge: ONE_YEAR, httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, path: '/' });
    res.redirect(303, back);
  });

  router.get(paths.home(), async (_req, res) => {
    const disputes = await latestDisputes(db);
    res.render('home/home', {
      title: null,
      disputes,
      description: translate(String(res.locals.locale), 'site.tagline'),
      downloads: listDownloads((format) => paths.disputesTable(format)),
    });
  });

  return router;
}
