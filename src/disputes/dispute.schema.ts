import { z } from 'zod';
import type { DisputeInput } from './dispute.repository';
import { DISPUTE_STATUSES, STATES } from '../domain/vocabulary';
import { choice, claimRef, isObjectPayload, optionalSlug, optionalText, requiredText } from '../http/fields';
import { english } from '../http/localized';

/** A dispute as the desk form and the JSON API send it; the sides are claim ids or picker entries ("#12 — …"). */
export const disputeSchema = z
  .object({
    question: requiredText(300, 'field.dispute.question'),
    slug: optionalSlug('field.slug'),
    summary: optionalText(5000, 'field.dispute.summary'),
    status: choice(DISPUTE_STATUSES, 'field.dispute.status').default('open'),
    state: choice(STATES, 'field.state').default('draft'),
    claim_a: claimRef('field.dispute.sideA'),
    claim_b: claimRef('field.dispute.sideB'),
  })
  .superRefine(
    (d, ctx) => {
      if (typeof d.claim_a === 'number' && d.claim_a === d.claim_b) {
        ctx.addIssue({ code: 'custom', path: ['claim_b'], message: english('dispute.invalid.sameSides') });
      }
    },
    // Run even when other fields failed, so every problem is reported at once.
    { when: isObjectPayload },
  )
  .meta({ description: 'claim_a and claim_b are the ids of two different claims.' });

export type DisputeData = z.output<typeof disputeSchema>;

/** The repository's input for a validated dispute. */
export function toDisputeInput({ claim_a, claim_b, ...rest }: DisputeData): DisputeInput {
  return { ...rest, claim_a_id: claim_a, claim_b_id: claim_b };
}
