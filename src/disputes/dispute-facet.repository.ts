import type { Db } from '../db/connection';
import { FILTER_KEYS, filteredClaimIds, isExcepted, type ClaimFilters } from '../claims/claim-filter.repository';
import {
  beyondSample,
  countedFacet,
  countKey,
  FACET_SAMPLE,
  facetCounts,
  saidMonth,
  type CountedFacet,
  type FacetCounts,
  type FacetKey,
  type FacetRow,
} from '../claims/claim-facet.repository';
import { StampedCache } from '../db/stamped-cache';
import { filteredDisputes } from './dispute-filter.repository';
import { claimIsPublic } from '../db/visibility';

// Facet counts for the dispute list: a dispute counts once for a value when either side has it.
// Kept until the database changes, like the claim list's.
const counted = new StampedCache<unknown>(1000);

export async function disputeFacetCounts(db: Db, filters: ClaimFilters, { publicOnly }: { publicOnly: boolean }): Promise<FacetCounts> {
  // The disputes passing every filter but one, joined with the claims on their two sides.
  const sides = (except: 'verdict' | 'claimant' | 'topic' | 'outlet' | 'said') => {
    // At most the newest FACET_SAMPLE disputes are counted (see claim-facet.repository.ts).
    const sample = filteredDisputes(db, filters, { publicOnly, except }).select('d.id').orderBy('d.id', 'desc').limit(FACET_SAMPLE);
    let q = db
      .selectFrom('dispute as d')
      .where('d.id', 'in', sample)
      .innerJoin('claim as c', (join) =>
        join.on((eb) => eb.or([eb('c.id', '=', eb.ref('d.claim_a_id')), eb('c.id', '=', eb.ref('d.claim_b_id'))])),
      )
      .innerJoin('claimant as p', 'p.id', 'c.claimant_id');
    if (publicOnly) q = q.where(claimIsPublic('c'));
    // Count a value only on a side that passes the other side filters too: a dispute passes when one
    // side passes all of them, so the value must sit on that side for the click to find the dispute.
    const { q: _text, ...sideFilters } = filters;
    // Only when a side filter is left: otherwise the subquery is every public claim, a million ids
    // gathered before the first count.
    const narrowing = FILTER_KEYS.some((k) => k !== 'q' && sideFilters[k] !== undefined && !isExcepted(k, except));
    return narrowing ? q.where('c.id', 'in', filteredClaimIds(db, sideFilters, { publicOnly, except }).select('c.id')) : q;
  };
  const facet = (key: FacetKey, query: () => Promise<FacetRow[]>) =>
    counted.get(db, countKey(`dispute-facet:${key}`, filters, publicOnly, key), async () =>
      countedFacet(key, await query(), await beyondSample(db, filteredDisputes(db, filters, { publicOnly, except: key }).select('d.id'))),
    ) as Promise<CountedFacet>;
  const count = 'd.id' as const;
  const [verdict, claimant, topic, outlet, said] = await Promise.all([
    facet('verdict', () =>
      sides('verdict')
        .innerJoin('verdict_rating as v', 'v.key', 'c.verdict')
        .select((eb) => ['c.verdict as value', 'v.label as label', eb.fn.count<number>(count).distinct().as('count')])
        .groupBy(['c.verdict', 'v.label'])
        .execute(),
    ),
    facet('claimant', () =>
      sides('claimant')
        .select((eb) => ['p.slug as value', 'p.name as label', eb.fn.count<number>(count).distinct().as('count')])
        .groupBy(['p.slug', 'p.name'])
        .execute(),
    ),
    facet('topic', () =>
      sides('topic')
        .innerJoin('claim_topic as ct', 'ct.claim_id', 'c.id')
        .innerJoin('topic as t', 't.id', 'ct.topic_id')
        .select((eb) => ['t.slug as value', 't.name as label', eb.fn.count<number>(count).distinct().as('count')])
        .groupBy(['t.slug', 't.name'])
        .execute(),
    ),
    facet('outlet', () =>
      sides('outlet')
        .innerJoin('citation as ci', 'ci.claim_id', 'c.id')
        .innerJoin('source as s', 's.id', 'ci.source_id')
        .select((eb) => ['s.outlet as value', 's.outlet as label', eb.fn.count<number>(count).distinct().as('count')])
        .groupBy('s.outlet')
        .execute(),
    ),
    facet('said', () =>
      sides('said')
        .select((eb) => [saidMonth(eb).as('value'), saidMonth(eb).as('label'), eb.fn.count<number>(count).distinct().as('count')])
        .where('c.said_on', 'is not', null)
        .groupBy(saidMonth)
        .execute(),
    ),
  ]);
  return facetCounts({ verdict, claimant, topic, outlet, said });
}
