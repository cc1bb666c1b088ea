import type { RequestHandler } from 'express';
import { HttpError } from './errors';
import { translate } from './i18n';

/** The text behind percent escapes, or null when they are not UTF-8 ("%", "%FF", "%C3%28"). */
export function decodedOrNull(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

const decodes = (text: string) => decodedOrNull(text) !== null;

/**
 * Refuses, with a 400 in the reader's language, an address whose percent escapes are not UTF-8
 * ("%FF", "%C3%28", a lone "%"): in the path or in any parameter's name or value, on every route.
 * Why here: Express's query parser quietly turns such escapes into replacement characters (a 200 with
 * a wrong filter), while its route parameters refuse them; one check makes both the same.
 */
export const requireUtf8Url: RequestHandler = (req, res, next) => {
  const url = req.url;
  if (!url.includes('%')) {
    next();
    return;
  }
  const locale = String(res.locals.locale ?? 'en');
  const at = url.indexOf('?');
  const path = at < 0 ? url : url.slice(0, at);
  if (!decodes(path)) {
    next(new HttpError(400, translate(locale, 'error.badEscape.path'), 'invalid_encoding'));
    return;
  }
  if (at < 0) {
    next();
    return;
  }
  for (const pair of url.slice(at + 1).split('&')) {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    if (decodes(pair.replace(/\+/g, ' '))) continue;
    // The parameter is named as it was sent when its own name is what cannot be read.
    const shown = (decodedOrNull(name.replace(/\+/g, ' ')) ?? name).slice(0, 60);
    const reason = translate(locale, 'error.badEscape');
    next(new HttpError(400, `${translate(locale, 'error.badParam', { name: shown })}: ${reason}`, 'invalid_encoding', { [shown]: reason }));
    return;
  }
  next();
};
