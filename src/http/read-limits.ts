import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Config } from '../config';
import type { Db } from '../db/connection';
import { EXPORT_FORMATS } from '../exports/formats';
import { HttpError } from './errors';
import { translate } from './i18n';
import { rateLimitStore } from './rate-limit-store';
import { paths } from './urls';

// Limits on what costs the database most and needs no login: searches (any GET with a `q`: /search,
// the lists' ?q=, their table twins and the API) and exports (the lists' table twins). Per client
// address (behind a proxy, see TRUST_PROXY), counted in memory on SQLite and in the database on
// PostgreSQL, where several processes share the count (rate-limit-store.ts); signed-in journalists are
// not counted. Exports are also capped in number running at once, for everyone, per process: that cap
// guards the process's own memory and connections.

/** What a 503 for "too many exports running" asks clients to wait: an export takes tens of seconds. */
const EXPORT_RETRY_AFTER_SECONDS = 30;

const EXPORT_PATHS = new Set(EXPORT_FORMATS.flatMap((format) => [paths.claimsTable(format), paths.disputesTable(format)]));

const isSearch = (query: unknown) => {
  const q = (query as Record<string, unknown>).q;
  return (Array.isArray(q) ? q : [q]).some((value) => typeof value === 'string' && value.trim() !== '');
};

function perMinute(db: Db, limit: number, key: 'limits.searches' | 'limits.exports'): RequestHandler {
  const store = rateLimitStore(db, key);
  return rateLimit({
    windowMs: 60_000,
    limit,
    ...(store ? { store } : {}),
    // The `RateLimit` header (IETF draft 7) tells clients how many are left; a refusal also gets Retry-After.
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skip: (_req, res) => Boolean(res.locals.user),
    // A request refused for bad input (400, 422) cost nothing and is not counted; one that ran is,
    // a read stopped past its budget (503) included.
    skipFailedRequests: true,
    requestWasSuccessful: (_req, res) => res.statusCode < 400 || res.statusCode >= 500,
    handler: (req, res, next) => {
      const seconds = Number(res.getHeader('Retry-After') ?? 60);
      next(new HttpError(429, translate(String(res.locals.locale ?? 'en'), key, { n: limit, seconds }), 'rate_limited'));
    },
  });
}

/** The limits as one middleware, for createApp to put after the user is known and before the routes. */
export function readLimits({ db, config }: { db: Db; config: Pick<Config, 'limits'> }): RequestHandler {
  const { searchesPerMinute, exportsPerMinute, concurrentExports } = config.limits;
  const searches = searchesPerMinute > 0 ? perMinute(db, searchesPerMinute, 'limits.searches') : null;
  const exports = exportsPerMinute > 0 ? perMinute(db, exportsPerMinute, 'limits.exports') : null;
  let running = 0;
  const exportSlot: RequestHandler = (_req, res, next) => {
    if (running >= concurrentExports) {
      res.set('Retry-After', String(EXPORT_RETRY_AFTER_SECONDS));
      next(new HttpError(503, translate(String(res.locals.locale ?? 'en'), 'limits.exportsRunning'), 'busy'));
      return;
    }
    running++;
    res.once('close', () => running--);
    next();
  };
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const exporting = EXPORT_PATHS.has(req.path);
    const steps = [searches && isSearch(req.query) ? searches : null, exporting ? exports : null, exporting ? exportSlot : null].filter(
      (step): step is RequestHandler => step !== null,
    );
    const run = (i: number) => {
      if (i === steps.length) return next();
      void steps[i]!(req, res, (err?: unknown) => (err ? next(err) : run(i + 1)));
    };
    run(0);
  };
}
