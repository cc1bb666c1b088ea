import { seesDrafts } from '../accounts/roles';
import { actorOf, assertEditorialApi, auditOf, editorialApi } from '../editorial/editorial';
import { withAuthor } from '../editorial/author.repository';
import { checkDelete } from '../editorial/editorial-rules';
import { parseListFilters } from '../claims/list-params';
import { asInvalid, found, idOf, orConflict, pageQuery, paged, parse, versionBody, type ApiDeps, type ApiRoute } from '../http/api-routes';
import { disputeRowsPage } from './dispute-list.repository';
import { deleteDispute, findDisputeById } from './dispute.repository';
import { disputeSchema } from './dispute.schema';
import { saveDispute } from './dispute.service';

export const disputeUpdateBody = disputeSchema.and(versionBody);

/** /api/v1/disputes. Saving goes through saveDispute, as the desk's dispute form does. */
export function disputesApi(route: ApiRoute, { db, tx }: ApiDeps): void {
  route(
    {
      method: 'get',
      path: '/disputes',
      tag: 'disputes',
      summary: 'List disputes (the filters of /disputes)',
      query: pageQuery,
      list: true,
      filters: true,
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
  route({ method: 'get', path: '/disputes/{id}', tag: 'disputes', summary: 'Read a dispute' }, async (req, res) => ({
    data: found(await findDisputeById(db, idOf(req), { publicOnly: !seesDrafts(res.locals.user) }), 'dispute'),
  }));
  route(
    { method: 'post', path: '/disputes', tag: 'disputes', summary: 'Create a dispute', body: disputeSchema, status: 201 },
    async (req, res) => {
      const body = parse(disputeSchema, req.body);
      return { data: await asInvalid(() => editorialApi(res.locals.user, () => tx((trx) => saveDispute(trx, actorOf(res), body)))) };
    },
  );
  route(
    {
      method: 'put',
      path: '/disputes/{id}',
      tag: 'disputes',
      summary: 'Update a dispute (send the version you edited)',
      body: disputeUpdateBody,
    },
    async (req, res) => {
      const body = parse(disputeUpdateBody, req.body);
      const id = idOf(req);
      const save = () =>
        editorialApi(res.locals.user, () => tx((trx) => saveDispute(trx, actorOf(res), body, { id, version: body.version })));
      return {
        data: await orConflict(
          () => asInvalid(save),
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
