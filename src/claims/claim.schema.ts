import { z } from 'zod';
import type { ClaimInput } from './claim.repository';
import { CITATION_ROLES, CLAIM_KINDS, CLAIMANT_KINDS, LINK_TYPES, STATES } from '../domain/vocabulary';
import {
  choice,
  idField,
  nameList,
  optionalClaimRef,
  optionalDay,
  optionalId,
  optionalLanguage,
  optionalPartialDate,
  optionalText,
  optionalUrl,
  requiredText,
  isObjectPayload,
} from '../http/fields';
import { english } from '../http/localized';

export const MAX_CITATIONS = 50;

function blank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** The fields of a citation row that describe a source to create with the claim (the claim form's "new source"). */
export const NEW_SOURCE_FIELDS = ['new_source_title', 'new_source_outlet', 'new_source_url', 'new_source_published_on'] as const;

/** A citation row with nothing filled in; forms always offer a few, and they mean "no citation". */
export function isBlankCitation(row: unknown): boolean {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return false;
  const r = row as Record<string, unknown>;
  return blank(r.source_id) && blank(r.role) && blank(r.excerpt) && NEW_SOURCE_FIELDS.every((f) => blank(r[f]));
}

export const citationSchema = z.object({
  source_id: idField('field.citation.source'),
  role: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.enum(CITATION_ROLES, { message: english('claim.invalid.citationRole') }),
  ),
  excerpt: optionalText(2000, 'field.citation.excerpt'),
});

/**
 * A citation row of a claim: an existing source (`source_id`), or a new one typed in the row
 * (`new_source_title` + `new_source_outlet`, optionally its URL and date), created when the claim is saved.
 */
const claimCitationSchema = z
  .object({
    source_id: optionalId('field.citation.source'),
    new_source_title: optionalText(500, 'field.source.title'),
    new_source_outlet: optionalText(200, 'field.source.outlet'),
    new_source_url: optionalUrl('field.url'),
    new_source_published_on: optionalDay('field.source.publishedOn'),
    role: citationSchema.shape.role,
    excerpt: citationSchema.shape.excerpt,
  })
  .superRefine(
    (row, ctx) => {
      const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
      const typed = NEW_SOURCE_FIELDS.some((f) => !blank(row[f]));
      if (!typed) {
        if (blank(row.source_id)) issue('source_id', english('claim.invalid.noSource'));
        return;
      }
      if (!blank(row.source_id)) return issue('new_source_title', english('claim.invalid.sourceTwice'));
      if (blank(row.new_source_title)) issue('new_source_title', english('claim.invalid.newSourceNeeds'));
      if (blank(row.new_source_outlet)) issue('new_source_outlet', english('claim.invalid.newSourceNeeds'));
    },
    { when: isObjectPayload },
  )
  .transform(({ new_source_title, new_source_outlet, new_source_url, new_source_published_on, ...row }) => ({
    ...row,
    new_source:
      new_source_title && new_source_outlet
        ? { title: new_source_title, outlet: new_source_outlet, url: new_source_url, published_on: new_source_published_on }
        : null,
  }));

/**
 * A claim as the desk form and the JSON API send it. The claimant is either an existing one
 * (`claimant_id`) or a new one (`new_claimant_name` + `new_claimant_kind`). Blank citation rows are
 * dropped after validation, so error paths keep the row numbers the user saw.
 */
export const claimSchema = z
  .object({
    claimant_id: optionalId('field.claim.claimant'),
    new_claimant_name: optionalText(200, 'field.claim.newClaimantName'),
    new_claimant_kind: choice(CLAIMANT_KINDS, 'field.claim.newClaimantKind').default('person'),
    text: requiredText(5000, 'field.claim.text'),
    quote: optionalText(5000, 'field.claim.quote'),
    quote_language: optionalLanguage('field.claim.quoteLanguage'),
    said_on: optionalPartialDate('field.claim.saidOn'),
    said_where: optionalText(300, 'field.claim.saidWhere'),
    kind: choice(CLAIM_KINDS, 'field.kind').default('statement'),
    review_due_on: optionalDay('field.claim.reviewDue'),
    topics: nameList(80, 20, 'field.claim.topics'),
    verdict: requiredText(40, 'field.claim.verdict').default('unverified'),
    verdict_rationale: optionalText(5000, 'field.claim.rationale'),
    correction_reason: optionalText(2000, 'field.claim.correctionReason'),
    state: choice(STATES, 'field.state').default('draft'),
    citations: z
      .array(
        z.preprocess((row) => (isBlankCitation(row) ? null : row), claimCitationSchema.nullable()),
        {
          message: english('claim.invalid.citationsList'),
        },
      )
      .max(MAX_CITATIONS, english('claim.invalid.tooManyCitations', { max: String(MAX_CITATIONS) }))
      .default([]),
    link_type: choice(LINK_TYPES, 'field.claim.linkType').default('contradicts'),
    link_to_claim: optionalClaimRef('field.claim.linkedClaim'),
  })
  .superRefine(
    (c, ctx) => {
      const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
      if (typeof c.claimant_id === 'number' && c.new_claimant_name) {
        issue('new_claimant_name', english('claim.invalid.claimantTwice'));
      } else if (c.claimant_id === null && c.new_claimant_name === null) {
        issue('claimant_id', english('claim.invalid.noClaimant'));
      }
      if (typeof c.verdict === 'string' && c.verdict !== 'unverified' && !c.verdict_rationale) {
        issue('verdict_rationale', english('claim.invalid.rationale'));
      }
      if (c.review_due_on && c.kind === 'statement') {
        issue('review_due_on', english('claim.invalid.reviewDue'));
      }
      if (c.quote_language && !c.quote) {
        issue('quote_language', english('claim.invalid.quoteLanguage'));
      }
      // The same source in the same role twice would be merged on save, losing one excerpt.
      if (Array.isArray(c.citations)) {
        const firstRow = new Map<string, number>();
        c.citations.forEach((row, i) => {
          if (!row || typeof row !== 'object' || typeof row.source_id !== 'number' || typeof row.role !== 'string') return;
          const key = `${row.source_id}/${row.role}`;
          const first = firstRow.get(key);
          if (first === undefined) firstRow.set(key, i);
          else
            ctx.addIssue({
              code: 'custom',
              path: ['citations', i, 'source_id'],
              message: english('claim.invalid.citedTwice', { n: String(first + 1) }),
            });
        });
      }
    },
    // Run even when other fields failed, so every problem is reported at once.
    { when: isObjectPayload },
  )
  .transform(({ citations, ...claim }) => ({
    ...claim,
    citations: citations.filter((c): c is z.output<typeof claimCitationSchema> => c !== null),
  }))
  .meta({
    description:
      'Either claimant_id or new_claimant_name (an existing claimant of that name is used, else one is made). ' +
      'A verdict other than "unverified" needs verdict_rationale; changing the verdict of a published claim needs correction_reason (why it changed, shown in the corrections log; the rationale stays the rationale); review_due_on is for promises and predictions only; ' +
      'quote_language needs a quote. said_on is YYYY-MM-DD, YYYY-MM or YYYY. topics may also be comma-separated text. ' +
      'link_to_claim (with link_type) links the new claim to an existing one. ' +
      'A citation names an existing source (source_id) or a new one (new_source_title and new_source_outlet, ' +
      'optionally new_source_url and new_source_published_on), which is created with the claim, all or nothing.',
  });

export type ClaimData = z.output<typeof claimSchema>;

/**
 * The repository's input for a validated claim whose claimant is `claimantId` (see claimantIdFor) and
 * whose citations, new sources made, are `citations`.
 */
export function toClaimInput(data: ClaimData, claimantId: number, citations: ClaimInput['citations']): ClaimInput {
  return {
    claimant_id: claimantId,
    text: data.text,
    quote: data.quote,
    quote_language: data.quote_language,
    said_on: data.said_on?.on ?? null,
    said_precision: data.said_on?.precision ?? null,
    said_where: data.said_where,
    kind: data.kind,
    review_due_on: data.review_due_on,
    verdict: data.verdict,
    verdict_rationale: data.verdict_rationale,
    state: data.state,
    topics: data.topics,
    citations,
  };
}
