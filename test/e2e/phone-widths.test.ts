import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createApp } from '../../src/app';
import type { Connection } from '../../src/db/connection';
import { slugify } from '../../src/domain/slug';
import { testConfig } from '../helpers/app';
import { createUser, TEST_PASSWORD } from '../helpers/auth';
import { CHROMIUM, CHROMIUM_ARGS, describeBrowserOr } from '../helpers/browser';
import { freshDatabase } from '../helpers/db';

// Every reader and desk page at phone, tablet and desktop widths: nothing may scroll sideways.
// With SCREENSHOTS=<folder> (under test-artifacts/) each page is also photographed at 390 and 1280 px.

const describeBrowser = describeBrowserOr('test/e2e/phone-widths.test.ts');
jest.setTimeout(300_000);

const WIDTHS = [320, 390, 768, 1280];
const AXE = resolve(__dirname, '../../node_modules/axe-core/axe.min.js');
const SHOTS = process.env.SCREENSHOTS ? resolve(__dirname, '../../test-artifacts', process.env.SCREENSHOTS) : undefined;
// A word no browser may break at a hyphen or space: it must wrap anyway.
const LONG_WORD = `https://example.org/${'verylongpathsegment'.repeat(6)}?with=parameters`;

interface Measure {
  scrollWidth: number;
  innerWidth: number;
}
// The callbacks run in the page; tsconfig has no DOM types, hence the cast.
const measure = (): Measure => {
  const w = globalThis as unknown as { innerWidth: number; document: { documentElement: { scrollWidth: number } } };
  return { scrollWidth: w.document.documentElement.scrollWidth, innerWidth: w.innerWidth };
};

describeBrowser('every page fits every width', () => {
  let conn: Connection;
  let server: Server;
  let browser: Browser;
  let base: string;
  const errors: unknown[] = [];
  const reader: Array<[string, string]> = [];
  const desk: Array<[string, string]> = [];
  let deskClaimId = 0;

  beforeAll(async () => {
    conn = await freshDatabase({ seed: true });
    const db = conn.db;
    await createUser(db, 'admin', 'phone-admin@example.test');
    const dispute = await db
      .selectFrom('dispute')
      .select(['id', 'slug'])
      .where('question', 'like', 'Did Putin ask Trump%')
      .executeTakeFirstOrThrow();
    // The longest texts make the hardest cases.
    const claim = await db
      .selectFrom('claim')
      .select('id')
      .where('state', '=', 'published')
      .orderBy((eb) => eb.fn('length', ['text']), 'desc')
      .executeTakeFirstOrThrow();
    const claimant = await db.selectFrom('claimant').select(['id', 'slug']).orderBy('id').executeTakeFirstOrThrow();
    const source = await db
      .selectFrom('source')
      .select(['id', 'outlet'])
      .orderBy((eb) => eb.fn('length', ['url']), 'desc')
      .executeTakeFirstOrThrow();
    const topic = await db.selectFrom('topic').select('slug').where('slug', '=', 'ceasefire').executeTakeFirstOrThrow();
    deskClaimId = claim.id;
    reader.push(
      ['home', '/'],
      ['disputes', '/disputes'],
      ['claims', '/claims'],
      ['claims filtered', `/claims?topic=${topic.slug}&claimant=${claimant.slug}`],
      ['dispute', `/disputes/${dispute.slug}`],
      ['claim', `/claims/${claim.id}`],
      ['claim history', `/claims/${claim.id}/history`],
      ['claimant', `/claimants/${claimant.slug}`],
      ['source', `/sources/${source.id}`],
      ['outlet', `/outlets/${slugify(source.outlet)}`],
      ['topic', `/topics/${topic.slug}`],
      ['methodology', '/methodology'],
      ['search', '/search?q=oekraine'],
      ['corrections', '/corrections'],
      ['open data', '/open-data'],
      ['login', '/login'],
      ['embed', `/embed/disputes/${dispute.slug}`],
    );
    desk.push(
      ['desk home', '/desk'],
      ['desk due', '/desk/due'],
      ['desk claims', '/desk/claims'],
      ['desk claim new', '/desk/claims/new'],
      ['desk claim edit', `/desk/claims/${claim.id}`],
      ['desk claim history', `/desk/claims/${claim.id}/history`],
      ['desk disputes', '/desk/disputes'],
      ['desk dispute new', '/desk/disputes/new'],
      ['desk dispute edit', `/desk/disputes/${dispute.id}`],
      ['desk dispute history', `/desk/disputes/${dispute.id}/history`],
      ['desk claimants', '/desk/claimants'],
      ['desk claimant new', '/desk/claimants/new'],
      ['desk claimant edit', `/desk/claimants/${claimant.id}`],
      ['desk sources', '/desk/sources'],
      ['desk source new', '/desk/sources/new'],
      ['desk source edit', `/desk/sources/${source.id}`],
      ['desk import', '/desk/import'],
      ['desk users', '/desk/users'],
      ['desk tokens', '/desk/tokens'],
    );
    const app = createApp({ db, config: testConfig(), logError: (e) => errors.push(e) });
    server = await new Promise<Server>((done) => {
      const s = app.listen(0, '127.0.0.1', () => done(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => server?.close(done));
    await conn?.db.destroy();
    expect(errors).toEqual([]);
  });

  async function signIn(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.fill('#email', 'phone-admin@example.test');
    await page.fill('#password', TEST_PASSWORD);
    await Promise.all([page.waitForURL(`${base}/desk`), page.click('main button[type="submit"]')]);
    return page;
  }

  /** Where `page` scrolls sideways, as "name at width: scrollWidth > innerWidth"; photographed if asked. */
  async function check(page: Page, name: string, width: number): Promise<string | undefined> {
    if (SHOTS && (width === 390 || width === 1280)) {
      await page.screenshot({ path: resolve(SHOTS, `${slugify(name)}-${width}.png`), fullPage: true });
    }
    const m = await page.evaluate(measure);
    return m.scrollWidth > m.innerWidth ? `${name} at ${width} px: ${m.scrollWidth} px wide` : undefined;
  }

  async function visitAll(page: Page, pages: Array<[string, string]>, width: number): Promise<string[]> {
    const found: string[] = [];
    for (const [name, path] of pages) {
      const response = await page.goto(base + path);
      expect({ name, status: response?.status() }).toEqual({ name, status: 200 });
      const problem = await check(page, name, width);
      if (problem) found.push(problem);
    }
    return found;
  }

  it('lets no reader page scroll sideways at 320, 390, 768 or 1280 px', async () => {
    const found: string[] = [];
    for (const width of WIDTHS) {
      const context = await browser.newContext({ viewport: { width, height: 800 }, locale: 'en-GB' });
      found.push(...(await visitAll(await context.newPage(), reader, width)));
      await context.close();
    }
    expect(found).toEqual([]);
  });

  it('lets no desk page scroll sideways, signed in as an admin, the conflict page included', async () => {
    const found: string[] = [];
    for (const width of WIDTHS) {
      const context = await browser.newContext({ viewport: { width, height: 800 }, locale: 'en-GB' });
      const page = await signIn(context);
      found.push(...(await visitAll(page, desk, width)));

      // The conflict page: two tabs open the same claim; the second save meets the first one's.
      const form = `${base}/desk/claims/${deskClaimId}`;
      const other = await context.newPage();
      await other.goto(form);
      await page.goto(form);
      await other.fill('#f-text', `The other tab’s edit at ${width} px, see ${LONG_WORD}`);
      await Promise.all([other.waitForURL(/\/desk\/claims\/\d+/), other.click('main form.record button:has-text("Save claim")')]);
      // The other tab stays open until the context closes (closing it here hangs Chromium after its save).
      await page.fill('#f-text', `This tab’s edit at ${width} px, see ${LONG_WORD}`);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.click('main form.record button:has-text("Save claim")'),
      ]);
      expect(response.status()).toBe(409);
      await page.waitForLoadState();
      expect(await page.locator('table.conflict-table').count()).toBe(1);
      const problem = await check(page, 'desk conflict', width);
      if (problem) found.push(problem);
      await context.close();
    }
    expect(found).toEqual([]);
  });

  it('has no axe-core violations on any reader or desk page, nor on the claim form with added rows and a source error', async () => {
    // bypassCSP only so that axe can be injected: the app's CSP forbids inline scripts, as it should.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', bypassCSP: true });
    const axe = async (page: Page, name: string): Promise<string[]> => {
      await page.addScriptTag({ path: AXE });
      const ids = await page.evaluate(async () => {
        const a = (globalThis as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string }> }> } }).axe;
        return (await a.run()).violations.map((v) => v.id);
      });
      return ids.map((id) => `${name}: ${id}`);
    };
    const found: string[] = [];
    const readerPage = await context.newPage();
    for (const [name, path] of reader) {
      await readerPage.goto(base + path);
      found.push(...(await axe(readerPage, name)));
    }
    const page = await signIn(context);
    for (const [name, path] of desk) {
      await page.goto(base + path);
      found.push(...(await axe(page, name)));
    }
    // The claim form's states: rows added in place, then a new source refused with its fields unfolded.
    await page.goto(`${base}/desk/claims/new`);
    await page.click('#add-citation');
    found.push(...(await axe(page, 'desk claim new, a row added')));
    await page.fill('#f-text', 'A claim whose new source has no outlet.');
    await page.click('#f-citations-0-new_source_title >> xpath=ancestor::details/summary');
    await page.fill('#f-citations-0-new_source_title', 'A title without its outlet');
    await Promise.all([page.waitForNavigation(), page.click('main button:has-text("Create claim")')]);
    expect(await page.locator('#f-citations-0-new_source_outlet-error').count()).toBe(1);
    found.push(...(await axe(page, 'desk claim new, a source error')));
    await context.close();
    expect(found).toEqual([]);
  });

  it('shows the content soon on a phone: a compact header, and the filters before the list', async () => {
    // bypassCSP only so that axe can be injected.
    const context = await browser.newContext({ viewport: { width: 390, height: 800 }, locale: 'en-GB', bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${base}/claims`);
    const header = (await page.locator('.site-header').boundingBox())!;
    expect(header.height).toBeLessThanOrEqual(100);
    const filters = (await page.locator('.facets').boundingBox())!;
    const table = (await page.locator('table.fact-checks').boundingBox())!;
    expect(filters.y).toBeLessThan(table.y);
    // Every header link is reachable without JavaScript: the menu opens with a click on its summary.
    await page.locator('.site-header details.site-menu > summary').click();
    if (SHOTS) await page.screenshot({ path: resolve(SHOTS, 'menu-open-390.png') });
    for (const href of ['/disputes', '/claims', '/methodology', '/corrections', '/login', '/search']) {
      expect({
        href,
        visible: await page.locator(`.site-header a[href="${href}"], .site-header form[action="${href}"]`).first().isVisible(),
      }).toEqual({
        href,
        visible: true,
      });
    }
    // The folded menu and filters keep the page accessible.
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string }> }> } }).axe;
      return (await axe.run()).violations.map((v) => v.id);
    });
    expect(violations).toEqual([]);
    await context.close();
  });
});
