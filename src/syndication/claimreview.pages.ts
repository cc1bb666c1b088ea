import { Router } from 'express';
import { loadClaimCards } from '../claims/claim-card.repository';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { ChunkWriter } from '../exports/formats';
import { translate } from '../http/i18n';
import { absoluteUrl, paths } from '../http/urls';
import { claimReviewFor } from '../claims/claim-review';
import { reviewedClaimIds } from './claimreview.repository';

/** `/claimreview.json`: every ClaimReview as a schema.org DataFeed, streamed in batches. */
export function claimReviewPages({ db, config }: { db: Db; config: Config }): Router {
  const router = Router();
  router.get(paths.claimReviewFeed(), async (_req, res) => {
    res.type('application/ld+json; charset=utf-8').set('Access-Control-Allow-Origin', '*');
    const w = new ChunkWriter(res);
    const head = {
      '@context': 'https://schema.org',
      '@type': 'DataFeed',
      name: translate(String(res.locals.locale), 'feed.claimReviews', { newsroom: config.newsroom.name }),
      url: absoluteUrl(config.baseUrl, paths.claimReviewFeed()),
      dateModified: new Date().toISOString(),
      license: config.dataLicence.url,
    };
    await w.write(`${JSON.stringify(head).slice(0, -1)},"dataFeedElement":[`);
    let afterId: number | undefined;
    let n = 0;
    for (;;) {
      const ids = await reviewedClaimIds(db, { limit: 500, ...(afterId !== undefined ? { afterId } : {}) });
      if (!ids.length) break;
      for (const card of await loadClaimCards(db, ids)) {
        const review = claimReviewFor(card, config, { context: false });
        if (review) await w.write(`${n++ ? ',' : ''}\n${JSON.stringify(review)}`);
      }
      afterId = ids[ids.length - 1];
    }
    await w.write('\n]}\n');
    await w.flush();
    res.end();
  });
  return router;
}
