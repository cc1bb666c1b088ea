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
import { claimantAliasesOf } from './claimant-alias.repository';
import type { Db } from '../db/connection';

/** Claimants as the API answers them: with their aliases. */
async function withAliases<T extends { id: number }>(db: Db, rows: T[]): Promise<Array<T & { aliases: string[] }>> {
  const aliases = await claimantAliasesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, aliases: aliases.get(r.id) ?? [] }));
}
const withAliasesOne = async <T extends { id: number }>(db: Db, row: T) => (await withAliases(db, [row]))[0]!;

const claimant = {
  name: 'Claimant',
  schema: z.looseObject({
    id: record.id,
    name: z.string(),
    slug: z.string(),
    kind: z.enum(CLAIMANT_KINDS),
    description: record.text,
    aliases: z.array(z.string()).meta({ description: 'Other names and spellings it is known by ("also known as")' }),
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
      summary: 'List claimants (`q`: whose name or an alias contains it; aliases ignore accents)',
      query: searchQuery,
      list: true,
      response: claimant,
    },
    async (req, res) => {
      const p = paged(req);
      const { q } = parse(searchQuery, req.query);
      const publicOnly = !seesDrafts(res.locals.user);
      return {
        data: await withAliases(db, await claimantsPage(db, { ...p, q }, publicOnly)),
        page: p.page,
        per_page: p.per_page,
        total: await countClaimants(db, publicOnly, q),
      };
    },
  );
  route({ method: 'get', path: '/claimants/{id}', tag: 'claimants', summary: 'Read a claimant', response: claimant }, async (req, res) => ({
    data: await withAliasesOne(db, found(await findVisibleClaimant(db, idOf(req), !seesDrafts(res.locals.user)), 'claimant')),
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
      return { data: await tx(async (trx) => withAliasesOne(trx, await insertClaimant(trx, input))) };
    },
  );
  route(
    { method: 'put', path: '/claimants/{id}', tag: 'claimants', summary: 'Update a claimant', body: claimantSchema, response: claimant },
    async (req, res) => {
      const input = parse(claimantSchema, req.body);
      return {
        data: await tx(async (trx) => {
          await assertSharedApi(res.locals.user, claimantInPublicUse(trx, idOf(req)));
          return withAliasesOne(trx, await updateClaimant(trx, idOf(req), input));
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
