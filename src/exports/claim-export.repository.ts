import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/sqlite';
import type { Db } from '../db/connection';
import { reusableQuery } from '../db/reusable-query';
import type { SourceRow } from '../sources/source.repository';
import type { ClaimCard } from '../claims/claim-card.repository';
import { disputeIsPublic } from '../disputes/dispute.repository';
import { filteredClaims, orderClaims, type ClaimFilters } from '../claims/claim-filters';

// One streamed query per export: each claim row carries its topics, citations, disputes and links as
// JSON sub-selects, so a million rows go out without a second query or a list held in memory.
// (jsonArrayFrom exists with the same name for PostgreSQL and MySQL in kysely/helpers.)

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
export interface ClaimRecord
  extends Pick<ClaimCard, 'id' | 'text' | 'quote' | 'quote_language' | 'said_on' | 'said_precision' | 'said_where' | 'kind' | 'review_due_on' | 'state' | 'topics' | 'created_at' | 'updated_at'> {
  claimant: Pick<ClaimCard['claimant'], 'name' | 'slug' | 'kind'>;
  verdict: Pick<ClaimCard['verdict'], 'key' | 'label' | 'rationale'>;
  disputes: ExportDisputeRef[];
  citations: ExportCitation[];
  links: ExportLink[];
}

function claimRecordQuery(db: Db, filters: ClaimFilters, publicOnly: boolean) {
  return orderClaims(filteredClaims(db, filters, { publicOnly }), filters.sort)
    .innerJoin('verdict_rating as v', 'v.key', 'c.verdict')
    .select([
      'c.id', 'c.text', 'c.quote', 'c.quote_language', 'c.said_on', 'c.said_precision', 'c.said_where', 'c.kind',
      'c.review_due_on', 'c.verdict', 'c.verdict_rationale', 'c.state', 'c.created_at', 'c.updated_at',
      'p.name as claimant_name', 'p.slug as claimant_slug', 'p.kind as claimant_kind', 'v.label as verdict_label',
    ])
    .select((eb) => [
      jsonArrayFrom(
        eb.selectFrom('claim_topic as xt').innerJoin('topic as t', 't.id', 'xt.topic_id')
          .select(['t.slug', 't.name']).whereRef('xt.claim_id', '=', 'c.id').orderBy('t.name'),
      ).as('topics_json'),
      jsonArrayFrom(
        eb.selectFrom('citation as xc').innerJoin('source as s', 's.id', 'xc.source_id')
          .select([
            'xc.role', 'xc.excerpt', 's.id as source_id', 's.outlet', 's.title', 's.url', 's.published_on', 's.language',
            's.archive_url', 's.retrieved_on',
          ])
          .whereRef('xc.claim_id', '=', 'c.id').orderBy('xc.id'),
      ).as('citations_json'),
      jsonArrayFrom(
        eb.selectFrom('dispute as xd')
          .select([
            'xd.slug', 'xd.question', 'xd.summary', 'xd.status', 'xd.state', 'xd.claim_a_id', 'xd.claim_b_id',
            sql<string>`case when xd.claim_a_id = c.id then 'a' else 'b' end`.as('side'),
          ])
          .where((w) => w.or([w('xd.claim_a_id', '=', w.ref('c.id')), w('xd.claim_b_id', '=', w.ref('c.id'))]))
          .$if(publicOnly, (q) => q.where(disputeIsPublic(db, 'xd')))
          .orderBy('xd.id'),
      ).as('disputes_json'),
      jsonArrayFrom(
        eb.selectFrom('claim_link as xl').innerJoin('claim as xo', 'xo.id', 'xl.to_claim_id')
          .select(['xl.type', 'xl.to_claim_id', 'xl.note'])
          .whereRef('xl.from_claim_id', '=', 'c.id')
          .$if(publicOnly, (q) => q.where('xo.state', '<>', 'draft'))
          .orderBy('xl.id'),
      ).as('links_json'),
    ]);
}

type RawClaimRow = Awaited<ReturnType<ReturnType<typeof claimRecordQuery>['executeTakeFirstOrThrow']>>;

function toRecord(r: RawClaimRow): ClaimRecord {
  const citations = JSON.parse(r.citations_json as unknown as string) as Array<
    Omit<ExportSource, 'id'> & { role: string; excerpt: string | null; source_id: number }
  >;
  return {
    id: r.id,
    claimant: { name: r.claimant_name, slug: r.claimant_slug, kind: r.claimant_kind },
    text: r.text,
    quote: r.quote,
    quote_language: r.quote_language,
    said_on: r.said_on,
    said_precision: r.said_precision,
    said_where: r.said_where,
    kind: r.kind,
    review_due_on: r.review_due_on,
    verdict: { key: r.verdict, label: r.verdict_label, rationale: r.verdict_rationale },
    state: r.state,
    topics: JSON.parse(r.topics_json as unknown as string),
    disputes: JSON.parse(r.disputes_json as unknown as string),
    citations: citations.map(({ role, excerpt, source_id, ...s }) => ({ role, excerpt, source: { id: source_id, ...s } })),
    links: JSON.parse(r.links_json as unknown as string),
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
}

/** The claims of a filtered view, in its order, one at a time (all pages). */
export async function* streamClaimRecords(db: Db, filters: ClaimFilters, { publicOnly }: { publicOnly: boolean }): AsyncGenerator<ClaimRecord> {
  for await (const row of claimRecordQuery(db, filters, publicOnly).stream(500)) yield toRecord(row);
}

export async function countClaims(db: Db, filters: ClaimFilters, { publicOnly }: { publicOnly: boolean }): Promise<number> {
  const { n } = await filteredClaims(db, filters, { publicOnly })
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** One claim as an export record, or undefined (drafts are hidden when publicOnly). */
const claimRecordById = {
  all: reusableQuery(['id'], (db, { id }: { id: number }) => claimRecordQuery(db, {}, false).where('c.id', '=', id)),
  public: reusableQuery(['id'], (db, { id }: { id: number }) => claimRecordQuery(db, {}, true).where('c.id', '=', id)),
};

export async function findClaimRecord(db: Db, id: number, { publicOnly }: { publicOnly: boolean }): Promise<ClaimRecord | undefined> {
  const row = await claimRecordById[publicOnly ? 'public' : 'all'].first(db, { id });
  return row ? toRecord(row) : undefined;
}

/** Claim records by ids, in the given order (for feeds and pages that already know the ids). */
export async function findClaimRecords(db: Db, ids: readonly number[], { publicOnly }: { publicOnly: boolean }): Promise<ClaimRecord[]> {
  if (!ids.length) return [];
  const rows = await claimRecordQuery(db, {}, publicOnly).where('c.id', 'in', [...new Set(ids)]).execute();
  const byId = new Map(rows.map((r) => [r.id, toRecord(r)]));
  return ids.map((id) => byId.get(id)).filter((r): r is ClaimRecord => r !== undefined);
}
