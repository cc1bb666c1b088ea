import { listCorrections } from '../editorial/revision.repository';
import { Router, type Response } from 'express';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { claimReviewFor } from '../syndication/claimreview';
import { oembedUrlFor } from '../syndication/feed.routes';
import { slugify } from '../domain/slug';
import { claimFacetCounts, FACET_SAMPLE } from '../claims/claim-facets';
import type { ClaimFilters } from '../claims/claim-filters';
import { disputeFacetCounts } from '../disputes/dispute-facets';
import { loadDisputeView, type DisputeView } from '../disputes/dispute-view.repository';
import { intParam } from '../http/async';
import { HttpError } from '../http/errors';
import { isLocale, searchProblemMessage, translate, type MessageKey } from '../http/i18n';
import { LOCALE_COOKIE, localPath } from '../http/locale';
import { absoluteUrl, paths, withQuery } from '../http/urls';
import { MAX_QUERY_LENGTH, parseSearchQuery, RANKED_MATCHES } from '../search/fts';
import { listVerdicts } from '../verdicts/verdict.repository';
import { activeFilters, canonicalListPath, facetViews, pager, parseListFilters, sortOptions } from './list-params';
import { claimantPage, claimsPage, disputesPage, latestDisputes, outletPage, publicClaim, publicSearch, sourcePage, topicPage } from './reader.repository';

const ONE_YEAR = 365 * 24 * 3600 * 1000;

const SEARCH_PAGE_SIZE = 20;

/** `?page=` of the search: 1 when absent; a 400 naming it when it is not a page that can exist. */
function searchPageNumber(value: unknown, locale: string): number {
  if (value === undefined || value === '') return 1;
  const last = RANKED_MATCHES / SEARCH_PAGE_SIZE;
  const page = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  if (!(page >= 1 && page <= last)) {
    throw new HttpError(400, `${translate(locale, 'error.badParam', { name: 'page' })}: ${translate(locale, 'search.badPage', { last: String(last) })}`, 'bad_parameter');
  }
  return page;
}

function notFound(res: Response, key: MessageKey = 'error.notFound.body'): HttpError {
  return new HttpError(404, translate(String(res.locals.locale), key), 'not_found');
}

/** A one-line description for Open Graph: the first sentence or so of a text. */
function excerpt(text: string | null | undefined, max = 200): string | undefined {
  if (!text) return undefined;
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

/** Which side each claim of the dispute is on, for the two lanes of the timeline. */
function timelineLanes(view: DisputeView) {
  const laneA = new Set([view.sideA.claim.id, ...view.sideA.supporters.map((c) => c.id)]);
  const main = new Set([view.sideA.claim.id, view.sideB.claim.id]);
  return view.timeline.map((claim) => ({ claim, lane: laneA.has(claim.id) ? 'a' : 'b', supporting: !main.has(claim.id) }));
}

/** What readers see. Drafts never appear here. */
export function publicRouter({ db, config }: { db: Db; config: Config }): Router {
  const router = Router();
  const canonical = (res: Response, path: string) => {
    res.locals.canonicalUrl = absoluteUrl(config.baseUrl, path);
  };

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
    res.render('home/home', { title: null, disputes, description: translate(String(res.locals.locale), 'site.tagline') });
  });

  const listPage = (kind: 'disputes' | 'claims') => async (req: import('express').Request, res: Response) => {
    const locale = String(res.locals.locale);
    const filters: ClaimFilters = parseListFilters(req, locale);
    const base = kind === 'claims' ? paths.claims() : paths.disputes();
    const [page, counts] = await Promise.all([
      kind === 'claims' ? claimsPage(db, filters) : disputesPage(db, filters),
      kind === 'claims' ? claimFacetCounts(db, filters, { publicOnly: true }) : disputeFacetCounts(db, filters, { publicOnly: true }),
    ]);
    const facets = facetViews(base, filters, counts);
    const labels = Object.fromEntries(facets.map((f) => [f.key, new Map(f.values.map((v) => [v.value, v.label]))]));
    canonical(res, canonicalListPath(base, filters));
    res.render(`${kind}/list`, {
      title: translate(locale, `${kind}.title`),
      description: translate(locale, 'site.tagline'),
      kind,
      base,
      filters,
      facets,
      facetSample: FACET_SAMPLE.toLocaleString(locale),
      active: activeFilters(base, filters, labels),
      sorts: sortOptions(filters),
      pager: pager(base, filters, page.total, locale),
      ...page,
    });
  };
  router.get(paths.disputes(), listPage('disputes'));
  router.get(paths.claims(), listPage('claims'));

  router.get('/disputes/:slug', async (req, res) => {
    const view = await loadDisputeView(db, req.params.slug, { publicOnly: true });
    if (!view) throw notFound(res);
    res.render('disputes/show', {
      title: view.dispute.question,
      description: excerpt(view.dispute.summary) ?? `${view.sideA.claim.claimant.name} ↔ ${view.sideB.claim.claimant.name}`,
      ogType: 'article',
      ...view,
      lanes: timelineLanes(view),
      claimReviews: view.timeline.map((card) => claimReviewFor(card, config)).filter((r) => r !== null),
      oembedUrl: oembedUrlFor(config.baseUrl, view.dispute.slug),
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
      // The same entries as the corrections log at /corrections, for this claim only.
      corrections: await listCorrections(db, { claimId: page.card.id }),
    });
  });

  router.get('/claimants/:slug', async (req, res) => {
    const page = await claimantPage(db, req.params.slug);
    if (!page) throw notFound(res);
    res.render('claimants/show', { title: page.claimant.name, description: excerpt(page.claimant.description), ogType: 'profile', ...page });
  });

  router.get('/sources/:id', async (req, res) => {
    const id = intParam(req.params.id);
    const page = id === null ? undefined : await sourcePage(db, id);
    if (!page) throw notFound(res);
    res.render('sources/show', {
      title: `${page.source.outlet} — ${page.source.title}`,
      description: page.source.title,
      outletSlug: slugify(page.source.outlet),
      ...page,
    });
  });

  router.get('/outlets/:slug', async (req, res) => {
    const page = await outletPage(db, req.params.slug);
    if (!page) throw notFound(res);
    res.render('sources/outlet', { title: translate(String(res.locals.locale), 'outlet.title', { name: page.outlet }), ...page });
  });

  router.get('/topics/:slug', async (req, res) => {
    const page = await topicPage(db, req.params.slug);
    if (!page) throw notFound(res);
    res.render('topics/show', { title: translate(String(res.locals.locale), 'topic.title', { name: page.topic.name }), ...page });
  });

  router.get(paths.methodology(), async (_req, res) => {
    const verdicts = await listVerdicts(db);
    const locale = String(res.locals.locale);
    res.render('verdicts/methodology', { title: translate(locale, 'methodology.title'), description: translate(locale, 'methodology.intro'), verdicts });
  });

  router.get(paths.search(), async (req, res) => {
    const locale = String(res.locals.locale);
    const first = Array.isArray(req.query.q) ? req.query.q[0] : req.query.q;
    const raw = typeof first === 'string' ? first.slice(0, MAX_QUERY_LENGTH) : '';
    const page = searchPageNumber(req.query.page, locale);
    const data: Record<string, unknown> = { title: translate(locale, 'search.title'), q: raw };
    if (raw.trim()) {
      const parsed = parseSearchQuery(raw);
      if (parsed.ok) {
        const found = await publicSearch(db, parsed.fts, { limit: SEARCH_PAGE_SIZE, offset: (page - 1) * SEARCH_PAGE_SIZE });
        if (page > 1 && !found.results.length) throw new HttpError(404, translate(locale, 'search.pastEnd'), 'not_found');
        const pages = Math.max(1, Math.ceil(found.total / SEARCH_PAGE_SIZE));
        Object.assign(data, {
          results: found.results,
          searched: true,
          title: translate(locale, 'search.results', { q: raw }),
          count: translate(locale, found.capped ? 'search.countCapped' : 'search.count', { n: found.total }),
          pager: {
            pages,
            previous: page > 1 ? withQuery(paths.search(), { q: raw, page: page > 2 ? page - 1 : undefined }) : null,
            next: page < pages ? withQuery(paths.search(), { q: raw, page: page + 1 }) : null,
            links: [],
          },
        });
      } else {
        // A query FTS5 cannot run is the reader's typo, not an error page: say what to change.
        data.problem = searchProblemMessage(locale, parsed);
      }
      res.set('X-Robots-Tag', 'noindex');
    }
    canonical(res, raw.trim() ? withQuery(paths.search(), { q: raw, page: page > 1 ? page : undefined }) : paths.search());
    res.render('search/search', data);
  });

  return router;
}
