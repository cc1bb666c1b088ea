import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createApp } from '../../src/app';
import type { Connection } from '../../src/db/connection';
import { testConfig } from './app';
import { TEST_PASSWORD } from './auth';
import { CHROMIUM, CHROMIUM_ARGS } from './browser';
import { freshDatabase } from './db';

// What the desk's browser tests share: the seeded app on a loopback port, one Chromium, and signing in
// through the login form as a person would.

export interface BrowserApp {
  conn: Connection;
  base: string;
  browser: Browser;
  /** What reached the app's error handler: a browser test ends with none. */
  errors: unknown[];
  close(): Promise<void>;
}

/** The seed dataset served on 127.0.0.1 (a free port) with Chromium launched; `close()` ends all three. */
export async function startBrowserApp(): Promise<BrowserApp> {
  const conn = await freshDatabase({ seed: true });
  const errors: unknown[] = [];
  const app = createApp({ db: conn.db, config: testConfig(), logError: (e) => errors.push(e) });
  const server = await new Promise<Server>((done) => {
    const s = app.listen(0, '127.0.0.1', () => done(s));
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return {
    conn,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    browser,
    errors,
    async close() {
      await browser.close();
      await new Promise((done) => server.close(done));
      await conn.db.destroy();
    },
  };
}

/** Signs `email` (a user made with createUser, TEST_PASSWORD) in through /login, in a new context; lands on /desk. */
export async function signIn(
  app: BrowserApp,
  email: string,
  options: { javaScriptEnabled?: boolean; locale?: string; onPage?: (page: Page) => void } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await app.browser.newContext({ locale: options.locale ?? 'en-GB', javaScriptEnabled: options.javaScriptEnabled ?? true });
  const page = await context.newPage();
  options.onPage?.(page);
  await page.goto(`${app.base}/login`);
  await page.fill('#email', email);
  await page.fill('#password', TEST_PASSWORD);
  await Promise.all([page.waitForURL(`${app.base}/desk`), page.click('main button[type="submit"]')]);
  return { context, page };
}
