import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isDatabaseBusy, isQueryTimeout } from '../db/db-errors';
import { NotFound, RuleViolation, VersionConflict } from '../domain/errors';
import { escapeHtml } from './html';
import { translate } from './i18n';
import { english, localize, localizeAll } from './localized';

/** An error that already knows its HTTP status and a message safe to show. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = 'error',
    /** Field name → message, for JSON error bodies ({ error: { code, message, fields } }). */
    readonly fields: Record<string, string> = {},
    /** More members of a JSON error body, beside `error` (e.g. `current` for a version conflict). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** What a 503 (a busy database) asks clients to wait before trying again. */
const BUSY_RETRY_AFTER_SECONDS = 2;

function classify(err: unknown): {
  status: number;
  code: string;
  message: string | null;
  fields?: Record<string, string>;
  extra?: Record<string, unknown>;
} {
  if (err instanceof HttpError) return { status: err.status, code: err.code, message: err.message, fields: err.fields, extra: err.extra };
  if (err instanceof NotFound) return { status: 404, code: 'not_found', message: err.message };
  if (err instanceof RuleViolation)
    return { status: 409, code: 'conflict', message: err.message, fields: err.field ? { [err.field]: err.message } : {} };
  if (err instanceof VersionConflict) return { status: 409, code: 'version_conflict', message: english('editorial.rule.versionConflict') };
  // Another process (an import, a backup) held the database for longer than a write may wait: nothing
  // was saved, and trying again shortly will work. Retry-After says when (see errorHandler).
  // PostgreSQL: a query past its budget (QUERY_TIMEOUT_MS) was cancelled; the same answer for now.
  if (isDatabaseBusy(err) || isQueryTimeout(err)) return { status: 503, code: 'busy', message: english('request.busy') };
  const e = err as { status?: number; statusCode?: number; type?: string; message?: string };
  const status = e.status ?? e.statusCode;
  // body-parser and friends mark client errors (bad JSON, too large, bad encoding) with a 4xx status.
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return {
      status,
      code: e.type ?? 'bad_request',
      message: english(status === 413 ? 'request.tooLarge' : 'request.unreadable'),
    };
  }
  return { status: 500, code: 'internal', message: null };
}

export const notFoundHandler: RequestHandler = (_req, res, next) => {
  next(new HttpError(404, translate(String(res.locals.locale ?? 'en'), 'error.notFound.body'), 'not_found'));
};

/** The one error handler: JSON for API and .json URLs, a small page otherwise; never a stack trace. */
export function errorHandler(log: (err: unknown) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const { status, code, message, fields: englishFields = {}, extra = {} } = classify(err);
    if (status >= 500) log(err);
    if (res.headersSent) {
      res.end();
      return;
    }
    const locale = String(res.locals.locale ?? 'en');
    const title =
      status === 404
        ? translate(locale, 'error.notFound')
        : status >= 500
          ? translate(locale, 'error.server')
          : status === 409
            ? translate(locale, 'error.conflict')
            : translate(locale, 'error.badRequest');
    // Messages made in English deep in the code are shown in the user's language (see localized.ts).
    const text = message === null ? translate(locale, 'error.server.body') : localize(locale, message);
    const fields = localizeAll(locale, englishFields);
    res.status(status);
    if (status === 503) res.set('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
    if (req.path.startsWith('/api/') || req.path.endsWith('.json') || !req.accepts('html')) {
      res.json({ ...extra, error: { code, message: text, fields } });
      return;
    }
    // With a callback, a template that fails to render comes back here instead of reaching
    // Express's default handler (which would print the stack trace).
    res.render('error', { title, message: text, status }, (renderError: Error | null, html?: string) => {
      if (renderError || html === undefined) {
        log(renderError);
        res.type('text/plain').send(escapeHtml(`${status} ${title}: ${text}`));
      } else {
        res.send(html);
      }
    });
  };
}
