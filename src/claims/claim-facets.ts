import type { ExpressionBuilder } from 'kysely';
import type { Db } from '../db/connection';
import type { Claim } from '../db/schema';
import { StampedCache } from '../db/stamped-cache';
import { FILTER_KEYS, filteredClaims, isExcepted, type ClaimFilters, type ExceptKey } from './claim-filters';

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

export type FacetCounts = Record<FacetKey, FacetValue[]>;

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

/** The month a claim was said in, "2025-03" (substr is portable to PostgreSQL). */
export function saidMonth(eb: ExpressionBuilder<{ c: Claim }, 'c'>) {
  return eb.fn<string>('substr', ['c.said_on', eb.val(1), eb.val(7)]);
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
    filteredClaims(db, filters, { publicOnly }).select((eb) => eb.fn.countAll<number>().as('total')).execute(),
  )) as Array<{ total: number | bigint }>;
  return Number(row?.total ?? 0);
}

/** How many claims each verdict, claimant, topic and outlet has among the claims passing the other filters. */
export async function claimFacetCounts(db: Db, filters: ClaimFilters, { publicOnly }: { publicOnly: boolean }): Promise<FacetCounts> {
  type Row = { value: string | null; label: string | null; count: number | string | bigint };
  const facet = (key: FacetKey, query: () => Promise<Row[]>) =>
    counted.get(db, countKey(`facet:${key}`, filters, publicOnly, key), async () => {
      const values = facetRows(await query());
      return key === 'said' ? byMonth(values) : values;
    }) as Promise<FacetValue[]>;
  const [verdict, claimant, topic, outlet, said] = await Promise.all([
    facet('verdict', () => filteredClaims(db, filters, { publicOnly, except: 'verdict' })
      .innerJoin('verdict_rating as v', 'v.key', 'c.verdict')
      .select((eb) => ['c.verdict as value', 'v.label as label', eb.fn.countAll<number>().as('count')])
      .groupBy(['c.verdict', 'v.label'])
      .execute()),
    facet('claimant', () => filteredClaims(db, filters, { publicOnly, except: 'claimant' })
      .select((eb) => ['p.slug as value', 'p.name as label', eb.fn.countAll<number>().as('count')])
      .groupBy(['p.slug', 'p.name'])
      .execute()),
    facet('topic', () => filteredClaims(db, filters, { publicOnly, except: 'topic' })
      .innerJoin('claim_topic as ct', 'ct.claim_id', 'c.id')
      .innerJoin('topic as t', 't.id', 'ct.topic_id')
      .select((eb) => ['t.slug as value', 't.name as label', eb.fn.count<number>('c.id').distinct().as('count')])
      .groupBy(['t.slug', 't.name'])
      .execute()),
    facet('outlet', () => filteredClaims(db, filters, { publicOnly, except: 'outlet' })
      .innerJoin('citation as ci', 'ci.claim_id', 'c.id')
      .innerJoin('source as s', 's.id', 'ci.source_id')
      .select((eb) => ['s.outlet as value', 's.outlet as label', eb.fn.count<number>('c.id').distinct().as('count')])
      .groupBy('s.outlet')
      .execute()),
    facet('said', () => filteredClaims(db, filters, { publicOnly, except: 'said' })
      .select((eb) => [saidMonth(eb).as('value'), saidMonth(eb).as('label'), eb.fn.countAll<number>().as('count')])
      .where('c.said_on', 'is not', null)
      .groupBy(saidMonth)
      .execute()),
  ]);
  return { verdict, claimant, topic, outlet, said };
}
