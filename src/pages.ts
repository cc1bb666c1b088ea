import { Router } from 'express';
import { claimantPages } from './claimant-page/claimant-page.pages';
import { claimHistoryPages } from './claims/claim-history.pages';
import { claimPages } from './claims/claims.pages';
import type { Config } from './config';
import type { Db } from './db/connection';
import { disputePages } from './disputes/disputes.pages';
import { correctionsPages } from './editorial/corrections.pages';
import { homePages } from './home/home.pages';
import { inboxPages } from './inbox/inbox.pages';
import { promisePages } from './promises/promises.pages';
import { searchPages } from './search/search.pages';
import { sourcePages } from './sources/sources.pages';
import { claimReviewPages } from './syndication/claimreview.pages';
import { feedPages } from './syndication/feed.pages';
import { followPages } from './syndication/follow.pages';
import { openDataPages } from './syndication/open-data.pages';
import { sitemapPages } from './syndication/sitemap.pages';
import { topicPages } from './topic-page/topic-page.pages';
import { verdictPages } from './verdicts/verdicts.pages';

/**
 * What readers see, every feature's pages and their .json/.csv/.xlsx/.md twins. Drafts never appear.
 * Each feature registers its twins before its `/:id` page, so /claims/1.json is the twin's.
 */
export function readerPages({ db, config }: { db: Db; config: Config }): Router {
  const router = Router();
  router.use(claimReviewPages({ db, config }));
  router.use(feedPages({ db, config }));
  router.use(followPages({ db, config }));
  router.use(sitemapPages({ db, config }));
  router.use(homePages({ db, config }));
  router.use(disputePages({ db, config }));
  router.use(claimPages({ db, config }));
  router.use(claimHistoryPages({ db }));
  router.use(claimantPages({ db, config }));
  router.use(sourcePages({ db, config }));
  router.use(topicPages({ db, config }));
  router.use(verdictPages({ db }));
  router.use(searchPages({ db, config }));
  router.use(correctionsPages({ db }));
  router.use(inboxPages({ db, config }));
  router.use(promisePages({ db, config }));
  router.use(openDataPages({ config }));
  return router;
}
