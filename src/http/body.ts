import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './errors';
import { english } from './localized';
import { decodedOrNull } from './url-encoding';

const NOT_UTF8 = english('request.notUtf8');

/** Whether every percent-escape of a form body decodes to valid UTF-8 ("%FF" does not). */
function formEscapesAreUtf8(body: string): boolean {
  return body.split('&').every((pair) => decodedOrNull(pair.replace(/\+/g, ' ')) !== null);
}

/**
 * A body-parser `verify` hook: a body that is not valid UTF-8 — raw, or hidden in a form's percent
 * escapes — is refused with a 400 instead of being stored with replacement characters.
 */
export function requireUtf8(req: IncomingMessage, _res: ServerResponse, body: Buffer): void {
  const form = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  if (!isUtf8(body) || (form && !formEscapesAreUtf8(body.toString('latin1')))) {
    throw new HttpError(400, NOT_UTF8, 'invalid_encoding');
  }
}
