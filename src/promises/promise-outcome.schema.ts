import { z } from 'zod';
import { PROMISE_OUTCOMES } from '../domain/vocabulary';
import { choice, requiredDay, requiredText } from '../http/fields';

/** A promise's outcome as the desk's outcome form and the JSON API (PUT /claims/{id}/outcome) send it. */
export const outcomeSchema = z.object({
  outcome: choice(PROMISE_OUTCOMES, 'field.outcome'),
  rationale: requiredText(5000, 'field.outcome.rationale'),
  assessed_on: requiredDay('field.outcome.assessedOn'),
});

export type OutcomeInput = z.infer<typeof outcomeSchema>;
