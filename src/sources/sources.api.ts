import { seesDrafts } from '../accounts/roles';
import { assertSharedApi } from '../editorial/editorial';
import { found, idOf, pageQuery, paged, parse, type ApiDeps, type ApiRoute } from '../http/api-routes';
import {
  countSources,
  deleteSource,
  findVisibleSource,
  insertSource,
  sourceInPublicUse,
  sourcesPage,
  updateSource,
} from './source.repository';
import { sourceSchema } from './source.schema';

/** /api/v1/sources. Sources are public through the claims that cite them: reporters change them only while no published claim does. */
export function sourcesApi(route: ApiRoute, { db, tx }: ApiDeps): void {
  route({ method: 'get', path: '/sources', tag: 'sources', summary: 'List sources', query: pageQuery, list: true }, async (req, res) => {
    const p = paged(req);
    const publicOnly = !seesDrafts(res.locals.user);
    return { data: await sourcesPage(db, p, publicOnly), page: p.page, per_page: p.per_page, total: await countSources(db, publicOnly) };
  });
  route({ method: 'get', path: '/sources/{id}', tag: 'sources', summary: 'Read a source' }, async (req, res) => ({
    data: found(await findVisibleSource(db, idOf(req), !seesDrafts(res.locals.user)), 'source'),
  }));
  route({ method: 'post', path: '/sources', tag: 'sources', summary: 'Create a source', body: sourceSchema, status: 201 }, async (req) => {
    const input = parse(sourceSchema, req.body);
    return { data: await tx((trx) => insertSource(trx, input)) };
  });
  route({ method: 'put', path: '/sources/{id}', tag: 'sources', summary: 'Update a source', body: sourceSchema }, async (req, res) => {
    const input = parse(sourceSchema, req.body);
    return {
      data: await tx(async (trx) => {
        await assertSharedApi(res.locals.user, sourceInPublicUse(trx, idOf(req)));
        return updateSource(trx, idOf(req), input);
      }),
    };
  });
  route({ method: 'delete', path: '/sources/{id}', tag: 'sources', summary: 'Delete a source', status: 204 }, async (req, res) =>
    tx(async (trx) => {
      await assertSharedApi(res.locals.user, sourceInPublicUse(trx, idOf(req)));
      return deleteSource(trx, idOf(req));
    }),
  );
}
