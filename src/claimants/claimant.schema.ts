import { z } from 'zod';
import { CLAIMANT_KINDS } from '../domain/vocabulary';
import { choice, optionalSlug, optionalText, requiredText } from '../http/fields';

/** A claimant as the desk form and the JSON API send it. */
export const claimantSchema = z.object({
  name: requiredText(200, 'field.name'),
  slug: optionalSlug('field.slug'),
  kind: choice(CLAIMANT_KINDS, 'field.kind'),
  description: optionalText(2000, 'field.claimant.description'),
});
