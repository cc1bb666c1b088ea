import { z } from 'zod';
import { withPrecision } from '../domain/partial-date';
import {
  optionalDay,
  optionalLanguage,
  optionalPartialDate,
  optionalPrecision,
  optionalUrl,
  precisionTooFine,
  requiredText,
} from '../http/fields';

/**
 * A source as the desk form and the JSON API send it. A source without a URL (a broadcast) is fine.
 * Its publication date may be a day, a month or a year (`2025-03-18`, `2025-03`, `2025`), stored as
 * the first day of the period with its precision; the API may also send the precision on its own, as
 * it reads it back (`"2025-03-01"` with `"month"`).
 */
export const sourceSchema = z
  .object({
    outlet: requiredText(200, 'field.source.outlet'),
    title: requiredText(500, 'field.source.title'),
    url: optionalUrl('field.url'),
    published_on: optionalPartialDate('field.source.publishedOn'),
    published_precision: optionalPrecision('field.source.publishedPrecision'),
    language: optionalLanguage('field.language'),
    archive_url: optionalUrl('field.source.archiveUrl'),
    retrieved_on: optionalDay('field.source.retrievedOn'),
  })
  .transform(({ published_on, published_precision, ...rest }, ctx) => {
    const date = published_on && published_precision ? withPrecision(published_on, published_precision) : published_on;
    if (date === null && published_on) {
      ctx.addIssue({ code: 'custom', path: ['published_precision'], message: precisionTooFine('field.source.publishedOn') });
      return z.NEVER;
    }
    return { ...rest, published_on: date?.on ?? null, published_precision: date?.precision ?? null };
  });
