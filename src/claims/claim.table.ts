import { absoluteUrl, paths } from '../http/urls';
import type { ClaimRecord, ExportSource } from '../claims/claim-export.repository';
import type { DisputeRecord } from '../disputes/dispute-export.repository';

// The documented, stable columns of the table exports (README "CSV columns"). Add columns at the
// end; never rename or reorder one: scripts and spreadsheets rely on them.

export type CellType = 'text' | 'int' | 'date' | 'datetime' | 'url';
export type Cell = string | number | null;

export interface Column<R> {
  name: string;
  type: CellType;
  value: (row: R, ctx: ExportContext) => Cell;
  /** For a column of JSON text: the data that `value` stringifies (the CSV writer escapes it in one pass). */
  jsonData?: (row: R, ctx: ExportContext) => unknown;
}

/** A column whose cell is `data` as JSON text. */
function jsonColumn<R>(name: string, data: (row: R) => unknown): Column<R> {
  return { name, type: 'text', value: (row) => JSON.stringify(data(row)), jsonData: data };
}

export interface ExportContext {
  baseUrl: string;
}

export interface Table<R> {
  kind: 'claims' | 'disputes';
  columns: Array<Column<R>>;
  /** The columns of the Markdown table: what fits an article draft. */
  markdown: string[];
  /** The row of the .json twin (and of the single-record .json page). */
  json: (row: R, ctx: ExportContext) => unknown;
}

const ROLE_LABELS: Record<string, string> = {
  made_in: 'made in',
  reported_by: 'reported by',
  evidence_for: 'evidence for',
  evidence_against: 'evidence against',
};

const claimUrl = (ctx: ExportContext, id: number) => absoluteUrl(ctx.baseUrl, paths.claim(id));

/** Citations for round trips: every source field, no database ids. */
export function citationsForCsv(row: ClaimRecord): Array<{ role: string; excerpt: string | null; source: Omit<ExportSource, 'id'> }> {
  // Spelled out rather than `{ id, ...source }`: rest properties are slow, and this runs for every row.
  return row.citations.map(({ role, excerpt, source: s }) => ({
    role,
    excerpt,
    source: {
      outlet: s.outlet, title: s.title, url: s.url, published_on: s.published_on, language: s.language, archive_url: s.archive_url,
      retrieved_on: s.retrieved_on,
    },
  }));
}

/** The `sources` cell: one line per citation. */
function sourceLines(row: ClaimRecord): string | null {
  let out = '';
  for (const c of row.citations) {
    const s = c.source;
    out += `${out ? '\n' : ''}${ROLE_LABELS[c.role] ?? c.role}: ${s.outlet} — ${s.title}${s.url ? ` <${s.url}>` : ''}`;
  }
  return out || null;
}

export const claimTable: Table<ClaimRecord> = {
  kind: 'claims',
  columns: [
    { name: 'id', type: 'int', value: (r) => r.id },
    { name: 'url', type: 'url', value: (r, ctx) => claimUrl(ctx, r.id) },
    { name: 'claimant', type: 'text', value: (r) => r.claimant.name },
    { name: 'claimant_slug', type: 'text', value: (r) => r.claimant.slug },
    { name: 'claimant_kind', type: 'text', value: (r) => r.claimant.kind },
    { name: 'said_on', type: 'date', value: (r) => r.said_on },
    { name: 'said_precision', type: 'text', value: (r) => r.said_precision },
    { name: 'said_where', type: 'text', value: (r) => r.said_where },
    { name: 'kind', type: 'text', value: (r) => r.kind },
    { name: 'review_due_on', type: 'date', value: (r) => r.review_due_on },
    { name: 'text', type: 'text', value: (r) => r.text },
    { name: 'quote', type: 'text', value: (r) => r.quote },
    { name: 'quote_language', type: 'text', value: (r) => r.quote_language },
    { name: 'topics', type: 'text', value: (r) => r.topics.map((t) => t.name).join('; ') || null },
    { name: 'verdict', type: 'text', value: (r) => r.verdict.key },
    { name: 'verdict_label', type: 'text', value: (r) => r.verdict.label },
    { name: 'verdict_rationale', type: 'text', value: (r) => r.verdict.rationale },
    { name: 'state', type: 'text', value: (r) => r.state },
    { name: 'disputes', type: 'text', value: (r) => r.disputes.map((d) => `${d.slug} (side ${d.side.toUpperCase()})`).join('; ') || null },
    { name: 'sources', type: 'text', value: sourceLines },
    jsonColumn('citations_json', citationsForCsv),
    jsonColumn('links_json', (r) => r.links),
    jsonColumn('disputes_json', (r) => r.disputes),
    { name: 'created_at', type: 'datetime', value: (r) => r.created_at },
    { name: 'updated_at', type: 'datetime', value: (r) => r.updated_at },
  ],
  markdown: ['claimant', 'said_on', 'said_where', 'text', 'verdict_label', 'verdict_rationale', 'sources', 'url'],
  json: (r, ctx) => ({
    id: r.id,
    url: claimUrl(ctx, r.id),
    claimant: { ...r.claimant, url: absoluteUrl(ctx.baseUrl, paths.claimant(r.claimant.slug)) },
    text: r.text,
    quote: r.quote,
    quote_language: r.quote_language,
    said_on: r.said_on,
    said_precision: r.said_precision,
    said_where: r.said_where,
    kind: r.kind,
    review_due_on: r.review_due_on,
    verdict: r.verdict,
    state: r.state,
    topics: r.topics.map((t) => ({ ...t, url: absoluteUrl(ctx.baseUrl, paths.topic(t.slug)) })),
    disputes: r.disputes.map((d) => ({ ...d, url: absoluteUrl(ctx.baseUrl, paths.dispute(d.slug)) })),
    citations: r.citations.map((c) => ({ ...c, source: { ...c.source, page_url: absoluteUrl(ctx.baseUrl, paths.source(c.source.id)) } })),
    links: r.links.map((l) => ({ ...l, to_claim_url: claimUrl(ctx, l.to_claim_id) })),
    created_at: r.created_at,
    updated_at: r.updated_at,
  }),
};

export const disputeTable: Table<DisputeRecord> = {
  kind: 'disputes',
  columns: [
    { name: 'id', type: 'int', value: (r) => r.id },
    { name: 'url', type: 'url', value: (r, ctx) => absoluteUrl(ctx.baseUrl, paths.dispute(r.slug)) },
    { name: 'slug', type: 'text', value: (r) => r.slug },
    { name: 'question', type: 'text', value: (r) => r.question },
    { name: 'summary', type: 'text', value: (r) => r.summary },
    { name: 'status', type: 'text', value: (r) => r.status },
    { name: 'state', type: 'text', value: (r) => r.state },
    { name: 'claim_a_id', type: 'int', value: (r) => r.claim_a.id },
    { name: 'claim_a_url', type: 'url', value: (r, ctx) => claimUrl(ctx, r.claim_a.id) },
    { name: 'claimant_a', type: 'text', value: (r) => r.claim_a.claimant },
    { name: 'claim_a_said_on', type: 'date', value: (r) => r.claim_a.said_on },
    { name: 'claim_a_text', type: 'text', value: (r) => r.claim_a.text },
    { name: 'claim_a_verdict', type: 'text', value: (r) => r.claim_a.verdict },
    { name: 'claim_b_id', type: 'int', value: (r) => r.claim_b.id },
    { name: 'claim_b_url', type: 'url', value: (r, ctx) => claimUrl(ctx, r.claim_b.id) },
    { name: 'claimant_b', type: 'text', value: (r) => r.claim_b.claimant },
    { name: 'claim_b_said_on', type: 'date', value: (r) => r.claim_b.said_on },
    { name: 'claim_b_text', type: 'text', value: (r) => r.claim_b.text },
    { name: 'claim_b_verdict', type: 'text', value: (r) => r.claim_b.verdict },
    { name: 'created_at', type: 'datetime', value: (r) => r.created_at },
    { name: 'updated_at', type: 'datetime', value: (r) => r.updated_at },
  ],
  markdown: ['question', 'claimant_a', 'claim_a_text', 'claimant_b', 'claim_b_text', 'status', 'url'],
  json: (r, ctx) => ({
    ...r,
    url: absoluteUrl(ctx.baseUrl, paths.dispute(r.slug)),
    claim_a: { ...r.claim_a, url: claimUrl(ctx, r.claim_a.id) },
    claim_b: { ...r.claim_b, url: claimUrl(ctx, r.claim_b.id) },
  }),
};
