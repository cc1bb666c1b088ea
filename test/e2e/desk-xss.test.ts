import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { createApp } from '../../src/app';
import type { Connection } from '../../src/db/connection';
import { testConfig } from '../helpers/app';
import { createUser, TEST_PASSWORD } from '../helpers/auth';
import { CHROMIUM, CHROMIUM_ARGS, describeBrowserOr } from '../helpers/browser';
import { freshDatabase } from '../helpers/db';

// A claim whose text is markup, saved through the desk form in a real browser: its public page
// shows the text and runs nothing (no dialog ever opens).

const describeBrowser = describeBrowserOr('test/e2e/desk-xss.test.ts');
jest.setTimeout(60_000);

const PAYLOAD = '<img src=x onerror=alert(1)>';

describeBrowser('hostile text in a real browser', () => {
  let conn: Connection;
  let server: Server;
  let browser: Browser;
  let base: string;
  const errors: unknown[] = [];

  beforeAll(async () => {
    conn = await freshDatabase({ seed: true });
    await createUser(conn.db, 'editor', 'browser-editor@example.test');
    const app = createApp({ db: conn.db, config: testConfig(), logError: (e) => errors.push(e) });
    server = await new Promise<Server>((done) => {
      const s = app.listen(0, '127.0.0.1', () => done(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => server?.close(done));
    await conn?.db.destroy();
    expect(errors).toEqual([]);
  });

  it('saves <img src=x onerror=alert(1)> through the desk form; the public page shows it and no dialog fires', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });

    await page.goto(`${base}/login`);
    await page.fill('#email', 'browser-editor@example.test');
    await page.fill('#password', TEST_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/desk`), page.click('main button[type="submit"]')]);

    await page.goto(`${base}/desk/claims/new`);
    // The option shows the claimant's aliases too.
    const kremlin = await conn!.db.selectFrom('claimant').select('id').where('slug', '=', 'kremlin').executeTakeFirstOrThrow();
    await page.selectOption('#f-claimant_id', String(kremlin.id));
    await page.fill('#f-text', PAYLOAD);
    await page.fill('#f-quote', PAYLOAD);
    await page.fill('#f-said_where', PAYLOAD);
    await page.selectOption('#f-state', 'published');
    await Promise.all([page.waitForURL(/\/desk\/claims\/\d+\?created=1$/), page.click('main button:has-text("Create claim")')]);
    const id = Number(/\/desk\/claims\/(\d+)/.exec(page.url())![1]);
    // The desk's own page after saving is one place it could run.
    expect(await page.inputValue('#f-said_where')).toBe(PAYLOAD);

    for (const path of [`/claims/${id}`, '/claims', `/claims/${id}/history`]) {
      const response = await page.goto(base + path);
      expect(response?.status()).toBe(200);
      await page.waitForLoadState('load');
    }
    await page.goto(`${base}/claims/${id}`);
    expect(await page.locator('main').innerText()).toContain(PAYLOAD);
    expect(await page.locator('main img[src="x"]').count()).toBe(0);
    // Give a late onerror the chance it would take.
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    await context.close();
  });
});
