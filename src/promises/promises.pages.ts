import { Router } from 'express';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { formatPartialDate } from '../domain/partial-date';
import { sendTable, wantsBom } from '../exports/download';
import { EXPORT_FORMATS, writeTable } from '../exports/formats';
import { translate } from '../http/i18n';
import { absoluteUrl, paths } from '../http/urls';
import { countPromises, listPromises, promiseBatches, promiseFacetCounts, type PromiseFilterKey } from './promise-list.repository';
import { appliedPromiseFilters, parsePromiseFilters, promiseExportFilename, promiseFacetViews, promiseListHref } from './promise-params';
import { promiseTable } from './promise.table';

/** What one page of /promises shows; the table twins hold every matching row. */
const PAGE_LIMIT = 500;

/** The promise tracker (/promises) and its .csv/.json/.xlsx/.md twins. */
export function promisePages({ db, config }: { db: Db; config: Config }): Router {
  const router = Router();
  const ctx = { baseUrl: config.baseUrl };

  for (const format of EXPORT_FORMATS) {
    router.get(paths.promisesTable(format), async (req, res) => {
      const filters = parsePromiseFilters(req.query, String(res.locals.locale));
      await sendTable(res, format, promiseExportFilename(filters, format), (out) =>
        writeTable(format, promiseTable, promiseBatches(db, filters), out, ctx, {
          bom: wantsBom(req.query.bom),
          filters: appliedPromiseFilters(filters),
          total: () => countPromises(db, filters),
        }),
      );
    });
  }

  router.get(paths.promises(), async (req, res) => {
    const locale = String(res.locals.locale);
    const filters = parsePromiseFilters(req.query, locale);
    const [rows, total, counts] = await Promise.all([
      listPromises(db, filters, { limit: PAGE_LIMIT }),
      countPromises(db, filters),
      promiseFacetCounts(db, filters),
    ]);
    const label = (key: PromiseFilterKey, value: string) =>
      key === 'outcome'
        ? translate(locale, `outcome.${value}` as 'outcome.kept')
        : key === 'due'
          ? formatPartialDate(`${value}-01`, 'month', locale)
          : value;
    const base = paths.promises();
    const facets = promiseFacetViews(base, filters, counts, label);
    const applied = appliedPromiseFilters(filters);
    const filtered = Object.keys(applied).length > 0;
    res.locals.canonicalUrl = absoluteUrl(config.baseUrl, promiseListHref(base, filters, {}));
    res.render('promises/list', {
      title: translate(locale, 'promises.title'),
      description: translate(locale, 'promises.intro'),
      kind: 'promises',
      base,
      filtered,
      robots: filtered ? 'noindex,follow' : undefined,
      facets,
      active: Object.entries(applied).map(([key, value]) => ({
        key,
        value: label(key as PromiseFilterKey, value),
        href: promiseListHref(base, filters, { [key]: undefined }),
      })),
      rows,
      total,
      more: total > rows.length,
      downloads: EXPORT_FORMATS.map((format) => ({ format, href: paths.promisesTable(format, applied) })),
    });
  });

  return router;
}
