import { Router } from 'express';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { slugify } from '../domain/slug';
import { intParam } from '../http/async';
import { translate } from '../http/i18n';
import { notFound } from '../http/page-helpers';
import { recordDownloads } from '../http/data-links';
import { absoluteUrl, paths } from '../http/urls';
import { listPublicCitationsOfSource, outletPage, sourcePage } from './source-page.repository';
import { findSourceById } from './source.repository';

/** A source's page and its .json twin, and an outlet's page. */
export function sourcePages({ db, config }: { db: Db; config: Config }): Router {
  const router = Router();

  // The twin first: /sources/:id would take /sources/1.json.
  router.get('/sources/:id.json', async (req, res) => {
    const id = intParam(req.params.id);
    const source = id === null ? undefined : await findSourceById(db, id);
    const citations = source ? await listPublicCitationsOfSource(db, source.id) : [];
    // A source only cited by drafts is not public yet.
    if (!source || !citations.length) throw notFound(res, 'error.notFound.source');
    res.set('Access-Control-Allow-Origin', '*').json({
      source: {
        ...source,
        page_url: absoluteUrl(config.baseUrl, paths.source(source.id)),
        citations: citations.map((c) => ({ ...c, claim_url: absoluteUrl(config.baseUrl, paths.claim(c.claim_id)) })),
      },
    });
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
      downloads: recordDownloads(paths.sourceJson(page.source.id)),
    });
  });

  router.get('/outlets/:slug', async (req, res) => {
    const page = await outletPage(db, req.params.slug);
    if (!page) throw notFound(res);
    res.render('sources/outlet', {
      title: translate(String(res.locals.locale), 'outlet.title', { name: page.outlet }),
      ...page,
      downloads: recordDownloads(null, (format) => paths.claimsTable(format, { outlet: page.outlet })),
    });
  });

  return router;
}
