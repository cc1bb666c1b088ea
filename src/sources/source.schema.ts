import { z } from 'zod';
import { optionalDay, optionalLanguage, optionalUrl, requiredText } from '../http/fields';

/** A source as the desk form and the JSON API send it. A source without a URL (a broadcast) is fine. */
export const sourceSchema = z.object({
  outlet: requiredText(200, 'The outlet'),
  title: requiredText(500, 'The title'),
  url: optionalUrl('The URL'),
  published_on: optionalDay('The publication date'),
  language: optionalLanguage('The language'),
  archive_url: optionalUrl('The archive URL'),
  retrieved_on: optionalDay('The retrieved date'),
});
