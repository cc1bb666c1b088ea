import type { Db } from '../db/connection';
import type { ClaimFilters } from '../claims/claim-filters';
import { filteredDisputes } from '../disputes/dispute-filters';

/** A dispute as the export formats and the single-dispute .json page see it. */
export interface DisputeRecord {
  id: number;
  slug: string;
  question: string;
  summary: string | null;
  status: string;
  state: string;
  claim_a: DisputeSideRecord;
  claim_b: DisputeSideRecord;
  created_at: string;
  updated_at: string;
}

export interface DisputeSideRecord {
  id: number;
  claimant: string;
  claimant_slug: string;
  text: string;
  verdict: string;
  said_on: string | null;
  said_precision: string | null;
}

function disputeRecordQuery(db: Db, filters: ClaimFilters, publicOnly: boolean) {
  return filteredDisputes(db, filters, { publicOnly })
    .innerJoin('claim as a', 'a.id', 'd.claim_a_id')
    .innerJoin('claimant as ca', 'ca.id', 'a.claimant_id')
    .innerJoin('claim as b', 'b.id', 'd.claim_b_id')
    .innerJoin('claimant as cb', 'cb.id', 'b.claimant_id')
    .select([
      'd.id', 'd.slug', 'd.question', 'd.summary', 'd.status', 'd.state', 'd.created_at', 'd.updated_at',
      'a.id as a_id', 'ca.name as a_claimant', 'ca.slug as a_slug', 'a.text as a_text', 'a.verdict as a_verdict',
      'a.said_on as a_said_on', 'a.said_precision as a_said_precision',
      'b.id as b_id', 'cb.name as b_claimant', 'cb.slug as b_slug', 'b.text as b_text', 'b.verdict as b_verdict',
      'b.said_on as b_said_on', 'b.said_precision as b_said_precision',
    ])
    .orderBy('d.updated_at', 'desc')
    .orderBy('d.id', 'desc');
}

type Raw = Awaited<ReturnType<ReturnType<typeof disputeRecordQuery>['executeTakeFirstOrThrow']>>;

function toRecord(r: Raw): DisputeRecord {
  return {
    id: r.id, slug: r.slug, question: r.question, summary: r.summary, status: r.status, state: r.state,
    claim_a: {
      id: r.a_id, claimant: r.a_claimant, claimant_slug: r.a_slug, text: r.a_text, verdict: r.a_verdict,
      said_on: r.a_said_on, said_precision: r.a_said_precision,
    },
    claim_b: {
      id: r.b_id, claimant: r.b_claimant, claimant_slug: r.b_slug, text: r.b_text, verdict: r.b_verdict,
      said_on: r.b_said_on, said_precision: r.b_said_precision,
    },
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

/** The disputes of a filtered view, newest change first, one at a time. */
export async function* streamDisputeRecords(db: Db, filters: ClaimFilters, { publicOnly }: { publicOnly: boolean }): AsyncGenerator<DisputeRecord> {
  for await (const row of disputeRecordQuery(db, filters, publicOnly).stream(500)) yield toRecord(row);
}

export async function countDisputes(db: Db, filters: ClaimFilters, { publicOnly }: { publicOnly: boolean }): Promise<number> {
  const { n } = await filteredDisputes(db, filters, { publicOnly })
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function findDisputeRecord(db: Db, slug: string, { publicOnly }: { publicOnly: boolean }): Promise<DisputeRecord | undefined> {
  const row = await disputeRecordQuery(db, {}, publicOnly).where('d.slug', '=', slug).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}
