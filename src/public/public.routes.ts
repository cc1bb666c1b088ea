import { Router } from 'express';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { claimReviewFor } from '../claimreview/claimreview';
import { oembedUrlFor } from '../feeds/feed.routes';
import { loadDisputeView } from '../disputes/dispute-view.repository';
import { listDisputes } from '../disputes/dispute.repository';
import { HttpError } from '../http/errors';
import { paths } from '../http/urls';

/** What readers see. Drafts never appear here. */
export function publicRouter({ db, config }: { db: Db; config: Config }): Router {
  const router = Router();

  router.get([paths.home(), paths.disputes()], async (_req, res) => {
    const disputes = await listDisputes(db, { publicOnly: true });
    res.render('public/home', { title: null, disputes });
  });

  router.get('/disputes/:slug', async (req, res) => {
    const view = await loadDisputeView(db, req.params.slug, { publicOnly: true });
    if (!view) throw new HttpError(404, 'There is no dispute at this address.', 'not_found');
    const claimReviews = view.timeline.map((card) => claimReviewFor(card, config)).filter((r) => r !== null);
    res.render('disputes/show', { title: view.dispute.question, ...view, claimReviews, oembedUrl: oembedUrlFor(config.baseUrl, view.dispute.slug) });
  });

  return router;
}
