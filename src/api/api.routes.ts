import { requireUtf8 } from '../http/body';
import express, { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { claimantIdFor, deleteClaimant, findClaimantById, insertClaimant, updateClaimant } from '../claimants/claimant.repository';
import { claimantSchema } from '../claimants/claimant.schema';
import { filteredClaims, orderClaims } from '../claims/claim-filters';
import { deleteClaim, findClaimById, insertClaim, updateClaim } from '../claims/claim.repository';
import { citationSchema, claimSchema, toClaimInput, type ClaimData } from '../claims/claim.schema';
import { deleteLink, insertLink } from '../claims/link.repository';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { writeQueueFor } from '../db/write-queue';
import { RuleViolation } from '../domain/errors';
import { deleteDispute, findDisputeById, insertDispute, updateDispute } from '../disputes/dispute.repository';
import { disputeSchema, toDisputeInput } from '../disputes/dispute.schema';
import { filteredDisputes } from '../disputes/dispute-filters';
import { findClaimRecord } from '../claims/claim-export.repository';
import { parseListFilters } from '../claims/list-params';
import { claimTable } from '../claims/claim.table';
import { intParam } from '../http/async';
import { HttpError } from '../http/errors';
import { VersionConflict } from '../domain/errors';
import { fieldErrors } from '../http/fields';
import { deleteSource, findSourceById, insertSource, updateSource } from '../sources/source.repository';
import { sourceSchema } from '../sources/source.schema';
import {
  claimantsPage, countVisible, visibleClaimants, visibleSources, deleteCitation, existingIds, findCitation, findLink, insertCitation, listCitations, listLinks,
  sourcesPage, updateCitation, updateLink,
} from './api.repository';
import { claimUpdateBody, disputeUpdateBody, errorBody, linkBody, linkUpdateBody, pageQuery } from './api.schemas';
import { buildOpenApi, type ApiOperation } from './openapi';
import { csrfProtection, requireApiWriter } from '../accounts/auth.middleware';
import { assertEditorialApi, auditOf } from '../editorial/editorial';
import { claimantInPublicUse, linkIsPublic, sourceInPublicUse } from '../claims/claim-usage.repository';
import { checkClaimChange, checkDelete, checkSharedChange } from '../editorial/editorial-rules';
import { seesDrafts } from '../accounts/roles';

/**
 * Writes need a signed-in newsroom user: a bearer token (`Authorization: Bearer gsy_…`, see
 * /desk/tokens) or a browser session with its X-CSRF-Token header; otherwise 401 with the JSON error body.
 */
export const requireWriter: RequestHandler[] = [requireApiWriter(), csrfProtection];

/** Whether this request may see drafts: only signed-in newsroom users (token or session). */
const canSeeDrafts = (_req: Request, res: Response) => seesDrafts(res.locals.user);

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const fields = fieldErrors(result.error);
    throw new HttpError(422, `Please check: ${Object.keys(fields).join(', ')}.`, 'invalid', fields);
  }
  return result.data;
}

function idOf(req: Request, name = 'id'): number {
  const id = intParam(req.params[name]);
  if (id === null) throw new HttpError(404, 'Not found.', 'not_found');
  return id;
}

/**
 * Runs an update; a VersionConflict becomes a 409 whose body holds the record as stored now
 * (`current`), so the client can merge and send again with `current.version`.
 */
async function orConflict<T>(update: () => Promise<T>, current: () => Promise<unknown>): Promise<T> {
  try {
    return await update();
  } catch (err) {
    if (!(err instanceof VersionConflict)) throw err;
    throw new HttpError(
      409,
      `Not saved: the record changed since the version you sent; it is now at version ${err.currentVersion}. Merge your change into "current" and send it with that version.`,
      'version_conflict',
      { version: `The current version is ${err.currentVersion}.` },
      { current: await current() },
    );
  }
}

const found = <T>(row: T | undefined, what: string): T => {
  if (row === undefined) throw new HttpError(404, `No such ${what}.`, 'not_found');
  return row;
};

/** The JSON API under /api/v1; `operations` describes every route for the OpenAPI document. */
export function apiRouter({ db, config }: { db: Db; config: Config }): { router: Router; operations: ApiOperation[] } {
  const router = Router();
  const operations: ApiOperation[] = [];
  const ctx = { baseUrl: config.baseUrl };
  router.use(express.json({ limit: '1mb', verify: requireUtf8 }));

  type Handler = (req: Request, res: Response) => Promise<unknown>;
  const route = (op: ApiOperation, handler: Handler) => {
    operations.push(op);
    const expressPath = op.path.replace(/\{(\w+)\}/g, ':$1');
    const write = op.method !== 'get';
    const run: RequestHandler = async (req, res) => {
      const body = await handler(req, res);
      if (op.status === 204) res.status(204).end();
      else res.status(op.status ?? 200).json(body);
    };
    router[op.method](expressPath, ...(write ? requireWriter : []), run);
  };
  const paged = async (req: Request) => {
    const { page, per_page } = parse(pageQuery, req.query);
    return { page, per_page, limit: per_page, offset: (page - 1) * per_page };
  };
  // Concurrent API writes share commits (group commit); each is still all-or-nothing on its own.
  const writes = writeQueueFor(db);
  const tx = <T>(fn: (trx: Db) => Promise<T>) => writes.run(fn);
  /** A claim as the API answers it: the export's JSON row plus the `version` to send back with a PUT. */
  const claimData = async (id: number, publicOnly: boolean) => {
    const record = found(await findClaimRecord(db, id, { publicOnly }), 'claim');
    return { ...(claimTable.json(record, ctx) as Record<string, unknown>), version: (await findClaimById(db, id))!.version };
  };

  /** Foreign keys a body names must exist: a 422 naming the field, never a constraint error. */
  async function checkRefs(trx: Db, refs: Array<[table: 'claimant' | 'source' | 'claim', id: number, field: string]>) {
    const fields: Record<string, string> = {};
    for (const [table, id, field] of refs) {
      if (!(await existingIds(trx, table, [id])).has(id)) fields[field] = `No ${table} with id ${id}.`;
    }
    if (Object.keys(fields).length) throw new HttpError(422, 'Some references do not exist.', 'invalid', fields);
  }
  /**
   * A repository's RuleViolation while saving a claim or dispute is about a field of the body (a claimant,
   * source, verdict or side that does not exist; a slug in use): a 422 naming it, as the desk shows it.
   */
  async function asInvalid<T>(fn: () => Promise<T>, rename: (field: string) => string = (f) => f): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof RuleViolation) || !err.field) throw err;
      throw new HttpError(422, err.message, 'invalid', { [rename(err.field)]: err.message });
    }
  }
  /** Saves a claim the way the desk's claim form does: the same schema, claimant resolution and link. */
  async function saveClaim(trx: Db, res: Response, body: ClaimData, id?: { id: number; version: number }): Promise<number> {
    const input = toClaimInput(body, await claimantIdFor(trx, body));
    const user = res.locals.user;
    const before = id ? found(await findClaimById(trx, id.id), 'claim') : null;
    assertEditorialApi(user, checkClaimChange(user!.role, before, input));
    if (id) return (await updateClaim(trx, id.id, id.version, input, auditOf(res))).id;
    const row = await insertClaim(trx, input, auditOf(res));
    if (body.link_to_claim !== null) {
      await insertLink(trx, { from_claim_id: row.id, to_claim_id: body.link_to_claim, type: body.link_type }, auditOf(res));
    }
    return row.id;
  }
  /** Citations are part of their claim: a reporter changes those of draft claims only. */
  async function claimForCitation(trx: Db, res: Response, claimId: number) {
    const claim = found(await findClaimById(trx, claimId), 'claim');
    assertEditorialApi(res.locals.user, checkClaimChange(res.locals.user!.role, claim, claim));
    return claim;
  }
  const claimField = (f: string) => (f === 'to_claim' ? 'link_to_claim' : f === 'name' ? 'new_claimant_name' : f);

  // --- claimants ---
  route({ method: 'get', path: '/claimants', tag: 'claimants', summary: 'List claimants', query: pageQuery, list: true }, async (req, res) => {
    const p = await paged(req);
    const publicOnly = !canSeeDrafts(req, res);
    return { data: await claimantsPage(db, p, publicOnly), page: p.page, per_page: p.per_page, total: await countVisible(db, 'claimants', publicOnly) };
  });
  route({ method: 'get', path: '/claimants/{id}', tag: 'claimants', summary: 'Read a claimant' }, async (req, res) => ({
    data: found(await visibleClaimants(db, !canSeeDrafts(req, res)).selectAll('claimant').where('claimant.id', '=', idOf(req)).executeTakeFirst(), 'claimant'),
  }));
  route({ method: 'post', path: '/claimants', tag: 'claimants', summary: 'Create a claimant', body: claimantSchema, status: 201 }, async (req) => {
    const input = parse(claimantSchema, req.body);
    return { data: await tx((trx) => insertClaimant(trx, input)) };
  });
  // Claimants, sources and links are public through the claims that use them: reporters change them only while no published claim does.
  const shared = async (res: Response, inPublicUse: Promise<boolean>) => assertEditorialApi(res.locals.user, checkSharedChange(res.locals.user!.role, await inPublicUse));
  route({ method: 'put', path: '/claimants/{id}', tag: 'claimants', summary: 'Update a claimant', body: claimantSchema }, async (req, res) => {
    const input = parse(claimantSchema, req.body);
    return { data: await tx(async (trx) => {
      await shared(res, claimantInPublicUse(trx, idOf(req)));
      return updateClaimant(trx, idOf(req), input);
    }) };
  });
  route({ method: 'delete', path: '/claimants/{id}', tag: 'claimants', summary: 'Delete a claimant', status: 204 }, async (req, res) =>
    tx(async (trx) => {
      await shared(res, claimantInPublicUse(trx, idOf(req)));
      return deleteClaimant(trx, idOf(req));
    }));

  // --- sources ---
  route({ method: 'get', path: '/sources', tag: 'sources', summary: 'List sources', query: pageQuery, list: true }, async (req, res) => {
    const p = await paged(req);
    const publicOnly = !canSeeDrafts(req, res);
    return { data: await sourcesPage(db, p, publicOnly), page: p.page, per_page: p.per_page, total: await countVisible(db, 'sources', publicOnly) };
  });
  route({ method: 'get', path: '/sources/{id}', tag: 'sources', summary: 'Read a source' }, async (req, res) => ({
    data: found(await visibleSources(db, !canSeeDrafts(req, res)).selectAll('source').where('source.id', '=', idOf(req)).executeTakeFirst(), 'source'),
  }));
  route({ method: 'post', path: '/sources', tag: 'sources', summary: 'Create a source', body: sourceSchema, status: 201 }, async (req) => {
    const input = parse(sourceSchema, req.body);
    return { data: await tx((trx) => insertSource(trx, input)) };
  });
  route({ method: 'put', path: '/sources/{id}', tag: 'sources', summary: 'Update a source', body: sourceSchema }, async (req, res) => {
    const input = parse(sourceSchema, req.body);
    return { data: await tx(async (trx) => {
      await shared(res, sourceInPublicUse(trx, idOf(req)));
      return updateSource(trx, idOf(req), input);
    }) };
  });
  route({ method: 'delete', path: '/sources/{id}', tag: 'sources', summary: 'Delete a source', status: 204 }, async (req, res) =>
    tx(async (trx) => {
      await shared(res, sourceInPublicUse(trx, idOf(req)));
      return deleteSource(trx, idOf(req));
    }));

  // --- claims ---
  route({ method: 'get', path: '/claims', tag: 'claims', summary: 'List claims (the filters of /claims)', query: pageQuery, list: true, filters: true }, async (req, res) => {
    const p = await paged(req);
    const filters = parseListFilters(req.query);
    const publicOnly = !canSeeDrafts(req, res);
    const ids = await orderClaims(filteredClaims(db, filters, { publicOnly }).select('c.id'), filters.sort).limit(p.limit).offset(p.offset).execute();
    const { n } = await filteredClaims(db, filters, { publicOnly }).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const data = [];
    for (const { id } of ids) data.push(claimTable.json((await findClaimRecord(db, id, { publicOnly }))!, ctx));
    return { data, page: p.page, per_page: p.per_page, total: Number(n) };
  });
  route({ method: 'get', path: '/claims/{id}', tag: 'claims', summary: 'Read a claim' }, async (req, res) => ({
    data: await claimData(idOf(req), !canSeeDrafts(req, res)),
  }));
  route({ method: 'post', path: '/claims', tag: 'claims', summary: 'Create a claim with topics and citations', body: claimSchema, status: 201 }, async (req, res) => {
    const body = parse(claimSchema, req.body);
    const id = await asInvalid(() => tx((trx) => saveClaim(trx, res, body)), claimField);
    return { data: await claimData(id, false) };
  });
  route({ method: 'put', path: '/claims/{id}', tag: 'claims', summary: 'Update a claim (send the version you edited)', body: claimUpdateBody }, async (req, res) => {
    const body = parse(claimUpdateBody, req.body);
    const id = idOf(req);
    if (body.link_to_claim !== null) {
      throw new HttpError(422, 'Add links with POST /links.', 'invalid', { link_to_claim: 'A claim’s links are added with POST /links, not by an update.' });
    }
    await orConflict(() => asInvalid(() => tx((trx) => saveClaim(trx, res, body, { id, version: body.version })), claimField), () => claimData(id, false));
    return { data: await claimData(id, false) };
  });
  route({ method: 'delete', path: '/claims/{id}', tag: 'claims', summary: 'Delete a claim', status: 204 }, async (req, res) => tx(async (trx) => {
    const id = idOf(req);
    assertEditorialApi(res.locals.user, checkDelete(res.locals.user!.role, found(await findClaimById(trx, id), 'claim')));
    await deleteClaim(trx, id, auditOf(res));
  }));

  // --- citations (of a claim) ---
  route({ method: 'get', path: '/claims/{id}/citations', tag: 'citations', summary: "List a claim's citations" }, async (req, res) => {
    const id = idOf(req);
    found(await findClaimRecord(db, id, { publicOnly: !canSeeDrafts(req, res) }), 'claim');
    return { data: await listCitations(db, id) };
  });
  route({ method: 'post', path: '/claims/{id}/citations', tag: 'citations', summary: 'Add a citation', body: citationSchema, status: 201 }, async (req, res) => {
    const body = parse(citationSchema, req.body);
    const id = idOf(req);
    return {
      data: await tx(async (trx) => {
        await claimForCitation(trx, res, id);
        await checkRefs(trx, [['source', body.source_id, 'source_id']]);
        return insertCitation(trx, id, body, auditOf(res));
      }),
    };
  });
  route({ method: 'get', path: '/citations/{id}', tag: 'citations', summary: 'Read a citation' }, async (req, res) => ({
    data: found(await findCitation(db, idOf(req), !canSeeDrafts(req, res)), 'citation'),
  }));
  route({ method: 'put', path: '/citations/{id}', tag: 'citations', summary: 'Update a citation', body: citationSchema }, async (req, res) => {
    const body = parse(citationSchema, req.body);
    return {
      data: await tx(async (trx) => {
        const citation = found(await findCitation(trx, idOf(req)), 'citation');
        await claimForCitation(trx, res, citation.claim_id);
        await checkRefs(trx, [['source', body.source_id, 'source_id']]);
        return updateCitation(trx, citation.id, body, auditOf(res));
      }),
    };
  });
  route({ method: 'delete', path: '/citations/{id}', tag: 'citations', summary: 'Delete a citation', status: 204 }, async (req, res) => tx(async (trx) => {
    const citation = found(await findCitation(trx, idOf(req)), 'citation');
    await claimForCitation(trx, res, citation.claim_id);
    await deleteCitation(trx, citation.id, auditOf(res));
  }));

  // --- links ---
  route({ method: 'get', path: '/links', tag: 'links', summary: 'List links', query: pageQuery, list: true }, async (req, res) => {
    const p = await paged(req);
    const publicOnly = !canSeeDrafts(req, res);
    return { data: await listLinks(db, p, publicOnly), page: p.page, per_page: p.per_page, total: await countVisible(db, 'links', publicOnly) };
  });
  route({ method: 'get', path: '/links/{id}', tag: 'links', summary: 'Read a link' }, async (req, res) => ({
    data: found(await findLink(db, idOf(req), !canSeeDrafts(req, res)), 'link'),
  }));
  route({ method: 'post', path: '/links', tag: 'links', summary: 'Link two claims', body: linkBody, status: 201 }, async (req, res) => {
    const body = parse(linkBody, req.body);
    return {
      data: await tx(async (trx) => {
        await shared(res, linkIsPublic(trx, body.from_claim, body.to_claim));
        return insertLink(trx, { from_claim_id: body.from_claim, to_claim_id: body.to_claim, type: body.type, note: body.note }, auditOf(res));
      }),
    };
  });
  route({ method: 'put', path: '/links/{id}', tag: 'links', summary: "Change a link's type or note", body: linkUpdateBody }, async (req, res) => {
    const body = parse(linkUpdateBody, req.body);
    return {
      data: await tx(async (trx) => {
        const link = found(await findLink(trx, idOf(req)), 'link');
        await shared(res, linkIsPublic(trx, link.from_claim_id, link.to_claim_id));
        return updateLink(trx, link.id, body, auditOf(res));
      }),
    };
  });
  route({ method: 'delete', path: '/links/{id}', tag: 'links', summary: 'Delete a link', status: 204 }, async (req, res) => tx(async (trx) => {
    const link = await deleteLink(trx, idOf(req), auditOf(res));
    await shared(res, linkIsPublic(trx, link.from_claim_id, link.to_claim_id));
  }));

  // --- disputes ---
  route({ method: 'get', path: '/disputes', tag: 'disputes', summary: 'List disputes (the filters of /disputes)', query: pageQuery, list: true, filters: true }, async (req, res) => {
    const p = await paged(req);
    const filters = parseListFilters(req.query);
    const publicOnly = !canSeeDrafts(req, res);
    const data = await filteredDisputes(db, filters, { publicOnly }).selectAll('d').orderBy('d.updated_at', 'desc').orderBy('d.id', 'desc').limit(p.limit).offset(p.offset).execute();
    const { n } = await filteredDisputes(db, filters, { publicOnly }).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { data, page: p.page, per_page: p.per_page, total: Number(n) };
  });
  route({ method: 'get', path: '/disputes/{id}', tag: 'disputes', summary: 'Read a dispute' }, async (req, res) => ({
    data: found(await findDisputeById(db, idOf(req), { publicOnly: !canSeeDrafts(req, res) }), 'dispute'),
  }));
  route({ method: 'post', path: '/disputes', tag: 'disputes', summary: 'Create a dispute', body: disputeSchema, status: 201 }, async (req, res) => {
    const input = toDisputeInput(parse(disputeSchema, req.body));
    assertEditorialApi(res.locals.user, checkClaimChange(res.locals.user!.role, null, input));
    return { data: await asInvalid(() => tx((trx) => insertDispute(trx, input, auditOf(res)))) };
  });
  route({ method: 'put', path: '/disputes/{id}', tag: 'disputes', summary: 'Update a dispute (send the version you edited)', body: disputeUpdateBody }, async (req, res) => {
    const body = parse(disputeUpdateBody, req.body);
    const id = idOf(req);
    const input = toDisputeInput(body);
    const save = async (trx: Db) => {
      assertEditorialApi(res.locals.user, checkClaimChange(res.locals.user!.role, found(await findDisputeById(trx, id), 'dispute'), input));
      return updateDispute(trx, id, body.version, input, auditOf(res));
    };
    return { data: await orConflict(() => asInvalid(() => tx(save)), () => findDisputeById(db, id)) };
  });
  route({ method: 'delete', path: '/disputes/{id}', tag: 'disputes', summary: 'Delete a dispute', status: 204 }, async (req, res) => tx(async (trx) => {
    const id = idOf(req);
    assertEditorialApi(res.locals.user, checkDelete(res.locals.user!.role, found(await findDisputeById(trx, id), 'dispute')));
    await deleteDispute(trx, id, auditOf(res));
  }));

  const document = buildOpenApi(operations, config, errorBody);
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.use((_req, _res, next) => next(new HttpError(404, 'There is no API route at this address.', 'not_found')));
  return { router, operations };
}
