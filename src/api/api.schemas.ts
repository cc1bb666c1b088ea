import { z } from 'zod';
import { parsePartialDate } from '../domain/partial-date';
import { SLUG_PATTERN } from '../domain/slug';
import {
  CITATION_ROLES, CLAIM_KINDS, CLAIMANT_KINDS, DISPUTE_STATUSES, LINK_TYPES, STATES,
} from '../domain/vocabulary';
import { choice, idField, optionalDay, optionalLanguage, optionalText, optionalUrl, requiredText } from '../http/fields';

// Request bodies of the JSON API, built from the same field builders as the desk forms.
// TODO(desk): when the desk's form schemas (src/<feature>/<feature>.schema.ts) land on main, use them here.

const optionalSlug = z.preprocess(
  (v) => (v === '' || v === undefined ? null : v),
  z.string().regex(SLUG_PATTERN, 'The slug must be lowercase words joined by hyphens.').nullable(),
);
const version = z.number({ message: 'The version you edited is required.' }).int().positive();

export const claimantBody = z.object({
  name: requiredText(200, 'The name'),
  slug: optionalSlug,
  kind: choice(CLAIMANT_KINDS, 'The kind'),
  description: optionalText(2000, 'The description'),
});

export const sourceBody = z.object({
  outlet: requiredText(200, 'The outlet'),
  title: requiredText(500, 'The title'),
  url: optionalUrl('The URL'),
  published_on: optionalDay('The publication date'),
  language: optionalLanguage('The language'),
  archive_url: optionalUrl('The archive URL'),
  retrieved_on: optionalDay('The retrieval date'),
});

export const citationBody = z.object({
  source_id: idField('The source'),
  role: choice(CITATION_ROLES, 'The role'),
  excerpt: optionalText(4000, 'The excerpt'),
});

export const claimBody = z
  .object({
    claimant_id: idField('The claimant'),
    text: requiredText(4000, 'The text'),
    quote: optionalText(8000, 'The quote'),
    quote_language: optionalLanguage('The quote language'),
    said_on: z.preprocess(
      (v) => (v === '' || v === undefined ? null : v),
      z.string().refine((s) => parsePartialDate(s) !== null, 'The date must be written as YYYY-MM-DD, YYYY-MM or YYYY.').nullable(),
    ),
    said_where: optionalText(500, 'Where it was said'),
    kind: choice(CLAIM_KINDS, 'The kind').default('statement'),
    review_due_on: optionalDay('The review date'),
    verdict: z.string().min(1).max(60).default('unverified'),
    verdict_rationale: optionalText(8000, 'The rationale'),
    state: choice(STATES, 'The state').default('draft'),
    topics: z.array(z.string().trim().min(1).max(120)).max(50).default([]),
    citations: z.array(citationBody).max(100).default([]),
  })
  .superRefine((c, ctx) => {
    if (c.verdict !== 'unverified' && !c.verdict_rationale) {
      ctx.addIssue({ code: 'custom', path: ['verdict_rationale'], message: 'A verdict needs a rationale.' });
    }
  });
export const claimUpdateBody = claimBody.and(z.object({ version }));

export const linkBody = z.object({
  from_claim_id: idField('The claim'),
  to_claim_id: idField('The linked claim'),
  type: choice(LINK_TYPES, 'The type'),
  note: optionalText(1000, 'The note'),
});

export const disputeBody = z.object({
  question: requiredText(300, 'The question'),
  slug: optionalSlug,
  summary: optionalText(4000, 'The summary'),
  status: choice(DISPUTE_STATUSES, 'The status').default('open'),
  state: choice(STATES, 'The state').default('draft'),
  claim_a_id: idField('Side A'),
  claim_b_id: idField('Side B'),
});
export const disputeUpdateBody = disputeBody.extend({ version });

export const pageQuery = z.object({
  page: z.coerce.number({ message: 'must be a page number' }).int().min(1).default(1),
  per_page: z.coerce.number({ message: 'must be a number' }).int().min(1).max(500).default(50),
});

export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()) }),
});
