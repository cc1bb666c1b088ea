import { seesDrafts } from '../accounts/roles';
import { assertSharedApi } from '../editorial/editorial';
import { z } from 'zod';
import { CLAIMANT_KINDS } from '../domain/vocabulary';
import { found, idOf, paged, parse, record, searchQuery, type ApiDeps, type ApiRoute } from '../http/api-routes';
import {
  claimantInPublicUse,
  claimantsPage,
  countClaimants,
  deleteClaimant,
  findVisibleClaimant,
  insertClaimant,
  updateClaimant,
} from './claimant.repository';
import { claimantSchema } from './claimant.schema';

const claimant = {
  name: 'Claimant',
  schema: z.looseObject({
    id: record.id,
    name: z.string(),
    slug: z.string(),
    kind: z.enum(CLAIMANT_KINDS),
    description: record.text,
    created_at: record.timestamp,
    updated_at: record.timestamp,
  }),
};

/** /api/v1/claimants. Claimants are public through the claims that use them: reporters change them only while no published claim does. */
export function claimantsApi(route: ApiRoute, { db, tx }: ApiDeps): void {
  route(
    {
      method: 'get',
      path: '/claimants',
      tag: 'claimants',
      summary: 'List claimants (`q`: whose name contains it)',
      query: searchQuery,
      list: true,
      response: claimant,
    },
    async (req, res) => {
      const p = paged(req);
      const { q } = parse(searchQuery, req.query);
      const publicOnly = !seesDrafts(res.locals.user);
      return {
        data: await claimantsPage(db, { ...p, q }, publicOnly),
        page: p.page,
        per_page: p.per_page,
        total: await countClaimants(db, publicOnly, q),
      };
    },
  );
  route({ method: 'get', path: '/claimants/{id}', tag: 'claimants', summary: 'Read a claimant', response: claimant }, async (req, res) => ({
    data: found(await findVisibleClaimant(db, idOf(req), !seesDrafts(res.locals.user)), 'claimant'),
  }));
  route(
    {
      method: 'post',
      path: '/claimants',
      tag: 'claimants',
      summary: 'Create a claimant',
      body: claimantSchema,
      status: 201,
      response: claimant,
    },
    async (req) => {
      const input = parse(claimantSchema, req.body);
      return { data: await tx((trx) => insertClaimant(trx, input)) };
    },
  );
  route(
    { method: 'put', path: '/claimants/{id}', tag: 'claimants', summary: 'Update a claimant', body: claimantSchema, response: claimant },
    async (req, res) => {
      const input = parse(claimantSchema, req.body);
      return {
        data: await tx(async (trx) => {
          await assertSharedApi(res.locals.user, claimantInPublicUse(trx, idOf(req)));
          return updateClaimant(trx, idOf(req), input);
        }),
      };
    },
  );
  route({ method: 'delete', path: '/claimants/{id}', tag: 'claimants', summary: 'Delete a claimant', status: 204 }, async (req, res) =>
    tx(async (trx) => {
      await assertSharedApi(res.locals.user, claimantInPublicUse(trx, idOf(req)));
      return deleteClaimant(trx, idOf(req));
    }),
  );
}
