import { Router } from 'express';
import { claimReviewFor } from '../claims/claim-review';
import { appliedFilters, canonicalListPath, exportFilename, listView, parseListFilters } from '../claims/list-params';
import { listDownloads, recordDownloads } from '../http/data-links';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { sendTable, wantsBom } from '../exports/download';
import { EXPORT_FORMATS } from '../exports/formats';
import { translate } from '../http/i18n';
import { excerpt, notFound } from '../http/page-helpers';
import { absoluteUrl, oembedUrlFor, paths } from '../http/urls';
import { findDisputeRecord } from './dispute-export.repository';
import { exportDisputes } from './dispute-export.service';
import { disputeFacetCounts } from './dispute-facet.repository';
import { disputesPage } from './dispute-list.repository';
import { loadDisputeView, type DisputeView } from './dispute-view.repository';
import { disputeTable } from './dispute.table';
import { timelineRows } from './timeline';

/** The timeline's rows: each claim on its side's lane, months and years as bands. */
function timeline(view: DisputeView) {
  const laneA = new Set([view.sideA.claim.id, ...view.sideA.supporters.map((c) => c.id)]);
  const main = new Set([view.sideA.claim.id, view.sideB.claim.id]);
  return timelineRows(
    view.timeline,
    (claim) => (laneA.has(claim.id) ? 'a' : 'b'),
    (claim) => !main.has(claim.id),
  );
}

/** The dispute list (/disputes) with its .csv/.json/.xlsx/.md twins, and a dispute's page and .json. */
export function disputePages({ db, config }: { db: Db; config: Config }): Router {
  const router = Router();
  const ctx = { baseUrl: config.baseUrl, licence: config.dataLicence };

  // The twins first: /disputes/:slug would take /disputes/x.json.
  for (const format of EXPORT_FORMATS) {
    router.get(paths.disputesTable(format), async (req, res) => {
      const filters = parseListFilters(req.query, String(res.locals.locale));
      await sendTable(res, format, exportFilename('disputes', filters, format), (out) =>
        exportDisputes({ db, format, filters, out, ctx: { ...ctx, locale: String(res.locals.locale) }, bom: wantsBom(req.query.bom) }),
      );
    });
  }

  router.get('/disputes/:slug.json', async (req, res) => {
    const record = await findDisputeRecord(db, req.params.slug, { publicOnly: true });
    if (!record) throw notFound(res, 'error.notFound.dispute');
    res.set('Access-Control-Allow-Origin', '*').json({ dispute: disputeTable.json(record, ctx) });
  });

  router.get(paths.disputes(), async (req, res) => {
    const locale = String(res.locals.locale);
    const filters = parseListFilters(req.query, locale);
    const [page, counts] = await Promise.all([disputesPage(db, filters), disputeFacetCounts(db, filters, { publicOnly: true })]);
    res.locals.canonicalUrl = absoluteUrl(config.baseUrl, canonicalListPath(paths.disputes(), filters));
    const view = listView(paths.disputes(), filters, counts, page.total, locale);
    // "Newest first" here means newest published; the reverse order still goes by when side A spoke, and says so.
    const sorts = view.sorts.map((s) => (s.value === 'said-asc' ? { ...s, label: translate(locale, 'disputes.sort.said-asc') } : s));
    res.render('disputes/list', {
      title: translate(locale, 'disputes.title'),
      description: translate(locale, 'site.tagline'),
      kind: 'disputes',
      downloads: listDownloads((format) => paths.disputesTable(format, appliedFilters(filters))),
      ...view,
      sorts,
      ...page,
    });
  });

  router.get('/disputes/:slug', async (req, res) => {
    const view = await loadDisputeView(db, req.params.slug, { publicOnly: true });
    if (!view) throw notFound(res);
    res.render('disputes/show', {
      title: view.dispute.question,
      description: excerpt(view.dispute.summary) ?? `${view.sideA.claim.claimant.name} ↔ ${view.sideB.claim.claimant.name}`,
      ogType: 'article',
      ...view,
      timelineRows: timeline(view),
      claimReviews: view.timeline.map((card) => claimReviewFor(card, config)).filter((r) => r !== null),
      oembedUrl: oembedUrlFor(config.baseUrl, view.dispute.slug),
      // Follow this dispute: its own Atom feed (src/syndication/follow.pages.ts), named in the head.
      feedUrl: absoluteUrl(config.baseUrl, paths.disputeFeed(view.dispute.slug)),
      feedTitle: translate(String(res.locals.locale), 'feed.follow.dispute'),
      downloads: recordDownloads(paths.disputeJson(view.dispute.slug)),
    });
  });

  return router;
}
