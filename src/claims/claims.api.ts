import type { Response } from 'express';
import { seesDrafts } from '../accounts/roles';
import type { Db } from '../db/connection';
import { actorOf, assertEditorialApi, auditOf, editorialApi } from '../editorial/editorial';
import { withAuthor } from '../editorial/author.repository';
import { checkClaimChange, checkDelete } from '../editorial/editorial-rules';
import { parseListFilters } from './list-params';
import { claimTable } from './claim.table';
import { z } from 'zod';
import { CITATION_ROLES, CLAIM_KINDS, CLAIMANT_KINDS, DATE_PRECISIONS, DISPUTE_STATUSES, LINK_TYPES, STATES } from '../domain/vocabulary';
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
import { HttpError } from '../http/errors';
import { translate } from '../http/i18n';
import { findSourceById } from '../sources/source.repository';
import { deleteCitation, findCitation, insertCitation, listCitations, updateCitation } from './citation.repository';
import { findClaimRecord, findClaimRecords } from './claim-export.repository';
import { countFilteredClaims } from './claim-facet.repository';
import { claimIdsPage, deleteClaim, findClaimById } from './claim.repository';
import { citationSchema, claimSchema } from './claim.schema';
import { claimFormField, saveClaim } from './claim.service';

export const claimUpdateBody = claimSchema.and(versionBody);

const absolute = z.string().meta({ format: 'uri' });

/** The claim as the .json export writes it (claimTable.json), plus `version` when it is one claim. */
const claim = {
  name: 'Claim',
  schema: z.looseObject({
    id: record.id,
    url: absolute,
    claimant: z.looseObject({ name: z.string(), slug: z.string(), kind: z.enum(CLAIMANT_KINDS), url: absolute }),
    text: z.string(),
    quote: record.text,
    quote_language: record.text,
    said_on: record.day.meta({ description: 'YYYY-MM-DD, the first day of the month or year when said_precision says so' }),
    said_precision: z.enum(DATE_PRECISIONS).nullable(),
    said_where: record.text,
    kind: z.enum(CLAIM_KINDS),
    review_due_on: record.day,
    verdict: z.looseObject({
      key: z.string().meta({ description: 'A key of the verdict scale: GET /verdicts lists them' }),
      label: z.string(),
      rationale: record.text,
    }),
    state: z.enum(STATES),
    topics: z.array(z.looseObject({ slug: z.string(), name: z.string(), url: absolute })),
    disputes: z.array(
      z.looseObject({
        slug: z.string(),
        question: z.string(),
        summary: record.text,
        status: z.enum(DISPUTE_STATUSES),
        state: z.enum(STATES),
        side: z.enum(['a', 'b']),
        claim_a_id: record.id,
        claim_b_id: record.id,
        url: absolute,
      }),
    ),
    citations: z.array(
      z.looseObject({
        role: z.enum(CITATION_ROLES),
        excerpt: record.text,
        source: z.looseObject({
          id: record.id,
          outlet: z.string(),
          title: z.string(),
          url: record.url,
          published_on: record.day,
          language: record.text,
          archive_url: record.url,
          retrieved_on: record.day,
          page_url: absolute,
        }),
      }),
    ),
    links: z.array(z.looseObject({ type: z.enum(LINK_TYPES), to_claim_id: record.id, note: record.text, to_claim_url: absolute })),
    created_at: record.timestamp,
    updated_at: record.timestamp,
    version: z.int().positive().optional().meta({ description: 'Send it back with a PUT. In single-claim answers, not in lists.' }),
  }),
};

const citation = {
  name: 'Citation',
  schema: z.looseObject({
    id: record.id,
    claim_id: record.id,
    source_id: record.id,
    role: z.enum(CITATION_ROLES),
    excerpt: record.text,
    created_at: record.timestamp,
  }),
};

/** /api/v1/claims and a claim's citations. Saving goes through saveClaim, as the desk's claim form does. */
export function claimsApi(route: ApiRoute, { db, config, tx }: ApiDeps): void {
  const ctx = { baseUrl: config.baseUrl };
  /** A claim as the API answers it: the export's JSON row plus the `version` to send back with a PUT. */
  const claimData = async (id: number, publicOnly: boolean) => {
    const record = found(await findClaimRecord(db, id, { publicOnly }), 'claim');
    return { ...(claimTable.json(record, ctx) as Record<string, unknown>), version: (await findClaimById(db, id))!.version };
  };
  /** Citations are part of their claim: a reporter changes those of their own draft claims only. */
  const claimForCitation = async (trx: Db, res: Response, claimId: number) => {
    const claim = await withAuthor(trx, 'claim', found(await findClaimById(trx, claimId), 'claim'));
    assertEditorialApi(res.locals.user, checkClaimChange(res.locals.user!, claim, claim));
    return claim;
  };
  /** The source a citation names must exist: a 422 naming the field, never a constraint error. */
  const sourceMustExist = async (trx: Db, res: Response, id: number) => {
    const locale = String(res.locals.locale);
    if (!(await findSourceById(trx, id)))
      throw new HttpError(422, translate(locale, 'api.missingReferences'), 'invalid', {
        source_id: translate(locale, 'api.noSource', { id: String(id) }),
      });
  };

  route(
    {
      method: 'get',
      path: '/claims',
      tag: 'claims',
      summary: 'List claims (the filters of /claims)',
      query: pageQuery,
      list: true,
      filters: true,
      response: claim,
    },
    async (req, res) => {
      const p = paged(req);
      const filters = parseListFilters(req.query, String(res.locals.locale));
      const publicOnly = !seesDrafts(res.locals.user);
      const ids = await claimIdsPage(db, filters, { publicOnly, limit: p.limit, offset: p.offset });
      const total = await countFilteredClaims(db, filters, { publicOnly });
      const data = (await findClaimRecords(db, ids, { publicOnly })).map((record) => claimTable.json(record, ctx));
      return { data, page: p.page, per_page: p.per_page, total };
    },
  );
  route({ method: 'get', path: '/claims/{id}', tag: 'claims', summary: 'Read a claim', response: claim }, async (req, res) => ({
    data: await claimData(idOf(req), !seesDrafts(res.locals.user)),
  }));
  route(
    {
      method: 'post',
      path: '/claims',
      tag: 'claims',
      summary: 'Create a claim with topics and citations',
      body: claimSchema,
      status: 201,
      response: claim,
    },
    async (req, res) => {
      const body = parse(claimSchema, req.body);
      const id = await asInvalid(
        () => editorialApi(res.locals.user, () => tx((trx) => saveClaim(trx, actorOf(res), body))),
        claimFormField,
      );
      return { data: await claimData(id, false) };
    },
  );
  route(
    {
      method: 'put',
      path: '/claims/{id}',
      tag: 'claims',
      summary: 'Update a claim (send the version you edited)',
      body: claimUpdateBody,
      response: claim,
    },
    async (req, res) => {
      const body = parse(claimUpdateBody, req.body);
      const id = idOf(req);
      if (body.link_to_claim !== null) {
        const locale = String(res.locals.locale);
        throw new HttpError(422, translate(locale, 'api.linksByPost'), 'invalid', {
          link_to_claim: translate(locale, 'api.linksByPost.field'),
        });
      }
      const save = () =>
        editorialApi(res.locals.user, () => tx((trx) => saveClaim(trx, actorOf(res), body, { id, version: body.version })));
      await orConflict(
        () => asInvalid(save, claimFormField),
        () => claimData(id, false),
      );
      return { data: await claimData(id, false) };
    },
  );
  route({ method: 'delete', path: '/claims/{id}', tag: 'claims', summary: 'Delete a claim', status: 204 }, async (req, res) =>
    tx(async (trx) => {
      const id = idOf(req);
      const claim = await withAuthor(trx, 'claim', found(await findClaimById(trx, id), 'claim'));
      assertEditorialApi(res.locals.user, checkDelete(res.locals.user!, claim));
      await deleteClaim(trx, id, auditOf(res));
    }),
  );

  // --- citations (of a claim) ---
  route(
    {
      method: 'get',
      path: '/claims/{id}/citations',
      tag: 'citations',
      summary: "List a claim's citations",
      response: citation,
      array: true,
    },
    async (req, res) => {
      const id = idOf(req);
      found(await findClaimRecord(db, id, { publicOnly: !seesDrafts(res.locals.user) }), 'claim');
      return { data: await listCitations(db, id) };
    },
  );
  route(
    {
      method: 'post',
      path: '/claims/{id}/citations',
      tag: 'citations',
      summary: 'Add a citation',
      body: citationSchema,
      status: 201,
      response: citation,
    },
    async (req, res) => {
      const body = parse(citationSchema, req.body);
      const id = idOf(req);
      return {
        data: await tx(async (trx) => {
          await claimForCitation(trx, res, id);
          await sourceMustExist(trx, res, body.source_id);
          return insertCitation(trx, id, body, auditOf(res));
        }),
      };
    },
  );
  route({ method: 'get', path: '/citations/{id}', tag: 'citations', summary: 'Read a citation', response: citation }, async (req, res) => ({
    data: found(await findCitation(db, idOf(req), !seesDrafts(res.locals.user)), 'citation'),
  }));
  route(
    { method: 'put', path: '/citations/{id}', tag: 'citations', summary: 'Update a citation', body: citationSchema, response: citation },
    async (req, res) => {
      const body = parse(citationSchema, req.body);
      return {
        data: await tx(async (trx) => {
          const citation = found(await findCitation(trx, idOf(req)), 'citation');
          await claimForCitation(trx, res, citation.claim_id);
          await sourceMustExist(trx, res, body.source_id);
          return updateCitation(trx, citation.id, body, auditOf(res));
        }),
      };
    },
  );
  route({ method: 'delete', path: '/citations/{id}', tag: 'citations', summary: 'Delete a citation', status: 204 }, async (req, res) =>
    tx(async (trx) => {
      const citation = found(await findCitation(trx, idOf(req)), 'citation');
      await claimForCitation(trx, res, citation.claim_id);
      await deleteCitation(trx, citation.id, auditOf(res));
    }),
  );
}
