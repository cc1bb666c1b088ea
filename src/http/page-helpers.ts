import type { Response } from 'express';
import { HttpError } from './errors';
import { translate, type MessageKey } from './i18n';

/** The reader's 404, in their language. */
export function notFound(res: Response, key: MessageKey = 'error.notFound.body'): HttpError {
  return new HttpError(404, translate(String(res.locals.locale), key), 'not_found');
}

/** A one-line description for Open Graph: the first sentence or so of a text. */
export function excerpt(text: string | null | undefined, max = 200): string | undefined {
  if (!text) return undefined;
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}
