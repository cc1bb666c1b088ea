import { seesDrafts } from '../accounts/roles';
import { assertSharedApi, auditOf } from '../editorial/editorial';
import { claimRef } from '../http/fields';
import { z } from 'zod';
import { LINK_TYPES } from '../domain/vocabulary';
import { found, idOf, pageQuery, paged, parse, record, type ApiDeps, type ApiRoute } from '../http/api-routes';
import { countLinks, deleteLink, findLink, insertLink, linkIsPublic, listLinks, updateLink } from './link.repository';
import { linkSchema } from './link.schema';

/** POST /links names both claims; the desk's link form hangs off the first claim's page. */
export const linkBody = linkSchema.extend({ from_claim: claimRef('field.claim.text') });
export const linkUpdateBody = linkSchema.pick({ type: true, note: true });

const link = {
  name: 'Link',
  schema: z.looseObject({
    id: record.id,
    from_claim_id: record.id,
    to_claim_id: record.id,
    type: z.enum(LINK_TYPES),
    note: record.text,
    created_at: record.timestamp,
  }),
};

/** /api/v1/links. Links are public through the claims they tie: reporters change them only while no published claim does. */
export function linksApi(route: ApiRoute, { db, tx }: ApiDeps): void {
  route(
    { method: 'get', path: '/links', tag: 'links', summary: 'List links', query: pageQuery, list: true, response: link },
    async (req, res) => {
      const p = paged(req);
      const publicOnly = !seesDrafts(res.locals.user);
      return { data: await listLinks(db, p, publicOnly), page: p.page, per_page: p.per_page, total: await countLinks(db, publicOnly) };
    },
  );
  route({ method: 'get', path: '/links/{id}', tag: 'links', summary: 'Read a link', response: link }, async (req, res) => ({
    data: found(await findLink(db, idOf(req), !seesDrafts(res.locals.user)), 'link'),
  }));
  route(
    { method: 'post', path: '/links', tag: 'links', summary: 'Link two claims', body: linkBody, status: 201, response: link },
    async (req, res) => {
      const body = parse(linkBody, req.body);
      return {
        data: await tx(async (trx) => {
          await assertSharedApi(res.locals.user, linkIsPublic(trx, body.from_claim, body.to_claim));
          return insertLink(
            trx,
            { from_claim_id: body.from_claim, to_claim_id: body.to_claim, type: body.type, note: body.note },
            auditOf(res),
          );
        }),
      };
    },
  );
  route(
    { method: 'put', path: '/links/{id}', tag: 'links', summary: "Change a link's type or note", body: linkUpdateBody, response: link },
    async (req, res) => {
      const body = parse(linkUpdateBody, req.body);
      return {
        data: await tx(async (trx) => {
          const link = found(await findLink(trx, idOf(req)), 'link');
          await assertSharedApi(res.locals.user, linkIsPublic(trx, link.from_claim_id, link.to_claim_id));
          return updateLink(trx, link.id, body, auditOf(res));
        }),
      };
    },
  );
  route({ method: 'delete', path: '/links/{id}', tag: 'links', summary: 'Delete a link', status: 204 }, async (req, res) =>
    tx(async (trx) => {
      const link = await deleteLink(trx, idOf(req), auditOf(res));
      await assertSharedApi(res.locals.user, linkIsPublic(trx, link.from_claim_id, link.to_claim_id));
    }),
  );
}
