import { canPublish, seesDrafts, type CurrentUser } from '../accounts/roles';
import { HttpError } from '../http/errors';
import { english } from '../http/localized';
import { actorOf, editorialApi } from '../editorial/editorial';
import { z } from 'zod';
import { CLAIM_KINDS, PROMISE_OUTCOMES, STATES } from '../domain/vocabulary';
import { asInvalid, found, idOf, pageQuery, paged, parse, record, type ApiDeps, type ApiRoute } from '../http/api-routes';
import { countPromises, listPromises } from './promise-list.repository';
import { findOutcome, findPromiseClaim, isPromiseKind, listOutcomeHistory } from './promise-outcome.repository';
import { outcomeSchema } from './promise-outcome.schema';
import { saveOutcome } from './promise-outcome.service';
import { parsePromiseFilters, promiseFiltersSchema } from './promise-params';
import { promiseTable } from './promise.table';
import type { Db } from '../db/connection';

const absolute = z.string().meta({ format: 'uri' });

/** A row of the promise tracker, as /promises.json writes it. */
const promise = {
  name: 'Promise',
  schema: z.looseObject({
    claim_id: record.id,
    url: absolute,
    claimant: z.looseObject({ name: z.string(), slug: z.string(), url: absolute }),
    kind: z.enum(CLAIM_KINDS),
    text: z.string(),
    review_due_on: record.day,
    outcome: z.enum(PROMISE_OUTCOMES).nullable(),
    outcome_on: record.day,
    outcome_rationale: record.text,
    state: z.enum(STATES),
  }),
};

/** A promise's outcome (null fields when none is set yet) with its own history, newest first. */
const outcome = {
  name: 'PromiseOutcome',
  schema: z.looseObject({
    claim_id: record.id,
    review_due_on: record.day,
    outcome: z.enum(PROMISE_OUTCOMES).nullable(),
    rationale: record.text,
    assessed_on: record.day,
    updated_at: record.timestamp.nullable(),
    history: z.array(
      z.looseObject({
        action: z.enum(['create', 'update', 'delete']),
        before_outcome: z.enum(PROMISE_OUTCOMES).nullable(),
        outcome: z.enum(PROMISE_OUTCOMES).nullable(),
        rationale: record.text,
        assessed_on: record.day,
        at: record.timestamp,
        actor_name: record.text,
      }),
    ),
  }),
};

async function outcomeView(db: Db, claimId: number, publicOnly: boolean) {
  const claim = await findPromiseClaim(db, claimId);
  const visible = claim && isPromiseKind(claim.kind) && (!publicOnly || claim.state !== 'draft') ? claim : undefined;
  const c = found(visible, 'claim');
  const [current, history] = await Promise.all([findOutcome(db, c.id), listOutcomeHistory(db, c.id, { publicOnly })]);
  return {
    claim_id: c.id,
    review_due_on: c.review_due_on,
    outcome: current?.outcome ?? null,
    rationale: current?.rationale ?? null,
    assessed_on: current?.assessed_on ?? null,
    updated_at: current?.updated_at ?? null,
    history: history.map(({ action, before_outcome, outcome, rationale, assessed_on, at, actor_name }) => ({
      action,
      before_outcome,
      outcome,
      rationale,
      assessed_on,
      at,
      actor_name,
    })),
  };
}

/** The promise tracker in the API: the list, and a promise's outcome (read by anyone, set by editors). */
export function promisesApi(route: ApiRoute, { db, config, tx }: ApiDeps): void {
  const ctx = { baseUrl: config.baseUrl };
  route(
    {
      method: 'get',
      path: '/promises',
      tag: 'promises',
      summary: 'List promises and predictions with their outcomes',
      query: pageQuery.extend(promiseFiltersSchema.shape),
      list: true,
      response: promise,
    },
    async (req, res) => {
      const filters = parsePromiseFilters(
        { claimant: req.query.claimant, outcome: req.query.outcome, due: req.query.due },
        String(res.locals.locale),
      );
      const p = paged(req);
      const publicOnly = !seesDrafts(res.locals.user);
      const [rows, total] = await Promise.all([
        listPromises(db, filters, { publicOnly, limit: p.limit, offset: p.offset }),
        countPromises(db, filters, { publicOnly }),
      ]);
      return { data: rows.map((r) => promiseTable.json(r, ctx)), page: p.page, per_page: p.per_page, total };
    },
  );
  route(
    {
      method: 'get',
      path: '/claims/{id}/outcome',
      tag: 'promises',
      summary: "Read a promise's outcome and its history",
      response: outcome,
    },
    async (req, res) => ({ data: await outcomeView(db, idOf(req), !seesDrafts(res.locals.user)) }),
  );
  route(
    {
      method: 'put',
      path: '/claims/{id}/outcome',
      tag: 'promises',
      summary: "Set or change a promise's outcome (editors and admins)",
      body: outcomeSchema,
      response: outcome,
    },
    async (req, res) => {
      // The gate before the body: reporters may not set outcomes at all (the authorisation matrix's row).
      if (!canPublish((res.locals.user as CurrentUser).role)) throw new HttpError(403, english('auth.forbidden'), 'forbidden');
      const id = idOf(req);
      const body = parse(outcomeSchema, req.body);
      // A reporter is a 403 (editorialApi); a claim that is not a promise a 422 naming `outcome` (asInvalid).
      await asInvalid(() =>
        editorialApi(res.locals.user, () =>
          tx(async (trx) => {
            const claim = found(await findPromiseClaim(trx, id), 'claim');
            return saveOutcome(trx, actorOf(res), claim, body);
          }),
        ),
      );
      return { data: await outcomeView(db, id, false) };
    },
  );
}
