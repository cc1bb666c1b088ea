import express, { type Express } from 'express';
import helmet from 'helmet';
import { join } from 'node:path';
import type { Config } from './config';
import type { Db } from './db/connection';
import { accountsRouter } from './accounts/accounts.routes';
import { csrfProtection, loadUser, requireLogin } from './accounts/auth.middleware';
import { deskRouter } from './desk/desk.routes';
import { publicRouter } from './public/public.routes';
import { errorHandler, notFoundHandler } from './http/errors';
import { chooseLocale } from './http/locale';
import { paths } from './http/urls';
import { createViewEngine, VIEWS_DIR } from './http/views';
import { historyRouter } from './revisions/history.routes';

export interface AppDeps {
  db: Db;
  config: Config;
  /** Where unexpected errors go; defaults to stderr. */
  logError?: (err: unknown) => void;
}

/** Builds the web application for a database. No side effects: nothing is opened or listened on. */
export function createApp({ db, config, logError = (err) => console.error(err) }: AppDeps): Express {
  const app = express();
  const views = createViewEngine();
  app.engine('hbs', (file, options, callback) => {
    try {
      const name = file.slice(VIEWS_DIR.length + 1).replace(/\\/g, '/').replace(/\.hbs$/, '');
      callback(null, views.render(name, options as Record<string, unknown>));
    } catch (err) {
      callback(err as Error);
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
  app.use(chooseLocale);
  app.use((req, res, next) => {
    res.locals.canonicalUrl = new URL(req.path, `${config.baseUrl}/`).toString();
    res.locals.currentPath = req.path;
    next();
  });

  app.get(paths.health(), (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get(paths.stylesheet(), (_req, res) => {
    res.type('text/css').sendFile(join(VIEWS_DIR, 'assets', 'site.css'), { maxAge: '1h' });
  });

  app.use(express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 2000 }));
  app.use(express.json({ limit: '1mb' }));
  // Who is asking (session cookie or API token), then CSRF on every state-changing request.
  app.use(loadUser({ db, config }));
  app.use(csrfProtection);

  app.use(publicRouter({ db, config }));
  app.use(historyRouter({ db, config }));
  app.use(accountsRouter({ db, config }));
  app.use(paths.desk(), requireLogin, deskRouter({ db, config }));

  app.use(notFoundHandler);
  app.use(errorHandler(logError));
  return app;
}
