import { seesDrafts } from '../accounts/roles';
import { assertSharedApi } from '../editorial/editorial';
import { found, idOf, pageQuery, paged, parse, type ApiDeps, type ApiRoute } from '../http/api-routes';
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

/** /api/v1/claimants. Claimants are public through the claims that use them: reporters change them only while no published claim does. */
export function claimantsApi(route: ApiRoute, { db, tx }: ApiDeps): void {
  route(
    { method: 'get', path: '/claimants', tag: 'claimants', summary: 'List claimants', query: pageQuery, list: true },
    async (req, res) => {
      const p = paged(req);
      const publicOnly = !seesDrafts(res.locals.user);
      return {
        data: await claimantsPage(db, p, publicOnly),
        page: p.page,
        per_page: p.per_page,
        total: await countClaimants(db, publicOnly),
      };
    },
  );
  route({ method: 'get', path: '/claimants/{id}', tag: 'claimants', summary: 'Read a claimant' }, async (req, res) => ({
    data: found(await findVisibleClaimant(db, idOf(req), !seesDrafts(res.locals.user)), 'claimant'),
  }));
  route(
    { method: 'post', path: '/claimants', tag: 'claimants', summary: 'Create a claimant', body: claimantSchema, status: 201 },
    async (req) => {
      const input = parse(claimantSchema, req.body);
      return { data: await tx((trx) => insertClaimant(trx, input)) };
    },
  );
  route(
    { method: 'put', path: '/claimants/{id}', tag: 'claimants', summary: 'Update a claimant', body: claimantSchema },
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
