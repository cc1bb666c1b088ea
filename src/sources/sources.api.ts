import { seesDrafts } from '../accounts/roles';
import { assertSharedApi } from '../editorial/editorial';
import { z } from 'zod';
import { DATE_PRECISIONS } from '../domain/vocabulary';
import { found, idOf, paged, parse, record, searchQuery, type ApiDeps, type ApiRoute } from '../http/api-routes';
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

const source = {
  name: 'Source',
  schema: z.looseObject({
    id: record.id,
    outlet: z.string(),
    title: z.string(),
    url: record.url,
    published_on: record.day.meta({ description: 'YYYY-MM-DD, the first day of the month or year when published_precision says so' }),
    published_precision: z.enum(DATE_PRECISIONS).nullable(),
    language: record.text.meta({ description: 'BCP 47 language tag' }),
    archive_url: record.url,
    retrieved_on: record.day,
    created_at: record.timestamp,
    updated_at: record.timestamp,
  }),
};

/** /api/v1/sources. Sources are public through the claims that cite them: reporters change them only while no published claim does. */
export function sourcesApi(route: ApiRoute, { db, tx }: ApiDeps): void {
  route(
    {
      method: 'get',
      path: '/sources',
      tag: 'sources',
      summary: 'List sources (`q`: in the outlet or title)',
      query: searchQuery,
      list: true,
      response: source,
    },
    async (req, res) => {
      const p = paged(req);
      const { q } = parse(searchQuery, req.query);
      const publicOnly = !seesDrafts(res.locals.user);
      return {
        data: await sourcesPage(db, { ...p, q }, publicOnly),
        page: p.page,
        per_page: p.per_page,
        total: await countSources(db, publicOnly, q),
      };
    },
  );
  route({ method: 'get', path: '/sources/{id}', tag: 'sources', summary: 'Read a source', response: source }, async (req, res) => ({
    data: found(await findVisibleSource(db, idOf(req), !seesDrafts(res.locals.user)), 'source'),
  }));
  route(
    { method: 'post', path: '/sources', tag: 'sources', summary: 'Create a source', body: sourceSchema, status: 201, response: source },
    async (req) => {
      const input = parse(sourceSchema, req.body);
      return { data: await tx((trx) => insertSource(trx, input)) };
    },
  );
  route(
    { method: 'put', path: '/sources/{id}', tag: 'sources', summary: 'Update a source', body: sourceSchema, response: source },
    async (req, res) => {
      const input = parse(sourceSchema, req.body);
      return {
        data: await tx(async (trx) => {
          await assertSharedApi(res.locals.user, sourceInPublicUse(trx, idOf(req)));
          return updateSource(trx, idOf(req), input);
        }),
      };
    },
  );
  route({ method: 'delete', path: '/sources/{id}', tag: 'sources', summary: 'Delete a source', status: 204 }, async (req, res) =>
    tx(async (trx) => {
      await assertSharedApi(res.locals.user, sourceInPublicUse(trx, idOf(req)));
      return deleteSource(trx, idOf(req));
    }),
  );
}
