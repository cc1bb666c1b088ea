import { type BrowserContext, type Page } from 'playwright-core';
import type { Connection } from '../../src/db/connection';
import { createUser } from '../helpers/auth';
import { describeBrowserOr } from '../helpers/browser';
import { signIn, startBrowserApp, type BrowserApp } from '../helpers/browser-app';

// Issue 13, item 10: a dispute with two sides, one supporter and three new sources, logged at the desk in
// at most four form submissions. Sources are typed in the claim form's citation rows and made with the
// claim; a fourth row is added in place by the script; every POST that navigates is counted.

const describeBrowser = describeBrowserOr('test/e2e/dispute-in-four-submissions.test.ts');
jest.setTimeout(120_000);

const SOURCES = [
  { title: 'Harbour dues to double, port authority says', outlet: 'The Quayside Courier', url: 'https://quayside.example/dues' },
  { title: 'Dockers’ union disputes the dues figures', outlet: 'Radio Wharf', url: '' },
  { title: 'Annual accounts of the port authority', outlet: 'Port Authority of Gainsay', url: 'https://port.example/accounts' },
];
const TEXT_A = 'Harbour dues for fishing boats will double next spring.';
const TEXT_B = 'Harbour dues for fishing boats will stay frozen until the next council term.';
const TEXT_SUPPORT = 'The port authority’s accounts show the dues rising for fishing fleets.';

describeBrowser('a dispute in four form submissions', () => {
  let app: BrowserApp;
  let conn: Connection;
  let base: string;

  beforeAll(async () => {
    app = await startBrowserApp();
    ({ conn, base } = app);
    await createUser(conn.db, 'editor', 'four-submissions@example.test');
  });

  afterAll(async () => {
    await app?.close();
    expect(app?.errors).toEqual([]);
  });

  async function signedIn(javaScriptEnabled: boolean): Promise<{ context: BrowserContext; page: Page }> {
    return signIn(app, 'four-submissions@example.test', { javaScriptEnabled });
  }

  /** Every form submission from here on: navigations made by a POST (a page that a button sent). */
  function countSubmissions(page: Page): { posts: string[] } {
    const counter = { posts: [] as string[] };
    page.on('request', (request) => {
      if (request.isNavigationRequest() && request.method() === 'POST') counter.posts.push(new URL(request.url()).pathname);
    });
    return counter;
  }

  async function submit(page: Page, button: string): Promise<void> {
    const [response] = await Promise.all([page.waitForNavigation(), page.click(button)]);
    expect(response?.status()).toBe(200);
    expect(await page.locator('.error-summary').count()).toBe(0);
  }

  async function typeNewSource(page: Page, row: number, source: (typeof SOURCES)[number], role: string): Promise<void> {
    await page.click(`#f-citations-${row}-new_source_title >> xpath=ancestor::details/summary`);
    await page.fill(`#f-citations-${row}-new_source_title`, source.title);
    await page.fill(`#f-citations-${row}-new_source_outlet`, source.outlet);
    if (source.url) await page.fill(`#f-citations-${row}-new_source_url`, source.url);
    await page.selectOption(`#f-citations-${row}-role`, role);
  }

  async function pickerEntry(page: Page, text: string): Promise<string> {
    const values = await page.locator('#claim-picker option').evaluateAll((options) => options.map((o) => o.getAttribute('value') ?? ''));
    const entry = values.find((v) => v.includes(text.slice(0, 40)));
    expect(entry).toBeDefined();
    return entry!;
  }

  const sourceId = async (title: string) =>
    (await conn.db.selectFrom('source').select('id').where('title', '=', title).executeTakeFirstOrThrow()).id;

  it('logs two sides, a supporter and three new sources in no more than four submissions', async () => {
    const { context, page } = await signedIn(true);
    const counter = countSubmissions(page);

    // 1. Side A, its claimant and its source typed in the form.
    await page.goto(`${base}/desk/claims/new`);
    await page.fill('#f-new_claimant_name', 'Port Authority of Gainsay');
    await page.selectOption('#f-new_claimant_kind', 'organisation');
    await page.fill('#f-text', TEXT_A);
    await typeNewSource(page, 0, SOURCES[0]!, 'made_in');
    await page.selectOption('#f-state', 'published');
    await submit(page, 'main button:has-text("Create claim")');

    // 2. Side B with two new sources and, in a row added in place, side A's source; linked as contradicting A.
    await page.goto(`${base}/desk/claims/new`);
    await page.fill('#f-new_claimant_name', 'Dockers’ Union');
    await page.selectOption('#f-new_claimant_kind', 'organisation');
    await page.fill('#f-text', TEXT_B);
    await typeNewSource(page, 0, SOURCES[1]!, 'made_in');
    await typeNewSource(page, 1, SOURCES[2]!, 'evidence_against');
    expect(await page.locator('fieldset.citation').count()).toBe(2);
    await page.click('#add-citation');
    expect(await page.locator('fieldset.citation').count()).toBe(3);
    expect(await page.textContent('#citation-status')).toBe('Citation 3 added.');
    expect(await page.locator('#f-citations-2-source_id:focus').count()).toBe(1);
    // What was typed before the row was added is still there.
    expect(await page.inputValue('#f-citations-1-new_source_title')).toBe(SOURCES[2]!.title);
    await page.selectOption('#f-citations-2-source_id', String(await sourceId(SOURCES[0]!.title)));
    await page.selectOption('#f-citations-2-role', 'reported_by');
    await page.fill('#f-citations-2-excerpt', 'dues will double');
    await page.selectOption('#f-link_type', 'contradicts');
    await page.fill('#f-link_to_claim', await pickerEntry(page, TEXT_A));
    await page.selectOption('#f-state', 'published');
    await submit(page, 'main button:has-text("Create claim")');

    // 3. The supporter of side A, citing a source made in step 2.
    await page.goto(`${base}/desk/claims/new`);
    await page.fill('#f-new_claimant_name', 'Quayside Ratepayers’ Association');
    await page.selectOption('#f-new_claimant_kind', 'organisation');
    await page.fill('#f-text', TEXT_SUPPORT);
    await page.selectOption('#f-citations-0-source_id', String(await sourceId(SOURCES[2]!.title)));
    await page.selectOption('#f-citations-0-role', 'evidence_for');
    await page.selectOption('#f-link_type', 'supports');
    await page.fill('#f-link_to_claim', await pickerEntry(page, TEXT_A));
    await page.selectOption('#f-state', 'published');
    await submit(page, 'main button:has-text("Create claim")');

    // 4. The dispute between the two sides.
    await page.goto(`${base}/desk/disputes/new`);
    await page.fill('#f-question', 'Will harbour dues for fishing boats double?');
    await page.fill('#f-claim_a', await pickerEntry(page, TEXT_A));
    await page.fill('#f-claim_b', await pickerEntry(page, TEXT_B));
    await page.selectOption('#f-state', 'published');
    await submit(page, 'main button:has-text("Create dispute")');

    console.log(
      `Form submissions for a dispute with two sides, one supporter and three new sources: ${counter.posts.length} (${counter.posts.join(', ')})`,
    );
    expect(counter.posts.length).toBeLessThanOrEqual(4);

    // What a reader sees: both sides, the supporter under side A, and the three sources.
    const publicLink = await page.getAttribute('.record-meta a', 'href');
    expect(publicLink).toMatch(/^\/disputes\/[a-z0-9-]+$/);
    await page.goto(base + publicLink!);
    const main = await page.locator('main').innerText();
    for (const text of [TEXT_A, TEXT_B, TEXT_SUPPORT, ...SOURCES.map((s) => s.title)]) expect(main).toContain(text);
    expect(await page.locator('.supported-by').count()).toBe(1);
    await context.close();
  });

  it('adds a citation row without JavaScript by sending the form back, keeping what was typed and saving nothing', async () => {
    const { context, page } = await signedIn(false);
    const counter = countSubmissions(page);
    const before = await conn.db
      .selectFrom('source')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await page.goto(`${base}/desk/claims/new`);
    await page.fill('#f-text', 'Typed before adding a row.');
    await page.click('#f-citations-1-new_source_title >> xpath=ancestor::details/summary');
    await page.fill('#f-citations-1-new_source_title', 'A source typed before adding a row');
    await page.fill('#f-citations-1-new_source_outlet', 'The Typing Gazette');
    await submit(page, '#add-citation');
    expect(counter.posts).toEqual(['/desk/claims/new']);
    expect(await page.locator('fieldset.citation').count()).toBe(3);
    expect(await page.inputValue('#f-text')).toBe('Typed before adding a row.');
    expect(await page.inputValue('#f-citations-1-new_source_title')).toBe('A source typed before adding a row');
    expect(await page.locator('#f-citations-1-new_source_title').isVisible()).toBe(true);
    const after = await conn.db
      .selectFrom('source')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    await context.close();
  });
});
