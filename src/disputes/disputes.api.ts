import { seesDrafts } from '../accounts/roles';
import { actorOf, assertEditorialApi, auditOf, editorialApi } from '../editorial/editorial';
import { withAuthor } from '../editorial/author.repository';
import { checkDelete } from '../editorial/editorial-rules';
import { parseListFilters } from '../claims/list-params';
import { z } from 'zod';
import { DISPUTE_STATUSES, STATES } from '../domain/vocabulary';
import {
  asInvalid,
  found,
  idOf,
  orConflict,
  pageQuery,
  paged,
  parse,
  record,
  versionBody,
  type ApiDeps,
  type ApiRoute,
} from '../http/api-routes';
import { disputeRowsPage } from './dispute-list.repository';
import { deleteDispute, findDisputeById, findDisputeBySlug, TwinDispute } from './dispute.repository';
import { disputeSchema } from './dispute.schema';
import { HttpError } from '../http/errors';
import { absoluteUrl, paths } from '../http/urls';
import { saveDispute } from './dispute.service';

export const disputeUpdateBody = disputeSchema.and(versionBody);

/**
 * A second dispute over the same two claims is a 409 that names the first: its id, slug and page in
 * `existing`, beside the usual error (as the desk's form links to it).
 */
async function refusingTwins<T>(baseUrl: string, save: () => Promise<T>): Promise<T> {
  try {
    return await save();
  } catch (err) {
    if (!(err instanceof TwinDispute)) throw err;
    const { id, slug, question } = err.twin;
    throw new HttpError(
      409,
      err.message,
      'duplicate_dispute',
      { claim_b: err.message },
      { existing: { id, slug, question, url: absoluteUrl(baseUrl, paths.dispute(slug)) } },
    );
  }
}

const dispute = {
  name: 'Dispute',
  schema: z.looseObject({
    id: record.id,
    slug: z.string().meta({ description: 'Its page is /disputes/{slug}' }),
    question: z.string(),
    summary: record.text,
    claim_a_id: record.id,
    claim_b_id: record.id,
    status: z.enum(DISPUTE_STATUSES),
    state: z.enum(STATES),
    version: z.int().positive(),
    created_at: record.timestamp,
    updated_at: record.timestamp,
  }),
};

/** /api/v1/disputes. Saving goes through saveDispute, as the desk's dispute form does. */
export function disputesApi(route: ApiRoute, { db, tx, config }: ApiDeps): void {
  route(
    {
      method: 'get',
      path: '/disputes',
      tag: 'disputes',
      summary: 'List disputes (the filters of /disputes)',
      query: pageQuery,
      list: true,
      filters: true,
      response: dispute,
    },
    async (req, res) => {
      const p = paged(req);
      const filters = parseListFilters(req.query, String(res.locals.locale));
      const { rows, total } = await disputeRowsPage(db, filters, {
        publicOnly: !seesDrafts(res.locals.user),
        limit: p.limit,
        offset: p.offset,
      });
      return { data: rows, page: p.page, per_page: p.per_page, total };
    },
  );
  route({ method: 'get', path: '/disputes/{id}', tag: 'disputes', summary: 'Read a dispute', response: dispute }, async (req, res) => ({
    data: found(await findDisputeById(db, idOf(req), { publicOnly: !seesDrafts(res.locals.user) }), 'dispute'),
  }));
  route(
    {
      method: 'get',
      path: '/disputes/by-slug/{slug}',
      tag: 'disputes',
      summary: 'Read a dispute by the slug of its page',
      response: dispute,
    },
    async (req, res) => ({
      data: found(await findDisputeBySlug(db, String(req.params.slug), { publicOnly: !seesDrafts(res.locals.user) }), 'dispute'),
    }),
  );
  route(
    {
      method: 'post',
      path: '/disputes',
      tag: 'disputes',
      summary: 'Create a dispute',
      body: disputeSchema,
      status: 201,
      response: dispute,
    },
    async (req, res) => {
      const body = parse(disputeSchema, req.body);
      return {
        data: await asInvalid(() =>
          refusingTwins(config.baseUrl, () => editorialApi(res.locals.user, () => tx((trx) => saveDispute(trx, actorOf(res), body)))),
        ),
      };
    },
  );
  route(
    {
      method: 'put',
      path: '/disputes/{id}',
      tag: 'disputes',
      summary: 'Update a dispute (send the version you edited)',
      body: disputeUpdateBody,
      response: dispute,
    },
    async (req, res) => {
      const body = parse(disputeUpdateBody, req.body);
      const id = idOf(req);
      const save = () =>
        editorialApi(res.locals.user, () => tx((trx) => saveDispute(trx, actorOf(res), body, { id, version: body.version })));
      return {
        data: await orConflict(
          () => asInvalid(() => refusingTwins(config.baseUrl, save)),
          () => findDisputeById(db, id),
        ),
      };
    },
  );
  route({ method: 'delete', path: '/disputes/{id}', tag: 'disputes', summary: 'Delete a dispute', status: 204 }, async (req, res) =>
    tx(async (trx) => {
      const id = idOf(req);
      const dispute = await withAuthor(trx, 'dispute', found(await findDisputeById(trx, id), 'dispute'));
      assertEditorialApi(res.locals.user, checkDelete(res.locals.user!, dispute));
      await deleteDispute(trx, id, auditOf(res));
    }),
  );
}
