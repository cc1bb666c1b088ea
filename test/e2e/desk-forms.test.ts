import { type Page } from 'playwright-core';
import type { Connection } from '../../src/db/connection';
import { createUser } from '../helpers/auth';
import { describeBrowserOr } from '../helpers/browser';
import { signIn, startBrowserApp, type BrowserApp } from '../helpers/browser-app';

// An editor fills in the desk's forms in Chromium as a person would (typing, picking, clicking the
// button) and every submit lands where it should: the import report, or the record just saved.
// Nothing is posted by hand, so a form that lacks its CSRF field fails here with a 403.

const describeBrowser = describeBrowserOr('test/e2e/desk-forms.test.ts');
jest.setTimeout(120_000);

const CSV = [
  'claimant,claimant_kind,said_on,text,verdict,verdict_rationale,state,topics',
  'Ministry of Browsers,government,2025-03,Every form on the desk works in a real browser,unverified,,draft,Testing',
].join('\n');

describeBrowser('the desk forms in a real browser', () => {
  let app: BrowserApp;
  let conn: Connection;
  let base: string;
  let page: Page;
  const failures: string[] = [];

  beforeAll(async () => {
    app = await startBrowserApp();
    ({ conn, base } = app);
    await createUser(conn.db, 'editor', 'forms-editor@example.test');
    ({ page } = await signIn(app, 'forms-editor@example.test', {
      // Every page the browser is answered with, documents only: a refused submit shows up here.
      onPage: (p) =>
        p.on('response', (response) => {
          if (response.request().resourceType() === 'document' && response.status() >= 400) {
            failures.push(`${response.request().method()} ${response.url()} → ${response.status()}`);
          }
        }),
    }));
  });

  afterAll(async () => {
    await app?.close();
    expect(app?.errors).toEqual([]);
  });

  afterEach(() => {
    expect(failures.splice(0)).toEqual([]);
  });

  /** Clicks a submit button and waits for the page the form leads to. */
  async function submit(button: string): Promise<number> {
    const [response] = await Promise.all([page.waitForNavigation(), page.click(button)]);
    return response?.status() ?? 0;
  }

  let claimantId = 0;
  let sourceId = 0;
  let claimId = 0;

  it('imports a pasted CSV: a dry run, then the import, each ending on its report', async () => {
    await page.goto(`${base}/desk/import`);
    await page.fill('#import-content', CSV);
    expect(await submit('main button[value="dry-run"]')).toBe(200);
    expect(await page.textContent('#report-label')).toBe('Dry run: nothing was written');
    // The form keeps what was pasted, so the import is one click away.
    expect(await page.inputValue('#import-content')).toBe(CSV);
    expect(await submit('main button[value="import"]')).toBe(200);
    expect(await page.textContent('#report-label')).toBe('Imported');
    const claim = await conn.db
      .selectFrom('claim')
      .select('text')
      .where('text', '=', 'Every form on the desk works in a real browser')
      .executeTakeFirst();
    expect(claim).toBeDefined();
  });

  it('creates a claimant', async () => {
    await page.goto(`${base}/desk/claimants/new`);
    await page.fill('#f-name', 'Gazette Editorial Board');
    await page.selectOption('#f-kind', 'organisation');
    await page.fill('#f-description', 'The board that writes the Gazette’s leaders.');
    expect(await submit('main button:has-text("Create claimant")')).toBe(200);
    const m = /\/desk\/claimants\/(\d+)\?/.exec(page.url());
    expect(m).not.toBeNull();
    claimantId = Number(m![1]);
    expect(await page.textContent('main h1')).toContain('Gazette Editorial Board');
    expect(await page.textContent('.flash')).toBe('Created.');
  });

  it('creates a source, with its dates picked in date inputs', async () => {
    await page.goto(`${base}/desk/sources/new`);
    await page.fill('#f-outlet', 'The Browser Gazette');
    await page.fill('#f-title', 'Leader: the desk in a browser');
    await page.fill('#f-url', 'https://gazette.example/leader');
    await page.fill('#f-published_on', '2025-03-14');
    await page.fill('#f-retrieved_on', '2025-03-15');
    expect(await submit('main button:has-text("Create source")')).toBe(200);
    const m = /\/desk\/sources\/(\d+)\?/.exec(page.url());
    expect(m).not.toBeNull();
    sourceId = Number(m![1]);
    expect(await page.inputValue('#f-published_on')).toBe('2025-03-14');
  });

  it('creates a published claim that cites the new source', async () => {
    await page.goto(`${base}/desk/claims/new`);
    await page.selectOption('#f-claimant_id', String(claimantId));
    await page.fill('#f-text', 'The desk’s forms all work in a browser.');
    await page.fill('#f-said_on', '2025-03-14');
    await page.selectOption('#f-citations-0-source_id', String(sourceId));
    await page.selectOption('#f-citations-0-role', 'made_in');
    await page.fill('#f-citations-0-excerpt', 'Every form works.');
    await page.selectOption('#f-state', 'published');
    expect(await submit('main button:has-text("Create claim")')).toBe(200);
    // It resembles the claim imported above: unless the as-you-type check showed that first (a race with
    // typing), the server asks before saving, and the editor saves anyway.
    if (await page.locator('#similar-notice').count()) expect(await submit('main button[name="similar"][value="ignore"]')).toBe(200);
    const m = /\/desk\/claims\/(\d+)\?/.exec(page.url());
    expect(m).not.toBeNull();
    claimId = Number(m![1]);
    expect(await page.inputValue('#f-citations-0-source_id')).toBe(String(sourceId));
    const citations = await conn.db.selectFrom('citation').select(['source_id', 'role']).where('claim_id', '=', claimId).execute();
    expect(citations).toEqual([{ source_id: sourceId, role: 'made_in' }]);
  });

  it('frames a dispute between the new claim and a seed claim, picked from the claim list', async () => {
    await page.goto(`${base}/desk/disputes/new`);
    const picks: string[] = [];
    for (const option of await page.locator('#claim-picker option').all()) picks.push((await option.getAttribute('value')) ?? '');
    const ours = picks.find((p) => p.startsWith(`#${claimId} —`));
    const other = picks.find((p) => p.includes('Kremlin:'));
    expect(ours).toBeDefined();
    expect(other).toBeDefined();
    await page.fill('#f-question', 'Do the desk’s forms work in a browser?');
    await page.fill('#f-claim_a', ours!);
    await page.fill('#f-claim_b', other!);
    await page.selectOption('#f-state', 'published');
    expect(await submit('main button:has-text("Create dispute")')).toBe(200);
    expect(page.url()).toMatch(/\/desk\/disputes\/\d+\?/);
    expect(await page.inputValue('#f-claim_a')).toBe(ours);
    const publicLink = await page.getAttribute('.record-meta a', 'href');
    expect(publicLink).toMatch(/^\/disputes\/[a-z0-9-]+$/);
    const reader = await page.goto(base + publicLink!);
    expect(reader?.status()).toBe(200);
    expect(await page.locator('main').innerText()).toContain('The desk’s forms all work in a browser.');
  });
});
