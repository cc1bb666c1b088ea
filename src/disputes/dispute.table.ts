import { absoluteUrl, paths } from '../http/urls';
import type { ExportContext, Table } from '../exports/table';
import type { DisputeRecord } from './dispute-export.repository';

// The documented, stable columns of the disputes table export (README "CSV columns"). Add columns at
// the end; never rename or reorder one: scripts and spreadsheets rely on them.

const claimUrl = (ctx: ExportContext, id: number) => absoluteUrl(ctx.baseUrl, paths.claim(id));

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
    { name: 'claim_a_said_on', type: 'date', value: (r) => r.claim_a.said_on, precision: (r) => r.claim_a.said_precision },
    { name: 'claim_a_text', type: 'text', value: (r) => r.claim_a.text },
    { name: 'claim_a_verdict', type: 'text', value: (r) => r.claim_a.verdict },
    { name: 'claim_b_id', type: 'int', value: (r) => r.claim_b.id },
    { name: 'claim_b_url', type: 'url', value: (r, ctx) => claimUrl(ctx, r.claim_b.id) },
    { name: 'claimant_b', type: 'text', value: (r) => r.claim_b.claimant },
    { name: 'claim_b_said_on', type: 'date', value: (r) => r.claim_b.said_on, precision: (r) => r.claim_b.said_precision },
    { name: 'claim_b_text', type: 'text', value: (r) => r.claim_b.text },
    { name: 'claim_b_verdict', type: 'text', value: (r) => r.claim_b.verdict },
    { name: 'created_at', type: 'datetime', value: (r) => r.created_at },
    { name: 'updated_at', type: 'datetime', value: (r) => r.updated_at },
    // Added at the end (the order is stable): how precisely each side's date is known.
    { name: 'claim_a_said_precision', type: 'text', value: (r) => r.claim_a.said_precision },
    { name: 'claim_b_said_precision', type: 'text', value: (r) => r.claim_b.said_precision },
  ],
  markdown: ['question', 'claimant_a', 'claim_a_text', 'claimant_b', 'claim_b_text', 'status', 'url'],
  json: (r, ctx) => ({
    ...r,
    url: absoluteUrl(ctx.baseUrl, paths.dispute(r.slug)),
    claim_a: { ...r.claim_a, url: claimUrl(ctx, r.claim_a.id) },
    claim_b: { ...r.claim_b, url: claimUrl(ctx, r.claim_b.id) },
  }),
};
