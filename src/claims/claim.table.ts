import { absoluteUrl, paths } from '../http/urls';
import type { ClaimRecord, ExportSource } from './claim-export.repository';
import { jsonColumn, type ExportContext, type Table } from '../exports/table';

// The documented, stable columns of the claims table export (README "CSV columns"). Add columns at the
// end; never rename or reorder one: scripts and spreadsheets rely on them.

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
      outlet: s.outlet,
      title: s.title,
      url: s.url,
      published_on: s.published_on,
      language: s.language,
      archive_url: s.archive_url,
      retrieved_on: s.retrieved_on,
      published_precision: s.published_precision,
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
    { name: 'said_on', type: 'date', value: (r) => r.said_on, precision: (r) => r.said_precision },
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
