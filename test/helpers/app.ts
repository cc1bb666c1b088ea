import express, { type Express } from 'express';
import { createApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import type { Connection } from '../../src/db/connection';
import type { Role } from '../../src/accounts/roles';
import { createSession } from '../../src/accounts/session.repository';
import { freshDatabase } from './db';
import { createUser } from './auth';

/** Staleness 0 (pages and counts): a test sees every write at once; the page-cache tests ask for a bound themselves. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({
      DATABASE_PATH: ':memory:',
      BASE_URL: 'http://gainsay.test',
      NEWSROOM_NAME: 'Test Desk',
      PAGE_CACHE_STALE_SECONDS: '0',
      COUNTS_STALE_SECONDS: '0',
    }),
    ...overrides,
  };
}

export interface TestApp extends Connection {
  app: Express;
  config: Config;
  errors: unknown[];
  /** With `signedInAs`: the app itself, without the signed-in wrapper (for anonymous requests). */
  rawApp: Express;
  userId: number | null;
}

/**
 * An app on a fresh database; `errors` collects what the error handler logged (tests expect it empty).
 * With `signedInAs`, every request through `app` comes from a signed-in user of that role: the
 * session cookie and the CSRF header are added the way a browser and a form would send them.
 */
export async function testApp({
  seed = true,
  config = testConfig(),
  signedInAs,
}: { seed?: boolean; config?: Config; signedInAs?: Role } = {}): Promise<TestApp> {
  const conn = await freshDatabase({ seed });
  const errors: unknown[] = [];
  const app = createApp({ db: conn.db, config, logError: (e) => errors.push(e) });
  if (!signedInAs) return { ...conn, app, rawApp: app, config, errors, userId: null };
  const user = await createUser(conn.db, signedInAs, `${signedInAs}-fixture@example.test`);
  const session = await createSession(conn.db, user.id);
  const outer = express();
  outer.use((req, _res, next) => {
    req.headers.cookie = [req.headers.cookie, `gainsay_session=${session.token}`].filter(Boolean).join('; ');
    req.headers['x-csrf-token'] ??= session.csrfSecret;
    next();
  });
  outer.use(app);
  return { ...conn, app: outer, rawApp: app, config, errors, userId: user.id };
}

/**
 * A fresh app on a fresh database for every test of the file, handed to `use`; after each test it
 * checks that the error handler logged nothing unexpected and closes the database.
 */
export function useTestApp(use: (app: TestApp) => void, options: Parameters<typeof testApp>[0] = {}): void {
  let current: TestApp | undefined;
  beforeEach(async () => {
    current = await testApp(options);
    use(current);
  });
  afterEach(async () => {
    expect(current!.errors).toEqual([]);
    await current!.db.destroy();
  });
}
