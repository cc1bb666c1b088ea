import { z } from 'zod';
import { english } from '../http/localized';

/** `?text=&limit=` of the similar-claims lookups: the API's and the desk form's (its suggestions as you type). */
export const similarQuery = z.object({
  text: z
    .string({ message: english('similar.invalid.text') })
    .trim()
    .min(1, english('similar.invalid.text'))
    .max(4000, english('similar.invalid.text'))
    .meta({ description: 'The text of a claim, as it would be logged' }),
  limit: z.coerce
    .number({ message: english('similar.invalid.limit') })
    .int(english('similar.invalid.limit'))
    .min(1, english('similar.invalid.limit'))
    .max(20, english('similar.invalid.limit'))
    .default(5)
    .meta({ description: 'How many claims at most (1–20)' }),
});
