import type { Db } from '../db/connection';
import { inIdChunks, withBulkReader, type BulkReader } from '../db/bulk-reads';
import type { ClaimFilters } from '../claims/claim-filter.repository';
import { filteredDisputes } from './dispute-filter.repository';
import { disputeIsPublic } from '../db/visibility';

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

/** Disputes per chunk of an export (see claimRecordBatches). */
export const DISPUTE_CHUNK_SIZE = 1000;

function orderedDisputeIds(db: Db, filters: ClaimFilters, publicOnly: boolean) {
  return filteredDisputes(db, filters, { publicOnly }).select('d.id').orderBy('d.updated_at', 'desc').orderBy('d.id', 'desc');
}

type DisputeRow = [
  id: number,
  slug: string,
  question: string,
  summary: string | null,
  status: string,
  state: string,
  created_at: string,
  updated_at: string,
  a_id: number,
  a_claimant: string,
  a_slug: string,
  a_text: string,
  a_verdict: string,
  a_said_on: string | null,
  a_said_precision: string | null,
  b_id: number,
  b_claimant: string,
  b_slug: string,
  b_text: string,
  b_verdict: string,
  b_said_on: string | null,
  b_said_precision: string | null,
];

/** The disputes with these ids (or this slug) with both sides; columns read by position. */
function disputeRowsQuery(db: Db, where: { ids: number[] } | { slug: string }, publicOnly: boolean) {
  return (
    db
      .selectFrom('dispute as d')
      .innerJoin('claim as a', 'a.id', 'd.claim_a_id')
      .innerJoin('claimant as ca', 'ca.id', 'a.claimant_id')
      .innerJoin('claim as b', 'b.id', 'd.claim_b_id')
      .innerJoin('claimant as cb', 'cb.id', 'b.claimant_id')
      .select([
        'd.id',
        'd.slug',
        'd.question',
        'd.summary',
        'd.status',
        'd.state',
        'd.created_at',
        'd.updated_at',
        'a.id as a_id',
        'ca.name as a_claimant',
        'ca.slug as a_slug',
        'a.text as a_text',
        'a.verdict as a_verdict',
        'a.said_on as a_said_on',
        'a.said_precision as a_said_precision',
        'b.id as b_id',
        'cb.name as b_claimant',
        'cb.slug as b_slug',
        'b.text as b_text',
        'b.verdict as b_verdict',
        'b.said_on as b_said_on',
        'b.said_precision as b_said_precision',
      ])
      .$if('ids' in where, (q) => q.where('d.id', 'in', (where as { ids: number[] }).ids))
      .$if('slug' in where, (q) => q.where('d.slug', '=', (where as { slug: string }).slug))
      // Checked again per chunk: a dispute or one of its sides may have gone back to draft since the ids were listed.
      .$if(publicOnly, (q) => q.where(disputeIsPublic('d')))
  );
}

function toRecord(r: DisputeRow): DisputeRecord {
  return {
    id: r[0],
    slug: r[1],
    question: r[2],
    summary: r[3],
    status: r[4],
    state: r[5],
    claim_a: { id: r[8], claimant: r[9], claimant_slug: r[10], text: r[11], verdict: r[12], said_on: r[13], said_precision: r[14] },
    claim_b: { id: r[15], claimant: r[16], claimant_slug: r[17], text: r[18], verdict: r[19], said_on: r[20], said_precision: r[21] },
    created_at: r[6],
    updated_at: r[7],
  };
}

async function readDisputeRecords(read: BulkReader, db: Db, ids: number[], publicOnly: boolean): Promise<DisputeRecord[]> {
  const byId = new Map<number, DisputeRecord>();
  for (const row of (await read.rows(disputeRowsQuery(db, { ids }, publicOnly))) as DisputeRow[]) byId.set(row[0], toRecord(row));
  return ids.map((id) => byId.get(id)).filter((r): r is DisputeRecord => r !== undefined);
}

/** The disputes of a filtered view, newest change first, in chunks (see inIdChunks). */
export function disputeRecordBatches(
  db: Db,
  filters: ClaimFilters,
  { publicOnly, chunkSize = DISPUTE_CHUNK_SIZE }: { publicOnly: boolean; chunkSize?: number },
): AsyncGenerator<DisputeRecord[]> {
  return inIdChunks(db, orderedDisputeIds(db, filters, publicOnly), chunkSize, (read, ids) =>
    readDisputeRecords(read, db, ids, publicOnly),
  );
}

export async function countDisputes(db: Db, filters: ClaimFilters, { publicOnly }: { publicOnly: boolean }): Promise<number> {
  const { n } = await filteredDisputes(db, filters, { publicOnly })
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

export async function findDisputeRecord(db: Db, slug: string, { publicOnly }: { publicOnly: boolean }): Promise<DisputeRecord | undefined> {
  const [row] = await withBulkReader(db, (read) => read.rows(disputeRowsQuery(db, { slug }, publicOnly)));
  return row ? toRecord(row as DisputeRow) : undefined;
}
