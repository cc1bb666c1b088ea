import { z } from 'zod';
import { CLAIMANT_KINDS } from '../domain/vocabulary';
import { choice, nameList, optionalSlug, optionalText, requiredText } from '../http/fields';

/** Other names, as an array or as text with one name per line (the desk's textarea); blanks dropped. */
export const aliasList = z
  .preprocess((v) => (typeof v === 'string' ? v.split('\n') : v), nameList(200, 30, 'field.aliases'))
  .meta({ description: 'Other names and spellings it is known by ("also known as"); replaces the stored list.' });

/** A claimant as the desk form and the JSON API send it. */
export const claimantSchema = z.object({
  name: requiredText(200, 'field.name'),
  slug: optionalSlug('field.slug'),
  kind: choice(CLAIMANT_KINDS, 'field.kind'),
  description: optionalText(2000, 'field.claimant.description'),
  aliases: aliasList,
});
