import express, { Router } from 'express';
import { requireWriter } from '../accounts/auth.middleware';
import { claimantsApi } from '../claimants/claimants.api';
import { CLAIM_SORTS } from '../claims/claim-filter.repository';
import { claimsApi } from '../claims/claims.api';
import { linksApi } from '../claims/links.api';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { writeQueueFor } from '../db/write-queue';
import { disputesApi } from '../disputes/disputes.api';
import { inboxApi } from '../inbox/inbox.api';
import { sourcesApi } from '../sources/sources.api';
import { promisesApi } from '../promises/promises.api';
import { verdictsApi } from '../verdicts/verdicts.api';
import { similarClaimsApi } from '../repeats/repeats.api';
import { apiRoutes, errorBody, type ApiDeps } from '../http/api-routes';
import { requireUtf8 } from '../http/body';
import { HttpError } from '../http/errors';
import { translate } from '../http/i18n';
import { buildOpenApi, type ApiOperation } from '../http/openapi';

/** The JSON API under /api/v1: each feature's routes, and `operations` describing them for the OpenAPI document. */
export function apiRouter({ db, config }: { db: Db; config: Config }): { router: Router; operations: ApiOperation[] } {
  const router = Router();
  const operations: ApiOperation[] = [];
  router.use(express.json({ limit: '1mb', verify: requireUtf8 }));
  // Concurrent API writes share commits (group commit); each is still all-or-nothing on its own.
  const writes = writeQueueFor(db);
  const deps: ApiDeps = { db, config, tx: (fn) => writes.run(fn) };
  const route = apiRoutes(router, operations, requireWriter);
  // In this order in the OpenAPI document.
  claimantsApi(route, deps);
  sourcesApi(route, deps);
  similarClaimsApi(route, deps); // before /claims/{id}
  claimsApi(route, deps);
  linksApi(route, deps);
  disputesApi(route, deps);
  verdictsApi(route, deps);
  inboxApi(route, deps);
  promisesApi(route, deps);

  const document = buildOpenApi(operations, config, errorBody, CLAIM_SORTS);
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.use((_req, res, next) => next(new HttpError(404, translate(String(res.locals.locale ?? 'en'), 'api.noRoute'), 'not_found')));
  return { router, operations };
}
