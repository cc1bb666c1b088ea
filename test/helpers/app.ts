import type { Express } from 'express';
import { createApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import type { Connection } from '../../src/db/connection';
import { freshDatabase } from './db';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ DATABASE_PATH: ':memory:', BASE_URL: 'http://gainsay.test', NEWSROOM_NAME: 'Test Desk' }), ...overrides };
}

export interface TestApp extends Connection {
  app: Express;
  config: Config;
  errors: unknown[];
}

/** An app on a fresh database; `errors` collects what the error handler logged (tests expect it empty). */
export async function testApp({ seed = true, config = testConfig() }: { seed?: boolean; config?: Config } = {}): Promise<TestApp> {
  const conn = await freshDatabase({ seed });
  const errors: unknown[] = [];
  const app = createApp({ db: conn.db, config, logError: (e) => errors.push(e) });
  return { ...conn, app, config, errors };
}
