import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { Db } from '../db/connection';
import type { Claim, DB } from '../db/schema';
import { StampedCache } from '../db/stamped-cache';
import { FILTER_KEYS, filteredClaimIds, isExcepted, type ClaimFilters, type ExceptKey } from './claim-filter.repository';

// Facet counts for the claim list, Datasette-style: each facet is counted under all the OTHER
// filters, so its values show what choosing them would give. One GROUP BY query per facet.

export const FACET_KEYS = ['verdict', 'claimant', 'topic', 'outlet', 'said'] as const;
export type FacetKey = (typeof FACET_KEYS)[number];

export interface FacetValue {
  /** The query parameter value (a verdict key, a claimant or topic slug, an outlet name, a month YYYY-MM). */
  value: string;
  label: string;
  count: number;
}

/** Counts per facet; `sampled` names the facets counted over the latest FACET_SAMPLE items only. */
export type FacetCounts = Record<FacetKey, FacetValue[]> & { sampled?: FacetKey[] };

// One collator for every sort: String#localeCompare builds a new one per call, and a claimant facet
// over a large archive sorts tens of thousands of values.
const collator = new Intl.Collator('en');
const byCountThenLabel = (a: FacetValue, b: FacetValue) => b.count - a.count || collator.compare(a.label, b.label);

/** Query rows as facet values, most frequent first. */
export function facetRows(list: Array<{ value: string | null; label: string | null; count: number | string | bigint }>): FacetValue[] {
  return list
    .filter((r) => r.value !== null)
    .map((r) => ({ value: String(r.value), label: String(r.label ?? r.value), count: Number(r.count) }))
    .sort(byCountThenLabel);
}

/**
 * The month a claim was said in, "2025-03" (substr is portable to PostgreSQL). The positions are literals,
 * not bound values: PostgreSQL matches a selected expression with its GROUP BY only when they are the same
 * SQL, and two bindings of 1 and 7 are different parameters ($1 and $5).
 */
export function saidMonth(eb: ExpressionBuilder<{ c: Claim }, 'c'>) {
  return eb.fn<string>('substr', ['c.said_on', eb.lit(1), eb.lit(7)]);
}

/** Months read best in time order, newest first, rather than by count. */
export function byMonth(values: FacetValue[]): FacetValue[] {
  return [...values].sort((a, b) => b.value.localeCompare(a.value));
}

// Counting a facet over a large archive reads many rows, and the same counts serve every page, sort
// and neighbouring view with those filters: they are kept until the database changes.
const counted = new StampedCache<unknown>(1000);

/** A cache key for counts under these filters: only the filters that narrow them, in a fixed order. */
export function countKey(name: string, filters: ClaimFilters, publicOnly: boolean, except?: ExceptKey): string {
  const used = FILTER_KEYS.filter((k) => filters[k] !== undefined && !isExcepted(k, except)).map((k) => [k, filters[k]]);
  return JSON.stringify([name, publicOnly, used]);
}

/** The number of claims passing every filter, kept like the facet counts. */
export async function countFilteredClaims(db: Db, filters: ClaimFilters, { publicOnly }: { publicOnly: boolean }): Promise<number> {
  const [row] = (await counted.get(db, countKey('total', filters, publicOnly), () =>
    filteredClaimIds(db, filters, { publicOnly })
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .execute(),
  )) as Array<{ total: number | bigint }>;
  return Number(row?.total ?? 0);
}

/**
 * Facets count at most this many claims: the most recently added of the set each one describes. Up to
 * here the counts are exact; beyond it (the unfiltered list of a million claims) counting every claim
 * took seconds per facet, so the counts describe the latest additions and the page says so.
 */
export const FACET_SAMPLE = 20_000;

/** The claims a facet counts: those passing the other filters, the newest FACET_SAMPLE of them at most. */
function facetBase(db: Db, filters: ClaimFilters, publicOnly: boolean, except: ExceptKey) {
  const sample = filteredClaimIds(db, filters, { publicOnly, except }).select('c.id').orderBy('c.id', 'desc').limit(FACET_SAMPLE);
  return db.selectFrom('claim as c').innerJoin('claimant as p', 'p.id', 'c.claimant_id').where('c.id', 'in', sample);
}

/** Whether the ids a query selects outnumber FACET_SAMPLE (a count that stops one past it). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any query selecting one id column
export async function beyondSample(db: Db, ids: SelectQueryBuilder<DB, any, any>): Promise<boolean> {
  const rows = await db
    .selectFrom(ids.limit(FACET_SAMPLE + 1).as('s'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .execute();
  return Number(rows[0]?.n ?? 0) > FACET_SAMPLE;
}

export type FacetRow = { value: string | null; label: string | null; count: number | string | bigint };
export interface CountedFacet {
  values: FacetValue[];
  sampled: boolean;
}

/** A facet's rows as listed (most frequent first; months by date), and whether they describe a sample. */
export function countedFacet(key: FacetKey, rows: FacetRow[], sampled: boolean): CountedFacet {
  const values = facetRows(rows);
  return { values: key === 'said' ? byMonth(values) : values, sampled };
}

/** The five counted facets as the lists show them. */
export function facetCounts(all: Record<FacetKey, CountedFacet>): FacetCounts {
  return {
    verdict: all.verdict.values,
    claimant: all.claimant.values,
    topic: all.topic.values,
    outlet: all.outlet.values,
    said: all.said.values,
    sampled: FACET_KEYS.filter((k) => all[k].sampled),
  };
}

/** How many claims each verdict, claimant, topic and outlet has among the claims passing the other filters. */
export async function claimFacetCounts(db: Db, filters: ClaimFilters, { publicOnly }: { publicOnly: boolean }): Promise<FacetCounts> {
  const facet = (key: FacetKey, query: () => Promise<FacetRow[]>) =>
    counted.get(db, countKey(`facet:${key}`, filters, publicOnly, key), async () =>
      countedFacet(key, await query(), await beyondSample(db, filteredClaimIds(db, filters, { publicOnly, except: key }).select('c.id'))),
    ) as Promise<CountedFacet>;
  const base = (key: FacetKey) => facetBase(db, filters, publicOnly, key);
  const [verdict, claimant, topic, outlet, said] = await Promise.all([
    facet('verdict', () =>
      base('verdict')
        .innerJoin('verdict_rating as v', 'v.key', 'c.verdict')
        .select((eb) => ['c.verdict as value', 'v.label as label', eb.fn.countAll<number>().as('count')])
        .groupBy(['c.verdict', 'v.label'])
        .execute(),
    ),
    facet('claimant', () =>
      base('claimant')
        .select((eb) => ['p.slug as value', 'p.name as label', eb.fn.countAll<number>().as('count')])
        .groupBy(['p.slug', 'p.name'])
        .execute(),
    ),
    facet('topic', () =>
      base('topic')
        .innerJoin('claim_topic as ct', 'ct.claim_id', 'c.id')
        .innerJoin('topic as t', 't.id', 'ct.topic_id')
        .select((eb) => ['t.slug as value', 't.name as label', eb.fn.count<number>('c.id').distinct().as('count')])
        .groupBy(['t.slug', 't.name'])
        .execute(),
    ),
    facet('outlet', () =>
      base('outlet')
        .innerJoin('citation as ci', 'ci.claim_id', 'c.id')
        .innerJoin('source as s', 's.id', 'ci.source_id')
        .select((eb) => ['s.outlet as value', 's.outlet as label', eb.fn.count<number>('c.id').distinct().as('count')])
        .groupBy('s.outlet')
        .execute(),
    ),
    facet('said', () =>
      base('said')
        .select((eb) => [saidMonth(eb).as('value'), saidMonth(eb).as('label'), eb.fn.countAll<number>().as('count')])
        .where('c.said_on', 'is not', null)
        .groupBy(saidMonth)
        .execute(),
    ),
  ]);
  return facetCounts({ verdict, claimant, topic, outlet, said });
}
