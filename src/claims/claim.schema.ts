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
  requiredText,
  isObjectPayload,
} from '../http/fields';

export const MAX_CITATIONS = 50;

function blank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

/** A citation row with nothing filled in; forms always offer a few, and they mean "no citation". */
export function isBlankCitation(row: unknown): boolean {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return false;
  const r = row as Record<string, unknown>;
  return blank(r.source_id) && blank(r.role) && blank(r.excerpt);
}

export const citationSchema = z.object({
  source_id: idField('The source'),
  role: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.enum(CITATION_ROLES, { message: 'Choose the role of this source: made in, reported by, evidence for or evidence against.' }),
  ),
  excerpt: optionalText(2000, 'The excerpt'),
});

/**
 * A claim as the desk form and the JSON API send it. The claimant is either an existing one
 * (`claimant_id`) or a new one (`new_claimant_name` + `new_claimant_kind`). Blank citation rows are
 * dropped after validation, so error paths keep the row numbers the user saw.
 */
export const claimSchema = z
  .object({
    claimant_id: optionalId('The claimant'),
    new_claimant_name: optionalText(200, 'The new claimant’s name'),
    new_claimant_kind: choice(CLAIMANT_KINDS, 'The new claimant’s kind').default('person'),
    text: requiredText(5000, 'The claim'),
    quote: optionalText(5000, 'The original quote'),
    quote_language: optionalLanguage('The language of the quote'),
    said_on: optionalPartialDate('When it was said'),
    said_where: optionalText(300, 'Where it was said'),
    kind: choice(CLAIM_KINDS, 'The kind').default('statement'),
    review_due_on: optionalDay('The review-due date'),
    topics: nameList(80, 20, 'Topics'),
    verdict: requiredText(40, 'The verdict').default('unverified'),
    verdict_rationale: optionalText(5000, 'The rationale'),
    state: choice(STATES, 'The state').default('draft'),
    citations: z
      .array(
        z.preprocess((row) => (isBlankCitation(row) ? null : row), citationSchema.nullable()),
        {
          message: 'The citations must be a list.',
        },
      )
      .max(MAX_CITATIONS, `A claim can have at most ${MAX_CITATIONS} citations.`)
      .default([]),
    link_type: choice(LINK_TYPES, 'The link type').default('contradicts'),
    link_to_claim: optionalClaimRef('The linked claim'),
  })
  .superRefine(
    (c, ctx) => {
      const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
      if (typeof c.claimant_id === 'number' && c.new_claimant_name) {
        issue('new_claimant_name', 'Pick an existing claimant or type the name of a new one, not both.');
      } else if (c.claimant_id === null && c.new_claimant_name === null) {
        issue('claimant_id', 'Pick who said it, or type the name of a new claimant.');
      }
      if (typeof c.verdict === 'string' && c.verdict !== 'unverified' && !c.verdict_rationale) {
        issue('verdict_rationale', 'Explain the verdict: every verdict other than “unverified” needs a rationale.');
      }
      if (c.review_due_on && c.kind === 'statement') {
        issue('review_due_on', 'Only promises and predictions have a review-due date: change the kind or clear the date.');
      }
      if (c.quote_language && !c.quote) {
        issue('quote_language', 'Paste the original quote, or leave its language empty.');
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
              message: `This source is already cited in that role (citation ${first + 1}): put both excerpts in one row, or choose another role.`,
            });
        });
      }
    },
    // Run even when other fields failed, so every problem is reported at once.
    { when: isObjectPayload },
  )
  .transform(({ citations, ...claim }) => ({
    ...claim,
    citations: citations.filter((c): c is z.output<typeof citationSchema> => c !== null),
  }))
  .meta({
    description:
      'Either claimant_id or new_claimant_name (an existing claimant of that name is used, else one is made). ' +
      'A verdict other than "unverified" needs verdict_rationale; review_due_on is for promises and predictions only; ' +
      'quote_language needs a quote. said_on is YYYY-MM-DD, YYYY-MM or YYYY. topics may also be comma-separated text. ' +
      'link_to_claim (with link_type) links the new claim to an existing one.',
  });

export type ClaimData = z.output<typeof claimSchema>;

/** The repository's input for a validated claim whose claimant is `claimantId` (see claimantIdFor). */
export function toClaimInput(data: ClaimData, claimantId: number): ClaimInput {
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
    citations: data.citations,
  };
}
