import { existsSync } from 'node:fs';

// What every browser test shares: where Chromium is, how it is launched, and the CI rule
// (a missing browser skips the tests loudly on a laptop, and fails them on CI).

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];
export const haveBrowser = existsSync(CHROMIUM);

/** `describe` when Chromium is there; otherwise a loud skip (or, with CI=true, an error). */
export function describeBrowserOr(name: string): jest.Describe {
  if (!haveBrowser) {
    const message = `\n${'!'.repeat(72)}\n  The browser tests need Chromium at ${CHROMIUM}. Install it with:\n    apt-get install -y --no-install-recommends chromium\n${'!'.repeat(72)}\n`;
    if (process.env.CI === 'true') throw new Error(`Chromium is missing on CI.${message}`);
    console.warn(`${message}  Skipping ${name}.\n`);
    return describe.skip;
  }
  return describe;
}
