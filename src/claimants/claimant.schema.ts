import { z } from 'zod';
import { CLAIMANT_KINDS } from '../domain/vocabulary';
import { choice, optionalSlug, optionalText, requiredText } from '../http/fields';

/** A claimant as the desk form and the JSON API send it. */
export const claimantSchema = z.object({
  name: requiredText(200, 'The name'),
  slug: optionalSlug('The slug'),
  kind: choice(CLAIMANT_KINDS, 'The kind'),
  description: optionalText(2000, 'The description'),
});
