import { Router } from 'express';
import { countFilteredClaims } from '../claims/claim-facet.repository';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { translate } from '../http/i18n';
import { notFound } from '../http/page-helpers';
import { recordDownloads } from '../http/data-links';
import { absoluteUrl, paths } from '../http/urls';
import { topicPage } from './topic-page.repository';
import { findTopicBySlug } from '../topics/topic.repository';

/** A topic's page and its .json twin. */
export function topicPages({ db, config }: { db: Db; config: Config }): Router {
  const router = Router();

  // The twin first: /topics/:slug would take /topics/x.json.
  router.get('/topics/:slug.json', async (req, res) => {
    const topic = await findTopicBySlug(db, req.params.slug);
    if (!topic) throw notFound(res, 'error.notFound.topic');
    const claimCount = await countFilteredClaims(db, { topic: topic.slug }, { publicOnly: true });
    if (claimCount === 0) throw notFound(res, 'error.notFound.topic');
    res.set('Access-Control-Allow-Origin', '*').json({
      topic: {
        id: topic.id,
        slug: topic.slug,
        name: topic.name,
        url: absoluteUrl(config.baseUrl, paths.topic(topic.slug)),
        claim_count: claimCount,
        claims_url: absoluteUrl(config.baseUrl, paths.claimsTable('json', { topic: topic.slug })),
      },
    });
  });

  router.get('/topics/:slug', async (req, res) => {
    const page = await topicPage(db, req.params.slug);
    if (!page) throw notFound(res);
    res.render('topics/show', {
      title: translate(String(res.locals.locale), 'topic.title', { name: page.topic.name }),
      ...page,
      downloads: recordDownloads(paths.topicJson(page.topic.slug), (format) => paths.claimsTable(format, { topic: page.topic.slug })),
    });
  });

  return router;
}
