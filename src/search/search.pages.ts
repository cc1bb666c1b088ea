import { Router } from 'express';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { HttpError } from '../http/errors';
import { searchProblemMessage, translate } from '../http/i18n';
import { absoluteUrl, paths, withQuery } from '../http/urls';
import { anyOfQueries, isTooBroad, MAX_QUERY_LENGTH, parseSearchQuery } from './search-query';
import { RANKED_MATCHES } from '../db/search-types';
import { latestClaimsOf, publicClaimCount, publicNames } from './name-index.repository';
import { closeNames, namedBy, otherNamesOf } from './name-match';
import { publicSearch } from './search.repository';

const SEARCH_PAGE_SIZE = 20;

/** `?page=` of the search: 1 when absent; a 400 naming it when it is not a page that can exist. */
function searchPageNumber(value: unknown, locale: string): number {
  if (value === undefined || value === '') return 1;
  const last = RANKED_MATCHES / SEARCH_PAGE_SIZE;
  const page = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  if (!(page >= 1 && page <= last)) {
    throw new HttpError(
      400,
      `${translate(locale, 'error.badParam', { name: 'page' })}: ${translate(locale, 'search.badPage', { last: String(last) })}`,
      'bad_parameter',
    );
  }
  return page;
}

/** The claimants and topics a search names, with their public claim counts and a claimant's latest claims. */
async function withClaims(db: Db, named: ReturnType<typeof namedBy>) {
  return Promise.all(
    named.map(async (m) => ({
      ...m,
      href: m.kind === 'claimant' ? paths.claimant(m.slug) : paths.topic(m.slug),
      count: await publicClaimCount(db, m.kind, m.id),
      claims: m.kind === 'claimant' ? await latestClaimsOf(db, m.id, 3) : [],
    })),
  );
}

/** The reader's search, /search?q=…: claims, disputes and sources, no drafts; the claimants and topics it names. */
export function searchPages({ db, config }: { db: Db; config: Config }): Router {
  const router = Router();
  router.get(paths.search(), async (req, res) => {
    const locale = String(res.locals.locale);
    const first = Array.isArray(req.query.q) ? req.query.q[0] : req.query.q;
    const raw = typeof first === 'string' ? first.slice(0, MAX_QUERY_LENGTH) : '';
    const page = searchPageNumber(req.query.page, locale);
    // The search label doubles as the page's description (Lighthouse SEO: meta-description).
    const data: Record<string, unknown> = {
      title: translate(locale, 'search.title'),
      q: raw,
      description: translate(locale, 'search.label'),
    };
    if (raw.trim()) {
      const parsed = parseSearchQuery(raw);
      if (parsed.ok) {
        const names = await publicNames(db);
        // A claimant's or topic's name or alias also searches for its other names: "zelenskyj" finds "Zelensky".
        const others = otherNamesOf(names, raw).flatMap((name) => {
          const p = parseSearchQuery(name);
          return p.ok ? [p.query] : [];
        });
        const query = anyOfQueries([parsed.query, ...others]);
        const found = await publicSearch(db, query, { limit: SEARCH_PAGE_SIZE, offset: (page - 1) * SEARCH_PAGE_SIZE });
        const named = page === 1 ? await withClaims(db, namedBy(names, raw)) : [];
        const suggestions =
          !found.results.length && !named.length
            ? closeNames(names, raw).map((name) => ({ name, href: withQuery(paths.search(), { q: name }) }))
            : [];
        if (page > 1 && !found.results.length) throw new HttpError(404, translate(locale, 'search.pastEnd'), 'not_found');
        const pages = Math.max(1, Math.ceil(found.total / SEARCH_PAGE_SIZE));
        Object.assign(data, {
          results: found.results,
          named,
          suggestions,
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
        // Refused before running, as too costly (see parseSearchQuery): the page says how to narrow it.
        if (isTooBroad(parsed.problem)) res.status(422);
      }
      res.set('X-Robots-Tag', 'noindex');
    }
    res.locals.canonicalUrl = absoluteUrl(
      config.baseUrl,
      raw.trim() ? withQuery(paths.search(), { q: raw, page: page > 1 ? page : undefined }) : paths.search(),
    );
    res.render('search/search', data);
  });
  return router;
}
