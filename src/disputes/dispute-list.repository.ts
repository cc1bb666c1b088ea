import type { ClaimFilters } from '../claims/claim-filter.repository';
import { countKey } from '../claims/claim-facet.repository';
import { PAGE_SIZE } from '../claims/list-params';
import type { Db } from '../db/connection';
import { StampedCache } from '../db/stamped-cache';
import { disputeConditions, filteredDisputes } from './dispute-filter.repository';
import type { DisputeRow } from './dispute.repository';

// The queries behind the reader's dispute list and the home page. Readers never see drafts.

const offsetOf = (filters: ClaimFilters) => ((filters.page ?? 1) - 1) * PAGE_SIZE;

export interface DisputeSummary {
  id: number;
  slug: string;
  question: string;
  status: string;
  state: string;
  a_text: string;
  a_name: string;
  a_slug: string;
  a_verdict: string;
  a_verdict_label: string;
  b_text: string;
  b_name: string;
  b_slug: string;
  b_verdict: string;
  b_verdict_label: string;
}

/**
 * Disputes with both sides' text, claimant and verdict. `bySideA`, for the order by when side A was said: the query
 * starts from side A's claims in date order (claim_said_order_idx) and stops after a page; CROSS JOIN
 * is how SQLite is told to keep that join order (on PostgreSQL it is an inner join like any other).
 */
function disputeSummaries(db: Db, filters: ClaimFilters, bySideA: boolean) {
  const base = bySideA
    ? db
        .selectFrom('claim as a')
        .crossJoin('dispute as d')
        .whereRef('d.claim_a_id', '=', 'a.id')
        .where(disputeConditions(db, filters, { publicOnly: true }))
    : filteredDisputes(db, filters, { publicOnly: true }).innerJoin('claim as a', 'a.id', 'd.claim_a_id');
  return base
    .innerJoin('claimant as pa', 'pa.id', 'a.claimant_id')
    .innerJoin('verdict_rating as va', 'va.key', 'a.verdict')
    .innerJoin('claim as b', 'b.id', 'd.claim_b_id')
    .innerJoin('claimant as pb', 'pb.id', 'b.claimant_id')
    .innerJoin('verdict_rating as vb', 'vb.key', 'b.verdict')
    .select([
      'd.id',
      'd.slug',
      'd.question',
      'd.status',
      'd.state',
      'a.text as a_text',
      'pa.name as a_name',
      'pa.slug as a_slug',
      'a.verdict as a_verdict',
      'va.label as a_verdict_label',
      'b.text as b_text',
      'pb.name as b_name',
      'pb.slug as b_slug',
      'b.verdict as b_verdict',
      'vb.label as b_verdict_label',
    ]);
}

/** The number of disputes passing the filters, kept until the database changes (like the claim counts). */
export async function countFilteredDisputes(db: Db, filters: ClaimFilters): Promise<number> {
  const [row] = (await disputeCounts.get(db, countKey('disputes', filters, true), () =>
    filteredDisputes(db, filters, { publicOnly: true })
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .execute(),
  )) as Array<{ total: number | bigint }>;
  return Number(row?.total ?? 0);
}
const disputeCounts = new StampedCache<unknown[]>(500);

/** The newest disputes (by when they were published), for the home page: no count needed. */
export async function latestDisputes(db: Db, limit = PAGE_SIZE): Promise<DisputeSummary[]> {
  return newestPublishedFirst(disputeSummaries(db, {}, false))
    .orderBy('d.id', 'desc')
    .limit(limit)
    .execute();
}

/** Newest first: by when the dispute was published (dispute_published_idx, read backwards), not when its sides spoke. */
function newestPublishedFirst(q: ReturnType<typeof disputeSummaries>) {
  return q.orderBy('d.published_at', 'desc');
}

/**
 * A page of disputes. Sorting follows the claim list's `sort`: newest published first (said-desc, the
 * default), by when side A was said (said-asc), by side A's claimant, or (updated-desc) by the dispute's last change.
 */
export async function disputesPage(db: Db, filters: ClaimFilters): Promise<{ total: number; disputes: DisputeSummary[] }> {
  const total = await countFilteredDisputes(db, filters);
  const sort = filters.sort ?? 'said-desc';
  let q = disputeSummaries(db, filters, sort === 'said-asc');
  switch (sort) {
    case 'said-asc':
      q = q.orderBy('a.said_on', (ob) => ob.asc().nullsLast()).orderBy('a.id', 'asc');
      break;
    case 'updated-desc':
      q = q.orderBy('d.updated_at', 'desc');
      break;
    case 'claimant':
      q = q.orderBy('pa.name', 'asc');
      break;
    default:
      q = newestPublishedFirst(q);
  }
  const disputes = await q.orderBy('d.id', 'desc').limit(PAGE_SIZE).offset(offsetOf(filters)).execute();
  return { total, disputes };
}

/** One page of the disputes that pass the filters (the API's list), most recently changed first, and how many pass. */
export async function disputeRowsPage(
  db: Db,
  filters: ClaimFilters,
  { publicOnly, limit, offset }: { publicOnly: boolean; limit: number; offset: number },
): Promise<{ rows: DisputeRow[]; total: number }> {
  const rows = await filteredDisputes(db, filters, { publicOnly })
    .selectAll('d')
    .orderBy('d.updated_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  const { n } = await filteredDisputes(db, filters, { publicOnly })
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(n) };
}
