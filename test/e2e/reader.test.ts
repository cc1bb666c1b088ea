import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createApp } from '../../src/app';
import { testConfig } from '../helpers/app';
import { freshDatabase } from '../helpers/db';
import { CHROMIUM, CHROMIUM_ARGS, describeBrowserOr } from '../helpers/browser';
import type { Connection } from '../../src/db/connection';

// Reader pages in a real browser: layout at desktop and phone widths, facets, search, the
// language switch and axe-core. Skips (loudly) where Chromium is missing, except on CI.

const AXE = resolve(__dirname, '../../node_modules/axe-core/axe.min.js');
const ARTIFACTS = resolve(__dirname, '../../test-artifacts');
const describeBrowser = describeBrowserOr('test/e2e');
jest.setTimeout(60_000);

describeBrowser('reader pages in Chromium', () => {
  let conn: Connection;
  let server: Server;
  let browser: Browser;
  let base: string;
  let disputePath: string;
  const errors: unknown[] = [];

  beforeAll(async () => {
    conn = await freshDatabase({ seed: true });
    const { slug } = await conn.db
      .selectFrom('dispute')
      .select('slug')
      .where('question', 'like', 'Did Putin ask Trump%')
      .executeTakeFirstOrThrow();
    disputePath = `/disputes/${slug}`;
    const app = createApp({ db: conn.db, config: testConfig(), logError: (e) => errors.push(e) });
    server = await new Promise<Server>((done) => {
      const s = app.listen(0, '127.0.0.1', () => done(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => server?.close(done));
    await conn?.db.destroy();
    expect(errors).toEqual([]);
  });

  // bypassCSP only so that axe can be injected: the app's CSP forbids inline scripts, as it should.
  async function open(path: string, width = 1280, { bypassCSP = false } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'en-GB', bypassCSP });
    const page = await context.newPage();
    const response = await page.goto(base + path);
    expect(response?.status()).toBe(200);
    return page;
  }

  it('puts the two sides next to each other on a wide screen and stacks them on a phone', async () => {
    const wide = await open(disputePath, 1280);
    const a = (await wide.locator('.side-a').boundingBox())!;
    const b = (await wide.locator('.side-b').boundingBox())!;
    expect(Math.abs(a.y - b.y)).toBeLessThan(2);
    expect(b.x).toBeGreaterThanOrEqual(a.x + a.width);
    await wide.screenshot({ path: resolve(ARTIFACTS, 'dispute-1280.png'), fullPage: true });
    await wide.context().close();

    const phone = await open(disputePath, 375);
    const pa = (await phone.locator('.side-a').boundingBox())!;
    const pb = (await phone.locator('.side-b').boundingBox())!;
    expect(pb.y).toBeGreaterThanOrEqual(pa.y + pa.height);
    expect(Math.abs(pa.x - pb.x)).toBeLessThan(2);
    expect(await phone.locator('#side-a-label').innerText()).toMatch(/Side A/i);
    expect(await phone.locator('#side-b-label').innerText()).toMatch(/Side B/i);
    // Nothing sticks out sideways on a phone.
    // (The callbacks run in the page; tsconfig has no DOM types, hence the globalThis casts.)
    const scrollWidth = await phone.evaluate(
      () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth,
    );
    expect(scrollWidth).toBeLessThanOrEqual(375);
    await phone.screenshot({ path: resolve(ARTIFACTS, 'dispute-375.png'), fullPage: true });
    await phone.context().close();
  });

  it('filters the fact-check table through facet links, and removes the filter again', async () => {
    const page = await open('/claims');
    const link = page.locator('a[data-facet="claimant"][data-value="kremlin"]');
    const count = Number(await link.locator('xpath=following-sibling::span[@class="count"]').innerText());
    await link.click();
    await page.waitForURL(/claimant=kremlin/);
    expect(await page.locator('table.fact-checks tbody tr').count()).toBe(count);
    const claimants = await page.locator('table.fact-checks tbody td:first-child').allInnerTexts();
    expect(new Set(claimants)).toEqual(new Set(['Kremlin']));
    await page.locator('a[data-facet="claimant"][data-value="kremlin"]').click();
    await page.waitForURL((url) => !url.search.includes('claimant'));
    expect(await page.locator('table.fact-checks tbody tr').count()).toBeGreaterThan(count);
    await page.context().close();
  });

  it('finds an accented word typed without accents', async () => {
    const page = await open('/');
    await page.fill('#site-search-q', 'oekraine');
    await page.press('#site-search-q', 'Enter');
    await page.waitForURL(/\/search\?q=oekraine/);
    const marks = await page.locator('.search-results mark').allInnerTexts();
    expect(marks.map((m) => m.toLowerCase())).toContain('oekraïne');
    await page.context().close();
  });

  it('switches language and remembers it', async () => {
    const page = await open(disputePath);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.locator('.lang-switch a[hreflang="nl"]').click();
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toBe(disputePath);
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    expect(await page.locator('#timeline-label').innerText()).toBe('Tijdlijn van de uitwisseling');
    await page.goto(`${base}/claims`);
    expect(await page.locator('h1').innerText()).toBe('Factchecks');
    await page.context().close();
  });

  it('has no axe-core violations on the home, list, dispute and search pages', async () => {
    for (const path of ['/', '/disputes', '/claims?topic=ceasefire', disputePath, '/search?q=oekraine', '/methodology']) {
      const page = await open(path, 1280, { bypassCSP: true });
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const result = await (
          globalThis as unknown as {
            axe: { run: (o?: unknown) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> };
          }
        ).axe.run();
        return result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target) }));
      });
      expect({ path, violations }).toEqual({ path, violations: [] });
      await page.context().close();
    }
  });
});
