import { sql } from 'kysely';
import type { Db } from '../db/connection';
import { StampedCache } from '../db/stamped-cache';
import { claimIsPublic } from '../db/visibility';
import { PROMISE_KINDS } from '../domain/vocabulary';

// The promise tracker's list (/promises, its table twins, GET /api/v1/promises): published promises and
// predictions with their outcome, filtered by claimant, outcome and the month they are due, and the
// facet counts of those three. Promises are a small share of the claims, so counts are exact.

/** `outcome` is an outcome key, or `none` for promises without one yet; `due` is a month, YYYY-MM. */
export interface PromiseFilters {
  claimant?: string | undefined;
  outcome?: string | undefined;
  due?: string | undefined;
}

export const PROMISE_FILTER_KEYS = ['claimant', 'outcome', 'due'] as const;
export type PromiseFilterKey = (typeof PROMISE_FILTER_KEYS)[number];

/** The value of the outcome filter and facet for a promise that has no outcome yet. */
export const NO_OUTCOME = 'none';

export interface PromiseRecord {
  id: number;
  text: string;
  kind: string;
  state: string;
  said_on: string | null;
  said_precision: string | null;
  review_due_on: string | null;
  claimant_name: string;
  claimant_slug: string;
  verdict: string;
  verdict_label: string;
  outcome: string | null;
  outcome_rationale: string | null;
  assessed_on: string | null;
  outcome_updated_at: string | null;
}

interface Options {
  publicOnly?: boolean;
}

function base(db: Db, filters: PromiseFilters, { publicOnly = true }: Options, skip?: PromiseFilterKey) {
  let q = db
    .selectFrom('claim as c')
    .innerJoin('claimant as p', 'p.id', 'c.claimant_id')
    .leftJoin('promise_outcome as o', 'o.claim_id', 'c.id')
    .where('c.kind', 'in', [...PROMISE_KINDS]);
  if (publicOnly) q = q.where(claimIsPublic('c'));
  if (filters.claimant !== undefined && skip !== 'claimant') q = q.where('p.slug', '=', filters.claimant);
  if (filters.outcome !== undefined && skip !== 'outcome') {
    q = filters.outcome === NO_OUTCOME ? q.where('o.outcome', 'is', null) : q.where('o.outcome', '=', filters.outcome);
  }
  if (filters.due !== undefined && skip !== 'due') {
    // Text dates compare as dates: every day of the month lies between -01 and -31.
    q = q.where('c.review_due_on', '>=', `${filters.due}-01`).where('c.review_due_on', '<=', `${filters.due}-31`);
  }
  return q;
}

/** The matching promises, the ones due soonest… latest first (those without a due date last). */
export async function listPromises(
  db: Db,
  filters: PromiseFilters,
  { limit, offset = 0, ...options }: Options & { limit: number; offset?: number },
): Promise<PromiseRecord[]> {
  return base(db, filters, options)
    .innerJoin('verdict_rating as v', 'v.key', 'c.verdict')
    .select([
      'c.id',
      'c.text',
      'c.kind',
      'c.state',
      'c.said_on',
      'c.said_precision',
      'c.review_due_on',
      'p.name as claimant_name',
      'p.slug as claimant_slug',
      'c.verdict',
      'v.label as verdict_label',
      'o.outcome',
      'o.rationale as outcome_rationale',
      'o.assessed_on',
      'o.updated_at as outcome_updated_at',
    ])
    .orderBy('c.review_due_on', (ob) => ob.desc().nullsLast())
    .orderBy('c.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

// Counting a prolific claimant's promises reads all they said: kept like the claim list's totals.
const counted = new StampedCache<number>(500);

export async function countPromises(db: Db, filters: PromiseFilters, options: Options = {}): Promise<number> {
  const key = JSON.stringify([options.publicOnly ?? true, filters.claimant, filters.outcome, filters.due]);
  return counted.get(db, key, async () => {
    const row = await base(db, filters, options)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  });
}

/** Every matching promise, a chunk at a time, for the table twins. */
export async function* promiseBatches(db: Db, filters: PromiseFilters, options: Options = {}, chunkSize = 1000) {
  for (let offset = 0; ; offset += chunkSize) {
    const rows = await listPromises(db, filters, { ...options, limit: chunkSize, offset });
    if (rows.length) yield rows;
    if (rows.length < chunkSize) return;
  }
}

export interface PromiseFacetValue {
  value: string;
  label: string;
  count: number;
}

/** Each facet counted under the other two filters (Datasette-style). */
export async function promiseFacetCounts(db: Db, filters: PromiseFilters): Promise<Record<PromiseFilterKey, PromiseFacetValue[]>> {
  const [claimant, outcome, due] = await Promise.all([
    base(db, filters, {}, 'claimant')
      .select((eb) => ['p.slug as value', 'p.name as label', eb.fn.countAll<number>().as('count')])
      .groupBy(['p.slug', 'p.name'])
      .orderBy('count', 'desc')
      .orderBy('p.name')
      .execute(),
    base(db, filters, {}, 'outcome')
      .select((eb) => [eb.fn.coalesce('o.outcome', sql<string>`${NO_OUTCOME}`).as('value'), eb.fn.countAll<number>().as('count')])
      .groupBy('o.outcome')
      .execute(),
    base(db, filters, {}, 'due')
      .where('c.review_due_on', 'is not', null)
      .select((eb) => [sql<string>`substr(c.review_due_on, 1, 7)`.as('value'), eb.fn.countAll<number>().as('count')])
      .groupBy(sql`substr(c.review_due_on, 1, 7)`)
      .orderBy('value', 'desc')
      .execute(),
  ]);
  return {
    claimant: claimant.map((r) => ({ value: r.value, label: r.label, count: Number(r.count) })),
    outcome: outcome.map((r) => ({ value: r.value, label: r.value, count: Number(r.count) })),
    due: due.map((r) => ({ value: r.value, label: r.value, count: Number(r.count) })),
  };
}
