import { requireUtf8 } from './http/body';
import express, { type Express } from 'express';
import compression from 'compression';
import helmet from 'helmet';
import type { Logger } from 'pino';
import pinoHttp from 'pino-http';
import { join } from 'node:path';
import type { Config } from './config';
import type { Db } from './db/connection';
import { accountDesk } from './accounts/accounts.desk';
import { accountPages } from './accounts/accounts.pages';
import { csrfProtection, loadUser, requireLogin, requireRole } from './accounts/auth.middleware';
import { deskRouter } from './desk/desk';
import { apiRouter } from './api/api';
import { importRouter } from './imports/imports.desk';
import { readerPages } from './pages';
import { claimHistoryDesk } from './claims/claim-history.desk';
import { disputeHistoryDesk } from './disputes/dispute-history.desk';
import { errorHandler, notFoundHandler } from './http/errors';
import { chooseLocale, pathWithoutLang } from './http/locale';
import { absoluteUrl, paths } from './http/urls';
import { createViewEngine, VIEWS_DIR } from './http/views';
import { readChangeStamp } from './db/change-stamp';
import { pageCache } from './http/page-cache';
import { requireUtf8Url } from './http/url-encoding';
import { readLimits } from './http/read-limits';

export interface AppDeps {
  db: Db;
  config: Config;
  /** Where unexpected errors go; defaults to the logger, else stderr. */
  logError?: (err: unknown) => void;
  /** Request logging; tests leave it out. */
  logger?: Logger;
}

/** Builds the web application for a database. No side effects: nothing is opened or listened on. */
export function createApp({ db, config, logger, logError }: AppDeps): Express {
  const reportError =
    logError ?? (logger ? (err: unknown) => logger.error({ err }, 'unexpected error') : (err: unknown) => console.error(err));
  const app = express();
  if (logger) app.use(pinoHttp({ logger, autoLogging: { ignore: (req) => req.url === paths.health() } }));
  const views = createViewEngine();
  app.engine('hbs', (file, options, callback) => {
    try {
      const name = file
        .slice(VIEWS_DIR.length + 1)
        .replace(/\\/g, '/')
        .replace(/\.hbs$/, '');
      callback(null, views.render(name, options as Record<string, unknown>));
    } catch (err) {
      callback(err);
    }
  });
  app.set('view engine', 'hbs');
  app.set('views', VIEWS_DIR);
  app.set('x-powered-by', false);
  app.set('query parser', 'simple');
  if (config.trustProxy > 0) app.set('trust proxy', config.trustProxy);

  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'form-action': ["'self'"] },
      },
    }),
  );
  app.locals.siteName = config.newsroom.name;
  app.locals.baseUrl = config.baseUrl;
  // Pages and JSON are compressed; downloads (exports, attachments) are not: they are large, streamed
  // as fast as the database gives rows, and gzip would become their bottleneck.
  app.use(compression({ filter: (req, res) => !res.getHeader('Content-Disposition') && compression.filter(req, res) }));
  app.use(chooseLocale);
  app.use((req, res, next) => {
    res.locals.canonicalUrl = absoluteUrl(config.baseUrl, req.path);
    res.locals.currentPath = req.path;
    res.locals.backPath = pathWithoutLang(req.originalUrl);
    next();
  });
  app.use(requireUtf8Url);

  app.get(paths.health(), (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get(paths.stylesheet(), (_req, res) => {
    res.type('text/css').sendFile(join(VIEWS_DIR, 'assets', 'site.css'), { maxAge: '1h' });
  });
  app.get(paths.similarClaimsScript(), (_req, res) => {
    res.type('text/javascript').sendFile(join(VIEWS_DIR, 'assets', 'similar-claims.js'), { maxAge: '1h' });
  });
  app.get(paths.citationRowsScript(), (_req, res) => {
    res.type('text/javascript').sendFile(join(VIEWS_DIR, 'assets', 'citation-rows.js'), { maxAge: '1h' });
  });
  app.get(paths.favicon(), (_req, res) => {
    res.type('image/svg+xml').sendFile(join(VIEWS_DIR, 'assets', 'favicon.svg'), { maxAge: '1d' });
  });
  app.get(paths.faviconIco(), (_req, res) => {
    res.type('image/x-icon').sendFile(join(VIEWS_DIR, 'assets', 'favicon.ico'), { maxAge: '1d' });
  });

  // Who is asking: an API bearer token or the session cookie. CSRF is checked once the body is read.
  app.use(loadUser({ db, config }));
  // Per-address limits on anonymous searches and exports, and the cap on exports running at once.
  app.use(readLimits({ db, config }));
  app.use(paths.api(), apiRouter({ db, config }).router);
  // The import form takes pasted files larger than any other form: it parses its own body (and checks CSRF).
  app.use(paths.deskImport(), requireRole('editor', 'admin'), importRouter({ db, config }));
  app.use(express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 2000, verify: requireUtf8 }));
  app.use(express.json({ limit: '1mb', verify: requireUtf8 }));
  app.use(csrfProtection);

  app.use(
    pageCache({
      stamp: () => readChangeStamp(db),
      maxBytes: config.pageCacheBytes,
      staleSeconds: config.pageCacheStaleSeconds,
      countsStaleSeconds: config.countsStaleSeconds,
    }),
  );
  app.use(readerPages({ db, config }));
  app.use(claimHistoryDesk({ db }));
  app.use(disputeHistoryDesk({ db }));
  app.use(accountPages({ db, config }));
  app.use(accountDesk({ db, config }));
  app.use(paths.desk(), requireLogin, deskRouter({ db, config }));

  app.use(notFoundHandler);
  app.use(errorHandler(reportError));
  return app;
}
