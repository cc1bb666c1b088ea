import type { Db } from '../db/connection';

export interface CitationView {
  id: number;
  role: string;
  excerpt: string | null;
  source_id: number;
  outlet: string;
  title: string;
  url: string | null;
  archive_url: string | null;
  published_on: string | null;
  published_precision: string | null;
  retrieved_on: string | null;
  language: string | null;
}

export interface ClaimCard {
  id: number;
  text: string;
  quote: string | null;
  quote_language: string | null;
  said_on: string | null;
  said_precision: string | null;
  said_where: string | null;
  kind: string;
  review_due_on: string | null;
  state: string;
  version: number;
  created_at: string;
  updated_at: string;
  claimant: { id: number; slug: string; name: string; kind: string };
  verdict: {
    key: string;
    label: string;
    rationale: string | null;
    rating_value: number | null;
    best_rating: number;
    worst_rating: number;
    alternate_name: string;
  };
  topics: Array<{ slug: string; name: string }>;
  citations: CitationView[];
  /** A promise's or prediction's outcome (the promise tracker), null when it has none. */
  outcome: { key: string; assessed_on: string } | null;
}

/**
 * Everything a page shows about these claims, in three queries whatever their number:
 * claims with claimant and verdict, their topics, their citations with sources.
 * Returned in the order of `ids`; unknown ids are skipped.
 */
export async function loadClaimCards(db: Db, ids: readonly number[]): Promise<ClaimCard[]> {
  if (ids.length === 0) return [];
  const unique = [...new Set(ids)];
  const rows = await db
    .selectFrom('claim as c')
    .innerJoin('claimant as p', 'p.id', 'c.claimant_id')
    .innerJoin('verdict_rating as v', 'v.key', 'c.verdict')
    .leftJoin('promise_outcome as po', 'po.claim_id', 'c.id')
    .selectAll('c')
    .select([
      'po.outcome as outcome_key',
      'po.assessed_on as outcome_on',
      'p.slug as claimant_slug',
      'p.name as claimant_name',
      'p.kind as claimant_kind',
      'v.label as verdict_label',
      'v.rating_value',
      'v.best_rating',
      'v.worst_rating',
      'v.alternate_name',
    ])
    .where('c.id', 'in', unique)
    .execute();
  const topics = await db
    .selectFrom('claim_topic as ct')
    .innerJoin('topic as t', 't.id', 'ct.topic_id')
    .select(['ct.claim_id', 't.slug', 't.name'])
    .where('ct.claim_id', 'in', unique)
    .orderBy('t.name')
    .execute();
  const citations = await db
    .selectFrom('citation as ci')
    .innerJoin('source as s', 's.id', 'ci.source_id')
    .select([
      'ci.id',
      'ci.claim_id',
      'ci.role',
      'ci.excerpt',
      'ci.source_id',
      's.outlet',
      's.title',
      's.url',
      's.archive_url',
      's.published_on',
      's.published_precision',
      's.retrieved_on',
      's.language',
    ])
    .where('ci.claim_id', 'in', unique)
    .orderBy('ci.id')
    .execute();

  const byId = new Map<number, ClaimCard>();
  for (const r of rows) {
    byId.set(r.id, {
      id: r.id,
      text: r.text,
      quote: r.quote,
      quote_language: r.quote_language,
      said_on: r.said_on,
      said_precision: r.said_precision,
      said_where: r.said_where,
      kind: r.kind,
      review_due_on: r.review_due_on,
      state: r.state,
      version: r.version,
      created_at: r.created_at,
      updated_at: r.updated_at,
      claimant: { id: r.claimant_id, slug: r.claimant_slug, name: r.claimant_name, kind: r.claimant_kind },
      verdict: {
        key: r.verdict,
        label: r.verdict_label,
        rationale: r.verdict_rationale,
        rating_value: r.rating_value,
        best_rating: r.best_rating,
        worst_rating: r.worst_rating,
        alternate_name: r.alternate_name,
      },
      topics: [],
      citations: [],
      outcome: r.outcome_key && r.outcome_on ? { key: r.outcome_key, assessed_on: r.outcome_on } : null,
    });
  }
  for (const t of topics) byId.get(t.claim_id)?.topics.push({ slug: t.slug, name: t.name });
  for (const { claim_id, ...c } of citations) byId.get(claim_id)?.citations.push(c);
  return ids.map((id) => byId.get(id)).filter((c): c is ClaimCard => c !== undefined);
}
