import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { createApp } from '../../src/app';
import type { Connection } from '../../src/db/connection';
import { testConfig } from '../helpers/app';
import { CHROMIUM, CHROMIUM_ARGS, contrastRatio, describeBrowserOr, hueOf, parseColour } from '../helpers/browser';
import { freshDatabase } from '../helpers/db';

// Issue 13, item 7: the design system as a reader meets it — verdict badges, the two sides, links by
// context, citations, the embed card — measured on computed styles in Chromium.

const describeBrowser = describeBrowserOr('test/e2e/design.test.ts');
jest.setTimeout(120_000);

interface Badge {
  text: string;
  color: string;
  background: string;
  mark: string;
}
// The callbacks run in the page; tsconfig has no DOM types, hence the loose element type.
type El = { textContent: string | null };
const readBadges = (els: El[]): Badge[] => {
  const w = globalThis as unknown as {
    getComputedStyle: (e: El, pseudo?: string) => { color: string; backgroundColor: string; content: string };
  };
  return els.map((e) => ({
    text: (e.textContent ?? '').trim(),
    color: w.getComputedStyle(e).color,
    background: w.getComputedStyle(e).backgroundColor,
    mark: w.getComputedStyle(e, '::before').content,
  }));
};
/** One computed style property of the first element `locator` finds. */
const css = (locator: Locator, prop: 'textDecorationLine' | 'color' | 'borderTopColor' | 'paddingLeft'): Promise<string> =>
  locator
    .first()
    .evaluate(
      (e, p) => (globalThis as unknown as { getComputedStyle: (e: unknown) => Record<string, string> }).getComputedStyle(e)[p]!,
      prop,
    );

/** Red is 0–25° and 335–360°, green 75–165°: a side colour in either would suggest a verdict. */
const isRedOrGreen = (css: string): boolean => {
  const { hue, saturation } = hueOf(css);
  return saturation > 0.15 && (hue < 25 || hue > 335 || (hue > 75 && hue < 165));
};

describeBrowser('a design worthy of a newsroom', () => {
  let conn: Connection;
  let server: Server;
  let browser: Browser;
  let base: string;
  let disputeSlug = '';
  let scale: Array<{ label: string }> = [];
  const errors: unknown[] = [];

  beforeAll(async () => {
    conn = await freshDatabase({ seed: true });
    const db = conn.db;
    const dispute = await db
      .selectFrom('dispute')
      .select(['slug', 'claim_a_id', 'claim_b_id'])
      .where('question', 'like', 'Did Putin ask Trump%')
      .executeTakeFirstOrThrow();
    disputeSlug = dispute.slug;
    // Two verdicts far apart on the scale, and dated sources, so badges and citations have something to show.
    await db.updateTable('claim').set({ verdict: 'false', verdict_rationale: 'Not so.' }).where('id', '=', dispute.claim_a_id).execute();
    await db.updateTable('claim').set({ verdict: 'true', verdict_rationale: 'So.' }).where('id', '=', dispute.claim_b_id).execute();
    await db.updateTable('source').set({ published_on: '2025-03-19', published_precision: 'day' }).execute();
    scale = await db.selectFrom('verdict_rating').select('label').orderBy('position').execute();
    const app = createApp({ db, config: testConfig(), logError: (e) => errors.push(e) });
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

  async function open(path: string, { width = 1280, height = 900, locale = 'en-GB' } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height }, locale });
    const page = await context.newPage();
    const response = await page.goto(base + path);
    expect(response?.status()).toBe(200);
    return page;
  }

  const expectReadable = (badge: Badge) => {
    expect(parseColour(badge.background).a).toBeGreaterThan(0);
    expect({ text: badge.text, contrast: contrastRatio(badge.color, badge.background) >= 4.5 }).toEqual({
      text: badge.text,
      contrast: true,
    });
    // A mark besides the word, so the badge reads without colour.
    expect(badge.mark).not.toBe('none');
  };

  it('gives every verdict on the scale a filled badge of its own colour, with its word, at 4.5:1 or better', async () => {
    const page = await open('/methodology');
    const badges = await page.locator('.scale .verdict').evaluateAll(readBadges);
    expect(badges.map((b) => b.text)).toEqual(scale.map((v) => v.label));
    badges.forEach(expectReadable);
    expect(new Set(badges.map((b) => b.background)).size).toBe(scale.length);
    await page.context().close();
  });

  it('shows a dispute with its verdicts as badges, the sides labelled in neutral colours, each claimant named once', async () => {
    const page = await open(`/disputes/${disputeSlug}`);
    const [a] = await page.locator('.side-a > .claim').first().locator('.facts .verdict').evaluateAll(readBadges);
    const [b] = await page.locator('.side-b > .claim').first().locator('.facts .verdict').evaluateAll(readBadges);
    expect([a?.text, b?.text]).toEqual(['False', 'True']);
    expectReadable(a!);
    expectReadable(b!);
    expect(a!.background).not.toBe(b!.background);

    expect(await page.locator('.side-tag').allInnerTexts()).toEqual(['SIDE A', 'SIDE B']);
    const sideA = await css(page.locator('section.side-a'), 'borderTopColor');
    const sideB = await css(page.locator('section.side-b'), 'borderTopColor');
    expect(sideA).not.toBe(sideB);
    expect({ sideA, redOrGreen: isRedOrGreen(sideA) }).toEqual({ sideA, redOrGreen: false });
    expect({ sideB, redOrGreen: isRedOrGreen(sideB) }).toEqual({ sideB, redOrGreen: false });

    // The side's heading names the claimant; its card does not say it again above the claim.
    expect(await page.locator('.side-a > .claim').first().locator('.claimant').count()).toBe(0);
    expect(await page.locator('.side-a > .claim').first().locator('.more-from a').getAttribute('href')).toBe('/claimants/kremlin');

    // A citation: the source's title, then its date on a line below, and wording for a source with no link.
    const citation = page.locator('.side-b .citations li').first();
    const title = (await citation.locator('cite').boundingBox())!;
    const date = (await citation.locator('time').boundingBox())!;
    expect(date.y).toBeGreaterThanOrEqual(title.y + title.height - 1);
    expect(await citation.locator('.no-url').innerText()).toBe('no link to the original');
    await page.context().close();
  });

  it('styles links by context: navigation and headlines in ink without underline, running text underlined', async () => {
    const page = await open('/');
    const nav = page.locator('.site-header nav a[href="/disputes"]');
    expect(await css(nav, 'textDecorationLine')).toBe('none');
    expect(await css(nav, 'color')).not.toBe('rgb(0, 0, 238)');
    const headline = page.locator('.dispute-list h2 a').first();
    expect(await css(headline, 'textDecorationLine')).toBe('none');
    expect(await css(page.locator('.suggest a'), 'textDecorationLine')).toBe('underline');
    await page.context().close();
  });

  it('designs the embed card: padded, both sides labelled and dated, verdicts as badges (in Dutch too)', async () => {
    const page = await open(`/embed/disputes/${disputeSlug}`, { width: 600, height: 420, locale: 'nl-NL' });
    expect(parseFloat(await css(page.locator('.dispute-embed'), 'paddingLeft'))).toBeGreaterThanOrEqual(12);
    expect(await page.locator('.side-tag').allInnerTexts()).toEqual(['KANT A', 'KANT B']);
    expect(await page.locator('.side time').count()).toBe(2);
    const badges = await page.locator('.side .verdict').evaluateAll(readBadges);
    expect(badges.map((b) => b.text)).toEqual(['Oordeel: Onwaar', 'Oordeel: Waar']);
    badges.forEach(expectReadable);
    // Side by side in a 600 px frame, and all of it inside the frame's 420 px.
    const [left, right] = [await page.locator('.side-a').boundingBox(), await page.locator('.side-b').boundingBox()];
    expect(left!.y).toBe(right!.y);
    expect((await page.locator('.embed-source').boundingBox())!.y).toBeLessThan(420);
    await page.context().close();
  });
});
