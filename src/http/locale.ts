import { parse as parseCookies } from 'cookie';
import type { RequestHandler } from 'express';
import { isLocale, LOCALES, type Locale } from './i18n';

export const LOCALE_COOKIE = 'lang';

/**
 * Picks the interface language: `?lang=` on this request, else the `lang` cookie set by the
 * language switch, else Accept-Language, else English.
 */
export const chooseLocale: RequestHandler = (req, res, next) => {
  const fromQuery = req.query.lang;
  const fromCookie = req.headers.cookie ? parseCookies(req.headers.cookie)[LOCALE_COOKIE] : undefined;
  const preferred = req.acceptsLanguages(...LOCALES);
  let locale: Locale = 'en';
  if (isLocale(fromQuery)) locale = fromQuery;
  else if (isLocale(fromCookie)) locale = fromCookie;
  else if (isLocale(preferred)) locale = preferred;
  res.locals.locale = locale;
  res.vary('Accept-Language').vary('Cookie');
  next();
};

/** A `back` address for redirects: only a path on this site ("/x", never "//evil.example" or "/\\evil"). */
export function localPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 2000) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return null;
  return value;
}

/** The current address with `lang` taken out of its query, so the switch links do not stack. */
export function pathWithoutLang(originalUrl: string): string {
  const url = new URL(originalUrl, 'http://local');
  url.searchParams.delete('lang');
  return url.pathname + url.search;
}
