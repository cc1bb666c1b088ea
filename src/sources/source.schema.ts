import { z } from 'zod';
import { optionalDay, optionalLanguage, optionalUrl, requiredText } from '../http/fields';

/** A source as the desk form and the JSON API send it. A source without a URL (a broadcast) is fine. */
export const sourceSchema = z.object({
  outlet: requiredText(200, 'field.source.outlet'),
  title: requiredText(500, 'field.source.title'),
  url: optionalUrl('field.url'),
  published_on: optionalDay('field.source.publishedOn'),
  language: optionalLanguage('field.language'),
  archive_url: optionalUrl('field.source.archiveUrl'),
  retrieved_on: optionalDay('field.source.retrievedOn'),
});
