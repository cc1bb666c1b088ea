import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/connection';
import { parsePartialDate, type PartialDate } from '../domain/partial-date';
import { matchingIds } from '../db/search-index';
import { parseSearchQuery } from '../search/search-query';
import { claimIsPublic } from '../db/visibility';
import { english } from '../http/localized';

// The filters of the claim list (/claims), shared by its HTML page, its .csv/.json/.xlsx/.md twins,
// the API and the CLI export, so every one of them returns exactly the same rows.

export const CLAIM_SORTS = ['said-desc', 'said-asc', 'updated-desc', 'claimant'] as const;
export type ClaimSort = (typeof CLAIM_SORTS)[number];

// A repeated parameter (?q=a&q=b) arrives as an array: the first one counts.
const first = (v: unknown): unknown => (Array.isArray(v) ? (v as unknown[])[0] : v);

const optionalParam = (max: number) =>
  z.preprocess(
    (v) => (first(v) === '' ? undefined : first(v)),
    z
      .string()
      .trim()
      .max(max, english('validation.param.maxLength', { max: String(max) }))
      .optional(),
  );

const partialDateParam = z.preprocess(
  (v) => (first(v) === undefined || (typeof v === 'string' && v.trim() === '') ? undefined : first(v)),
  z
    .string()
    .trim()
    .refine((s) => parsePartialDate(s) !== null, english('validation.param.partialDate'))
    .optional(),
);

/** Query parameters of a claim list. Unknown parameters are ignored; a bad value is an error naming it. */
export const claimFiltersSchema = z.object({
  q: optionalParam(200),
  verdict: optionalParam(60),
  claimant: optionalParam(120),
  topic: optionalParam(120),
  outlet: optionalParam(200),
  from: partialDateParam,
  to: partialDateParam,
  sort: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(CLAIM_SORTS, { message: english('validation.param.oneOf', { values: CLAIM_SORTS.join(', ') }) }).optional(),
  ),
  page: z.preprocess(
    // Digits only: Number() would also read "0x10" and "1e2" as pages.
    (v) =>
      (typeof v === 'string' && v.trim() === '') || v === undefined
        ? undefined
        : typeof v === 'string' && /^\s*\d+\s*$/.test(v)
          ? Number(v)
          : v,
    z
      .number({ message: english('validation.param.page') })
      .int(english('validation.param.page'))
      .min(1, english('validation.param.atLeastOne'))
      .max(100000)
      .optional(),
  ),
});

export type ClaimFilters = z.infer<typeof claimFiltersSchema> & {
  /** The `topic` slug's id, looked up by withTopicId (null: no such topic); without it the slug is joined. */
  topicId?: number | null;
};
export const FILTER_KEYS = ['q', 'verdict', 'claimant', 'topic', 'outlet', 'from', 'to'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

/** The first day after the period a partial date names: "2025-03" → "2025-04-01". */
export function periodEnd(date: PartialDate): string {
  const [y, m, d] = date.on.split('-').map(Number) as [number, number, number];
  const next =
    date.precision === 'year'
      ? new Date(Date.UTC(y + 1, 0, 1))
      : date.precision === 'month'
        ? new Date(Date.UTC(y, m, 1))
        : new Date(Date.UTC(y, m - 1, d + 1));
  return next.toISOString().slice(0, 10);
}

/** A filter to leave out when counting a facet; `said` stands for the date range (`from` and `to`). */
export type ExceptKey = FilterKey | 'said';

/** Whether the filter `key` is the one left out by `except`. */
export function isExcepted(key: string, except: ExceptKey | undefined): boolean {
  return key === except || (except === 'said' && (key === 'from' || key === 'to'));
}

export interface ClaimQueryOptions {
  /** Readers never see drafts. */
  publicOnly: boolean;
  /** Leave one filter out, to count the values of that facet under all the other filters. */
  except?: ExceptKey;
}

/** The conditions a claim `c` must meet to pass the filters; they name no other table, so any query on `claim as c` can use them. */
export function claimConditions(db: Db, filters: ClaimFilters, { publicOnly, except }: ClaimQueryOptions) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- works on any query that names the claim table `c`
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
    const conditions: Array<Expression<SqlBool>> = [];
    const use = (key: FilterKey) => !isExcepted(key, except) && filters[key] !== undefined;
    if (publicOnly) conditions.push(claimIsPublic('c')(eb));
    if (use('q')) {
      const parsed = parseSearchQuery(filters.q!);
      if (parsed.ok) conditions.push(eb('c.id', 'in', matchingIds(db, 'claim', parsed.query)));
    }
    if (use('verdict')) conditions.push(eb('c.verdict', '=', filters.verdict!));
    if (use('claimant'))
      conditions.push(eb('c.claimant_id', 'in', eb.selectFrom('claimant as fp').select('fp.id').where('fp.slug', '=', filters.claimant!)));
    // Topic and outlet as `id in (…)`: SQLite can then start from the few claims of that topic or
    // outlet (an index range) instead of testing every claim with a correlated `exists`.
    if (use('topic') && filters.topicId === null) conditions.push(sql<SqlBool>`1 = 0`);
    else if (use('topic')) {
      conditions.push(
        eb(
          'c.id',
          'in',
          filters.topicId !== undefined
            ? eb.selectFrom('claim_topic as ft').select('ft.claim_id').where('ft.topic_id', '=', filters.topicId)
            : eb
                .selectFrom('claim_topic as ft')
                .innerJoin('topic as t', 't.id', 'ft.topic_id')
                .select('ft.claim_id')
                .where('t.slug', '=', filters.topic!),
        ),
      );
    }
    if (use('outlet')) {
      conditions.push(
        eb(
          'c.id',
          'in',
          eb
            .selectFrom('citation as fc')
            .innerJoin('source as s', 's.id', 'fc.source_id')
            .select('fc.claim_id')
            .where('s.outlet', '=', filters.outlet!),
        ),
      );
    }
    if (use('from')) conditions.push(eb('c.said_on', '>=', parsePartialDate(filters.from!)!.on));
    if (use('to')) conditions.push(eb('c.said_on', '<', periodEnd(parsePartialDate(filters.to!)!)));
    return eb.and(conditions);
  };
}

/**
 * The filters with the topic's id looked up, for a page of claims in list order. The planner then sees
 * the topic itself, not any topic with that slug, and picks the plan that suits its size (migration
 * 2026_12_01_06_00_00_topic_statistics): a topic of 43,000 claims at a million took 260–400 ms on
 * PostgreSQL, 4–35 ms this way. Counts keep the slug: they read every claim of the topic either way.
 */
export async function withTopicId(db: Db, filters: ClaimFilters): Promise<ClaimFilters> {
  if (filters.topic === undefined || filters.topicId !== undefined) return filters;
  const topic = await db.selectFrom('topic').select('id').where('slug', '=', filters.topic).executeTakeFirst();
  return { ...filters, topicId: topic?.id ?? null };
}

/**
 * The claims that pass the filters, as `claim as c` alone: for counts and id lists (joining the
 * claimant made counting a million claims ten times slower).
 */
export function filteredClaimIds(db: Db, filters: ClaimFilters, options: ClaimQueryOptions) {
  return db.selectFrom('claim as c').where(claimConditions(db, filters, options));
}

/**
 * The claims that pass the filters, as `claim as c` joined with `claimant as p`, with nothing
 * selected yet: callers add columns, order, pages or counts. A search text that is not a valid
 * query must be rejected with parseSearchQuery before calling this.
 */
export function filteredClaims(db: Db, filters: ClaimFilters, options: ClaimQueryOptions) {
  return db
    .selectFrom('claim as c')
    .innerJoin('claimant as p', 'p.id', 'c.claimant_id')
    .where(claimConditions(db, filters, options));
}

export type FilteredClaimsQuery = ReturnType<typeof filteredClaims>;

/**
 * Applies the chosen order; undated claims come last whichever way dates run. (`nulls last` rather
 * than a CASE expression, so the default order can be read from claim_said_order_idx.)
 */
export function orderClaims<Q extends FilteredClaimsQuery>(q: Q, sort: ClaimSort = 'said-desc'): Q {
  switch (sort) {
    case 'said-asc':
      return q.orderBy('c.said_on', (ob) => ob.asc().nullsLast()).orderBy('c.id', 'asc') as Q;
    case 'updated-desc':
      return q.orderBy('c.updated_at', 'desc').orderBy('c.id', 'desc') as Q;
    case 'claimant':
      return q
        .orderBy('p.name', 'asc')
        .orderBy('c.said_on', (ob) => ob.desc().nullsLast())
        .orderBy('c.id', 'desc') as Q;
    default:
      return q.orderBy('c.said_on', (ob) => ob.desc().nullsLast()).orderBy('c.id', 'desc') as Q;
  }
}
