import type { Connection } from '../../src/db/connection';
import { createUser } from '../helpers/auth';
import { describeBrowserOr } from '../helpers/browser';
import { signIn, startBrowserApp, type BrowserApp } from '../helpers/browser-app';

// A claim whose text is markup, saved through the desk form in a real browser: its public page
// shows the text and runs nothing (no dialog ever opens).

const describeBrowser = describeBrowserOr('test/e2e/desk-xss.test.ts');
jest.setTimeout(60_000);

const PAYLOAD = '<img src=x onerror=alert(1)>';

describeBrowser('hostile text in a real browser', () => {
  let app: BrowserApp;
  let conn: Connection;
  let base: string;

  beforeAll(async () => {
    app = await startBrowserApp();
    ({ conn, base } = app);
    await createUser(conn.db, 'editor', 'browser-editor@example.test');
  });

  afterAll(async () => {
    await app?.close();
    expect(app?.errors).toEqual([]);
  });

  it('saves <img src=x onerror=alert(1)> through the desk form; the public page shows it and no dialog fires', async () => {
    const dialogs: string[] = [];
    const { context, page } = await signIn(app, 'browser-editor@example.test', {
      onPage: (p) =>
        p.on('dialog', (dialog) => {
          dialogs.push(dialog.message());
          void dialog.dismiss();
        }),
    });

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
