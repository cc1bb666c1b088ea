import { Router } from 'express';
import type { Config } from '../config';
import { translate } from '../http/i18n';
import { paths } from '../http/urls';

/** /open-data: every export, feed and the API in one place, with the data licence. */
export function openDataPages({ config }: { config: Config }): Router {
  const router = Router();
  router.get(paths.openData(), (_req, res) => {
    const locale = String(res.locals.locale);
    res.render('syndication/open-data', {
      title: translate(locale, 'openData.title'),
      description: translate(locale, 'openData.intro', { newsroom: config.newsroom.name }),
      newsroom: config.newsroom.name,
      licence: config.dataLicence,
      formats: ['csv', 'json', 'xlsx', 'md'],
      exampleHref: paths.claimsTable('csv', { verdict: 'false' }),
    });
  });
  return router;
}
