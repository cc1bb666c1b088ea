import { type Page } from 'playwright-core';
import type { Connection } from '../../src/db/connection';
import { createUser } from '../helpers/auth';
import { describeBrowserOr } from '../helpers/browser';
import { signIn, startBrowserApp, type BrowserApp } from '../helpers/browser-app';

// A journalist logs a claim that rewords a seed claim: the desk shows the seed claim (who said it,
// its verdict and dispute) and one click saves the new claim linked to it as a repeat — with
// JavaScript (suggestions as you type) and without (shown when saving).

const describeBrowser = describeBrowserOr('test/e2e/repeat-detection.test.ts');
jest.setTimeout(120_000);

const SEED_TEXT = 'Donald Trump says military aid was not discussed in his phone call with Vladimir Putin.';

describeBrowser('repeat detection on the claim form in a real browser', () => {
  let app: BrowserApp;
  let conn: Connection;
  let base: string;
  let seedId: number;

  beforeAll(async () => {
    app = await startBrowserApp();
    ({ conn, base } = app);
    seedId = (await conn.db.selectFrom('claim').select('id').where('text', '=', SEED_TEXT).executeTakeFirstOrThrow()).id;
    await createUser(conn.db, 'reporter', 'repeats-reporter@example.test');
  });

  afterAll(async () => {
    await app?.close();
    expect(app?.errors).toEqual([]);
  });

  async function signedIn(javaScriptEnabled: boolean): Promise<{ page: Page; consoleErrors: string[] }> {
    const consoleErrors: string[] = [];
    const { page } = await signIn(app, 'repeats-reporter@example.test', {
      javaScriptEnabled,
      onPage: (p) =>
        p.on('console', (m) => {
          if (m.type() === 'error') consoleErrors.push(m.text());
        }),
    });
    await page.goto(`${base}/desk/claims/new`);
    // By value: the option's label also lists the claimant's aliases ("Donald Trump (also: …)").
    const trump = await page.locator('#f-claimant_id option', { hasText: 'Donald Trump' }).first().getAttribute('value');
    await page.selectOption('#f-claimant_id', trump);
    await page.fill('#f-said_where', 'Press conference');
    return { page, consoleErrors };
  }

  /** The claim saved last, and its links. */
  async function savedClaim(text: string) {
    const claim = await conn.db.selectFrom('claim').select(['id', 'said_where']).where('text', '=', text).executeTakeFirstOrThrow();
    const links = await conn.db.selectFrom('claim_link').select(['to_claim_id', 'type']).where('from_claim_id', '=', claim.id).execute();
    return { ...claim, links };
  }

  it('without JavaScript: saving shows the seed claim, and "Link as repeat" saves and links in one click', async () => {
    const text = 'Trump says military aid never came up in his phone call with Putin.';
    const { page } = await signedIn(false);
    await page.fill('#f-text', text);
    await Promise.all([page.waitForNavigation(), page.click('form.record button[type="submit"]:not([name])')]);
    const panel = page.locator('#similar');
    expect(await panel.isVisible()).toBe(true);
    expect(await panel.textContent()).toContain(SEED_TEXT);
    expect(await panel.textContent()).toContain('Donald Trump');
    expect(await panel.textContent()).toContain('Did Putin ask Trump to stop military aid');
    expect(await page.inputValue('#f-text')).toBe(text);
    await Promise.all([page.waitForNavigation(), page.click(`#similar button[name="repeat_of"][value="${seedId}"]`)]);
    expect(page.url()).toMatch(/\/desk\/claims\/\d+/);
    expect(await savedClaim(text)).toMatchObject({ said_where: 'Press conference', links: [{ to_claim_id: seedId, type: 'repeats' }] });
    await page.context().close();
  });

  it('with JavaScript: the seed claim is suggested as the journalist types, and "Link as repeat" saves and links in one click', async () => {
    const text = 'According to Trump, military aid never came up during the phone call with Putin.';
    const { page, consoleErrors } = await signedIn(true);
    await page.locator('#f-text').pressSequentially(text, { delay: 5 });
    const suggestion = page.locator('#similar li', { hasText: SEED_TEXT });
    await suggestion.waitFor({ state: 'visible' });
    expect(await suggestion.textContent()).toContain('Donald Trump');
    expect(await suggestion.textContent()).toContain('Did Putin ask Trump to stop military aid');
    await Promise.all([page.waitForNavigation(), suggestion.getByRole('button', { name: /Link as repeat/ }).click()]);
    expect(page.url()).toMatch(/\/desk\/claims\/\d+/);
    expect(await savedClaim(text)).toMatchObject({ said_where: 'Press conference', links: [{ to_claim_id: seedId, type: 'repeats' }] });
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
