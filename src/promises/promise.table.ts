import type { Table } from '../exports/table';
import { absoluteUrl, paths } from '../http/urls';
import type { PromiseRecord } from './promise-list.repository';

// The documented, stable columns of the promise tracker's table twins (/promises.csv, .json, .xlsx, .md).
// Add columns at the end; never rename or reorder one.

export const promiseTable: Table<PromiseRecord> = {
  kind: 'promises',
  columns: [
    { name: 'claim_id', type: 'int', value: (r) => r.id },
    { name: 'url', type: 'url', value: (r, ctx) => absoluteUrl(ctx.baseUrl, paths.claim(r.id)) },
    { name: 'claimant', type: 'text', value: (r) => r.claimant_name },
    { name: 'claimant_slug', type: 'text', value: (r) => r.claimant_slug },
    { name: 'kind', type: 'text', value: (r) => r.kind },
    { name: 'text', type: 'text', value: (r) => r.text },
    { name: 'said_on', type: 'text', value: (r) => r.said_on },
    { name: 'review_due_on', type: 'date', value: (r) => r.review_due_on },
    { name: 'outcome', type: 'text', value: (r) => r.outcome },
    { name: 'outcome_on', type: 'date', value: (r) => r.assessed_on },
    { name: 'outcome_rationale', type: 'text', value: (r) => r.outcome_rationale },
    { name: 'verdict', type: 'text', value: (r) => r.verdict },
    { name: 'state', type: 'text', value: (r) => r.state },
  ],
  markdown: ['claimant', 'text', 'review_due_on', 'outcome', 'outcome_rationale', 'url'],
  json: (r, ctx) => ({
    claim_id: r.id,
    url: absoluteUrl(ctx.baseUrl, paths.claim(r.id)),
    claimant: { name: r.claimant_name, slug: r.claimant_slug, url: absoluteUrl(ctx.baseUrl, paths.claimant(r.claimant_slug)) },
    kind: r.kind,
    text: r.text,
    said_on: r.said_on,
    said_precision: r.said_precision,
    review_due_on: r.review_due_on,
    outcome: r.outcome,
    outcome_on: r.assessed_on,
    outcome_rationale: r.outcome_rationale,
    outcome_updated_at: r.outcome_updated_at,
    verdict: r.verdict,
    state: r.state,
  }),
};
