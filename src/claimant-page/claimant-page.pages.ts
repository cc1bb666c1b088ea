import { Router } from 'express';
import { countFilteredClaims } from '../claims/claim-facet.repository';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { excerpt, notFound } from '../http/page-helpers';
import { recordDownloads } from '../http/data-links';
import { absoluteUrl, paths } from '../http/urls';
import { claimantPage } from './claimant-page.repository';
import { countPromises } from '../promises/promise-list.repository';
import { verdictChart } from './verdict-chart';
import { listVerdicts } from '../verdicts/verdict.repository';
import { isMessageKey, translate } from '../http/i18n';
import { findClaimantBySlug } from '../claimants/claimant.repository';
import { claimantAliasesOf } from '../claimants/claimant-alias.repository';

/** A claimant's page and its .json twin. */
export function claimantPages({ db, config }: { db: Db; config: Config }): Router {
  const router = Router();

  // The twin first: /claimants/:slug would take /claimants/x.json.
  router.get('/claimants/:slug.json', async (req, res) => {
    const claimant = await findClaimantBySlug(db, req.params.slug);
    if (!claimant) throw notFound(res, 'error.notFound.claimant');
    const claimCount = await countFilteredClaims(db, { claimant: claimant.slug }, { publicOnly: true });
    // Like the HTML page: a claimant only drafts name is not public yet.
    if (claimCount === 0) throw notFound(res, 'error.notFound.claimant');
    res.set('Access-Control-Allow-Origin', '*').json({
      claimant: {
        id: claimant.id,
        slug: claimant.slug,
        name: claimant.name,
        kind: claimant.kind,
        description: claimant.description,
        aliases: (await claimantAliasesOf(db, [claimant.id])).get(claimant.id) ?? [],
        url: absoluteUrl(config.baseUrl, paths.claimant(claimant.slug)),
        claim_count: claimCount,
        claims_url: absoluteUrl(config.baseUrl, paths.claimsTable('json', { claimant: claimant.slug })),
        created_at: claimant.created_at,
        updated_at: claimant.updated_at,
      },
    });
  });

  router.get('/claimants/:slug', async (req, res) => {
    const page = await claimantPage(db, req.params.slug);
    if (!page) throw notFound(res);
    const locale = String(res.locals.locale);
    // The default scale's labels in the reader's language, a newsroom's own as stored (like the verdictLabel helper).
    const scale = (await listVerdicts(db)).map((v) => {
      const key = `verdict.${v.key}`;
      return { key: String(v.key), label: isMessageKey(key) ? translate(locale, key) : v.label };
    });
    const chart = verdictChart(scale, new Map(page.ratings.map((r) => [String(r.key), r.count])));
    const summary = chart.rows
      .filter((r) => r.count > 0)
      .map((r) => `${r.label}: ${r.count}`)
      .join(', ');
    res.render('claimants/show', {
      title: page.claimant.name,
      description: excerpt(page.claimant.description),
      ogType: 'profile',
      ...page,
      // Follow this claimant: their own Atom feed (src/syndication/follow.pages.ts), named in the head.
      feedUrl: absoluteUrl(config.baseUrl, paths.claimantFeed(page.claimant.slug)),
      feedTitle: translate(String(res.locals.locale), 'feed.follow.claimant', { name: page.claimant.name }),
      promiseCount: await countPromises(db, { claimant: page.claimant.slug }),
      chart,
      chartSummary: summary,
      downloads: recordDownloads(paths.claimantJson(page.claimant.slug), (format) =>
        paths.claimsTable(format, { claimant: page.claimant.slug }),
      ),
    });
  });

  return router;
}
