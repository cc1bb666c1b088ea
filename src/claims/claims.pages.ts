import { Router } from 'express';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { listCorrections } from '../editorial/revision.repository';
import { sendTable, wantsBom } from '../exports/download';
import { EXPORT_FORMATS } from '../exports/formats';
import { intParam } from '../http/async';
import { translate } from '../http/i18n';
import { excerpt, notFound } from '../http/page-helpers';
import { absoluteUrl, paths } from '../http/urls';
import { claimReviewFor } from './claim-review';
import { findClaimRecord } from './claim-export.repository';
import { exportClaims } from './claim-export.service';
import { claimFacetCounts } from './claim-facet.repository';
import { claimsPage, publicClaim } from './claim-list.repository';
import { claimTable } from './claim.table';
import { appliedFilters, canonicalListPath, exportFilename, listView, parseListFilters } from './list-params';
import { listDownloads, recordDownloads } from '../http/data-links';

/** The fact-check table (/claims) with its .csv/.json/.xlsx/.md twins, and a claim's page and .json. */
export function claimPages({ db, config }: { db: Db; config: Config }): Router {
  const router = Router();
  const ctx = { baseUrl: config.baseUrl, licence: config.dataLicence };

  // The twins first: /claims/:id would take /claims/1.json.
  for (const format of EXPORT_FORMATS) {
    router.get(paths.claimsTable(format), async (req, res) => {
      const filters = parseListFilters(req.query, String(res.locals.locale));
      await sendTable(res, format, exportFilename('claims', filters, format), (out) =>
        exportClaims({ db, format, filters, out, ctx: { ...ctx, locale: String(res.locals.locale) }, bom: wantsBom(req.query.bom) }),
      );
    });
  }

  router.get('/claims/:id.json', async (req, res) => {
    const id = intParam(req.params.id);
    const record = id === null ? undefined : await findClaimRecord(db, id, { publicOnly: true });
    if (!record) throw notFound(res, 'error.notFound.claim');
    res.set('Access-Control-Allow-Origin', '*').json({ claim: claimTable.json(record, ctx) });
  });

  router.get(paths.claims(), async (req, res) => {
    const locale = String(res.locals.locale);
    const filters = parseListFilters(req.query, locale);
    const [page, counts] = await Promise.all([claimsPage(db, filters), claimFacetCounts(db, filters, { publicOnly: true })]);
    res.locals.canonicalUrl = absoluteUrl(config.baseUrl, canonicalListPath(paths.claims(), filters));
    res.render('claims/list', {
      title: translate(locale, 'claims.title'),
      description: translate(locale, 'site.tagline'),
      kind: 'claims',
      downloads: listDownloads((format) => paths.claimsTable(format, appliedFilters(filters))),
      ...listView(paths.claims(), filters, counts, page.total, locale),
      ...page,
    });
  });

  router.get('/claims/:id', async (req, res) => {
    const id = intParam(req.params.id);
    const page = id === null ? undefined : await publicClaim(db, id);
    if (!page) throw notFound(res);
    res.render('claims/show', {
      title: translate(String(res.locals.locale), 'claim.title', { name: page.card.claimant.name }),
      description: excerpt(page.card.text),
      ogType: 'article',
      ...page,
      downloads: recordDownloads(paths.claimJson(page.card.id)),
      // The review names this page as its url: Google reads the markup here, not only on dispute pages.
      claimReview: claimReviewFor(page.card, config),
      // The same entries as the corrections log at /corrections, for this claim only.
      corrections: await listCorrections(db, { claimId: page.card.id }),
    });
  });

  return router;
}
