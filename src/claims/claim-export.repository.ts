import type { Db } from '../db/connection';
import { inIdChunks, withBulkReader, type BulkReader } from '../db/bulk-reads';
import type { SourceRow } from '../sources/source.repository';
import type { ClaimCard } from './claim-card.repository';
import { filteredClaims, orderClaims, type ClaimFilters } from './claim-filter.repository';
import { claimIsPublic } from '../db/visibility';

// An export reads the ordered ids of the filtered view first, then the claims chunk by chunk: per chunk
// one query for the claims and one per kind of child (topics, citations, disputes, links) by
// `claim_id in (…)`, merged here. Plain portable SQL, no JSON built in the database.

/** A source as exports show it: the stored record without its bookkeeping timestamps. */
export type ExportSource = Omit<SourceRow, 'created_at' | 'updated_at'>;

export interface ExportCitation {
  role: string;
  excerpt: string | null;
  source: ExportSource;
}

export interface ExportDisputeRef {
  slug: string;
  question: string;
  summary: string | null;
  status: string;
  state: string;
  /** The side this claim takes: "a" or "b". */
  side: 'a' | 'b';
  claim_a_id: number;
  claim_b_id: number;
}

export interface ExportLink {
  type: string;
  to_claim_id: number;
  note: string | null;
}

/** A claim as every export format and the single-claim .json page see it: the page's claim card fields, plus its place in the graph. */
export interface ClaimRecord extends Pick<
  ClaimCard,
  | 'id'
  | 'text'
  | 'quote'
  | 'quote_language'
  | 'said_on'
  | 'said_precision'
  | 'said_where'
  | 'kind'
  | 'review_due_on'
  | 'state'
  | 'topics'
  | 'created_at'
  | 'updated_at'
> {
  claimant: Pick<ClaimCard['claimant'], 'name' | 'slug' | 'kind'>;
  verdict: Pick<ClaimCard['verdict'], 'key' | 'label' | 'rationale'>;
  disputes: ExportDisputeRef[];
  citations: ExportCitation[];
  links: ExportLink[];
}

/** Claims per chunk of an export: each chunk is a handful of short queries, and other requests get a turn in between. */
export const CLAIM_CHUNK_SIZE = 1000;

type ClaimRow = [
  id: number,
  text: string,
  quote: string | null,
  quote_language: string | null,
  said_on: string | null,
  said_precision: string | null,
  said_where: string | null,
  kind: string,
  review_due_on: string | null,
  verdict: string,
  verdict_rationale: string | null,
  state: string,
  created_at: string,
  updated_at: string,
  claimant_id: number,
];
type ClaimantRow = [id: number, name: string, slug: string, kind: string];
type VerdictRow = [key: string, label: string];
type ClaimTopicRow = [claim_id: number, topic_id: number];
type TopicRow = [id: number, slug: string, name: string];
type CitationRow = [claim_id: number, role: string, excerpt: string | null, source_id: number, id: number];
type SourceTuple = [
  id: number,
  outlet: string,
  title: string,
  url: string | null,
  published_on: string | null,
  language: string | null,
  archive_url: string | null,
  retrieved_on: string | null,
  published_precision: string | null,
];
type DisputeRow = [
  id: number,
  slug: string,
  question: string,
  summary: string | null,
  status: string,
  state: string,
  claim_a_id: number,
  claim_b_id: number,
];
type LinkRow = [from_claim_id: number, type: string, to_claim_id: number, note: string | null];

// The queries of one chunk. Each reads by an index (primary keys, claim_topic_pk, the unique indexes of
// citation and claim_link, dispute_claim_a_idx/_b_idx); columns are read by position. Claimants, verdict
// labels, topics and sources are read once per chunk for the distinct ids the chunk uses, not per row.
const chunkQueries = {
  claims: (db: Db, ids: number[], publicOnly: boolean) =>
    db
      .selectFrom('claim as c')
      .select([
        'c.id',
        'c.text',
        'c.quote',
        'c.quote_language',
        'c.said_on',
        'c.said_precision',
        'c.said_where',
        'c.kind',
        'c.review_due_on',
        'c.verdict',
        'c.verdict_rationale',
        'c.state',
        'c.created_at',
        'c.updated_at',
        'c.claimant_id',
      ])
      .where('c.id', 'in', ids)
      // A claim may have gone back to draft since the export listed its ids.
      .$if(publicOnly, (q) => q.where(claimIsPublic('c'))),
  claimants: (db: Db, ids: number[]) => db.selectFrom('claimant').select(['id', 'name', 'slug', 'kind']).where('id', 'in', ids),
  verdicts: (db: Db) => db.selectFrom('verdict_rating').select(['key', 'label']),
  claimTopics: (db: Db, ids: number[]) => db.selectFrom('claim_topic').select(['claim_id', 'topic_id']).where('claim_id', 'in', ids),
  // In name order: a claim's topics are listed by name.
  topics: (db: Db, ids: number[]) =>
    db.selectFrom('topic').select(['id', 'slug', 'name']).where('id', 'in', ids).orderBy('name').orderBy('id'),
  // Sorted here rather than by SQLite: ORDER BY would add a sort of the whole chunk.
  citations: (db: Db, ids: number[]) =>
    db.selectFrom('citation').select(['claim_id', 'role', 'excerpt', 'source_id', 'id']).where('claim_id', 'in', ids),
  sources: (db: Db, ids: number[]) =>
    db
      .selectFrom('source')
      .select(['id', 'outlet', 'title', 'url', 'published_on', 'language', 'archive_url', 'retrieved_on', 'published_precision'])
      .where('id', 'in', ids),
  // Two queries, one per side, rather than an OR: each is a plain range scan of its own index. Public as
  // disputeIsPublic says (neither the dispute nor a side is a draft; this side is checked with its claim),
  // but with the other side looked up per dispute: that rule's `not in (draft claims)` lists would be
  // built again for every chunk, and a join lets SQLite start from the claims instead of the disputes.
  disputes: (db: Db, ids: number[], publicOnly: boolean, side: 'claim_a_id' | 'claim_b_id') =>
    db
      .selectFrom('dispute as xd')
      .select(['xd.id', 'xd.slug', 'xd.question', 'xd.summary', 'xd.status', 'xd.state', 'xd.claim_a_id', 'xd.claim_b_id'])
      .where(`xd.${side}`, 'in', ids)
      .$if(publicOnly, (q) =>
        q.where('xd.state', '<>', 'draft').where((eb) =>
          eb.exists(
            eb
              .selectFrom('claim as xo')
              .select('xo.id')
              .whereRef('xo.id', '=', side === 'claim_a_id' ? 'xd.claim_b_id' : 'xd.claim_a_id')
              .where(claimIsPublic('xo')),
          ),
        ),
      )
      .orderBy('xd.id'),
  links: (db: Db, ids: number[], publicOnly: boolean) =>
    db
      .selectFrom('claim_link as xl')
      .innerJoin('claim as xo', 'xo.id', 'xl.to_claim_id')
      .select(['xl.from_claim_id', 'xl.type', 'xl.to_claim_id', 'xl.note'])
      .where('xl.from_claim_id', 'in', ids)
      .$if(publicOnly, (q) => q.where(claimIsPublic('xo')))
      .orderBy('xl.from_claim_id')
      .orderBy('xl.id'),
};

/** Rows grouped by the claim they belong to, keeping their order. */
function groupBy<Row, T>(rows: Row[], key: (row: Row) => number, value: (row: Row) => T): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(value(row));
    else groups.set(k, [value(row)]);
  }
  return groups;
}

const distinct = <Row>(rows: Row[], value: (row: Row) => number) => [...new Set(rows.map(value))];

// Shared by every claim without children of a kind; frozen, so nobody can add to all of them at once.
const none = Object.freeze([]) as unknown as never[];

/** A claim's disputes in the order of their ids, whichever side it takes (the two sides come from two queries). */
function disputeRefs(found: Array<ExportDisputeRef & { id: number }> | undefined): ExportDisputeRef[] {
  if (!found) return none;
  if (found.length > 1) found.sort((x, y) => x.id - y.id);
  return found.map(({ id: _id, ...ref }) => ref);
}

async function readTopics(read: BulkReader, db: Db, ids: number[]): Promise<Map<number, ClaimRecord['topics']>> {
  const pairs = (await read.rows(chunkQueries.claimTopics(db, ids))) as ClaimTopicRow[];
  if (!pairs.length) return new Map();
  const topics = new Map<number, { rank: number; topic: ClaimRecord['topics'][number] }>();
  (
    (await read.rows(
      chunkQueries.topics(
        db,
        distinct(pairs, (p) => p[1]),
      ),
    )) as TopicRow[]
  ).forEach(([id, slug, name], rank) => topics.set(id, { rank, topic: { slug, name } }));
  const byClaim = groupBy(
    pairs,
    (p) => p[0],
    (p) => topics.get(p[1])!,
  );
  const out = new Map<number, ClaimRecord['topics']>();
  for (const [claimId, list] of byClaim) {
    if (list.length > 1) list.sort((x, y) => x.rank - y.rank);
    out.set(
      claimId,
      list.map((t) => t.topic),
    );
  }
  return out;
}

async function readCitations(read: BulkReader, db: Db, ids: number[]): Promise<Map<number, ExportCitation[]>> {
  const rows = ((await read.rows(chunkQueries.citations(db, ids))) as CitationRow[]).sort((x, y) => x[0] - y[0] || x[4] - y[4]);
  if (!rows.length) return new Map();
  const sources = new Map<number, ExportSource>();
  for (const [id, outlet, title, url, published_on, language, archive_url, retrieved_on, published_precision] of (await read.rows(
    chunkQueries.sources(
      db,
      distinct(rows, (r) => r[3]),
    ),
  )) as SourceTuple[]) {
    sources.set(id, { id, outlet, title, url, published_on, language, archive_url, retrieved_on, published_precision });
  }
  return groupBy(
    rows,
    (r) => r[0],
    ([, role, excerpt, sourceId]) => ({ role, excerpt, source: sources.get(sourceId)! }),
  );
}

async function readDisputes(
  read: BulkReader,
  db: Db,
  ids: number[],
  publicOnly: boolean,
): Promise<Map<number, Array<ExportDisputeRef & { id: number }>>> {
  const disputes = new Map<number, Array<ExportDisputeRef & { id: number }>>();
  for (const side of ['a', 'b'] as const) {
    for (const r of (await read.rows(
      chunkQueries.disputes(db, ids, publicOnly, side === 'a' ? 'claim_a_id' : 'claim_b_id'),
    )) as DisputeRow[]) {
      const [id, slug, question, summary, status, state, claim_a_id, claim_b_id] = r;
      const claimId = side === 'a' ? claim_a_id : claim_b_id;
      const ref = { id, slug, question, summary, status, state, claim_a_id, claim_b_id, side };
      const list = disputes.get(claimId);
      if (list) list.push(ref);
      else disputes.set(claimId, [ref]);
    }
  }
  return disputes;
}

/** The records of these claims (distinct ids), in the order of `ids`; missing or hidden ones left out. */
async function readClaimRecords(read: BulkReader, db: Db, ids: number[], publicOnly: boolean): Promise<ClaimRecord[]> {
  if (!ids.length) return [];
  const claims = (await read.rows(chunkQueries.claims(db, ids, publicOnly))) as ClaimRow[];
  if (!claims.length) return [];
  const claimants = new Map<number, ClaimRecord['claimant']>();
  for (const [id, name, slug, kind] of (await read.rows(
    chunkQueries.claimants(
      db,
      distinct(claims, (c) => c[14]),
    ),
  )) as ClaimantRow[]) {
    claimants.set(id, { name, slug, kind });
  }
  const verdictLabels = new Map((await read.rows(chunkQueries.verdicts(db))) as VerdictRow[]);
  const topics = await readTopics(read, db, ids);
  const citations = await readCitations(read, db, ids);
  const links = groupBy(
    (await read.rows(chunkQueries.links(db, ids, publicOnly))) as LinkRow[],
    (r) => r[0],
    ([, type, to_claim_id, note]) => ({ type, to_claim_id, note }),
  );
  const disputes = await readDisputes(read, db, ids, publicOnly);
  const byId = new Map<number, ClaimRecord>();
  for (const r of claims) {
    const id = r[0];
    byId.set(id, {
      id,
      claimant: claimants.get(r[14])!,
      text: r[1],
      quote: r[2],
      quote_language: r[3],
      said_on: r[4],
      said_precision: r[5],
      said_where: r[6],
      kind: r[7],
      review_due_on: r[8],
      verdict: { key: r[9], label: verdictLabels.get(r[9])!, rationale: r[10] },
      state: r[11],
      topics: topics.get(id) ?? none,
      disputes: disputeRefs(disputes.get(id)),
      citations: citations.get(id) ?? none,
      links: links.get(id) ?? none,
      created_at: r[12],
      updated_at: r[13],
    });
  }
  const out: ClaimRecord[] = [];
  for (const id of ids) {
    const record = byId.get(id);
    if (record) out.push(record);
  }
  return out;
}

/**
 * The claims of a filtered view, in its order (all pages), in chunks of `chunkSize`: each chunk's
 * claims with their topics, citations, disputes and links, read by id (see inIdChunks).
 */
export function claimRecordBatches(
  db: Db,
  filters: ClaimFilters,
  { publicOnly, chunkSize = CLAIM_CHUNK_SIZE }: { publicOnly: boolean; chunkSize?: number },
): AsyncGenerator<ClaimRecord[]> {
  const orderedIds = orderClaims(filteredClaims(db, filters, { publicOnly }), filters.sort).select('c.id');
  return inIdChunks(db, orderedIds, chunkSize, (read, ids) => readClaimRecords(read, db, ids, publicOnly));
}

/** One claim as an export record, or undefined (drafts are hidden when publicOnly). */
export async function findClaimRecord(db: Db, id: number, { publicOnly }: { publicOnly: boolean }): Promise<ClaimRecord | undefined> {
  const [record] = await withBulkReader(db, (read) => readClaimRecords(read, db, [id], publicOnly));
  return record;
}

/** Claim records by ids, in the given order (for feeds and pages that already know the ids). */
export async function findClaimRecords(db: Db, ids: readonly number[], { publicOnly }: { publicOnly: boolean }): Promise<ClaimRecord[]> {
  const distinct = [...new Set(ids)];
  const byId = new Map<number, ClaimRecord>();
  for (let start = 0; start < distinct.length; start += CLAIM_CHUNK_SIZE) {
    const chunk = distinct.slice(start, start + CLAIM_CHUNK_SIZE);
    for (const r of await withBulkReader(db, (read) => readClaimRecords(read, db, chunk, publicOnly))) byId.set(r.id, r);
  }
  return ids.map((id) => byId.get(id)).filter((r): r is ClaimRecord => r !== undefined);
}
