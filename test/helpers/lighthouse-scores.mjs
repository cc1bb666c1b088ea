// Lighthouse on a list of URLs with Debian's Chromium; prints {url: {accessibility, best-practices, seo}} as JSON.
// A plain ES module run as its own process (test/e2e/lighthouse.test.ts): Lighthouse is ESM-only, and the
// server under test keeps answering in the test's process while this one waits on Chromium.
// Usage: node test/helpers/lighthouse-scores.mjs <chromium path> <url>…
/* global process */
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';

const [chromePath, ...urls] = process.argv.slice(2);
const chrome = await launch({
  chromePath,
  chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', '--disable-sync'],
});
const scores = {};
try {
  for (const url of urls) {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['accessibility', 'best-practices', 'seo'],
      // Scores, not timings: no simulated slow network.
      throttlingMethod: 'provided',
    });
    const { categories, audits } = result.lhr;
    const failed = Object.values(audits)
      .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual')
      .map((a) => a.id);
    scores[url] = Object.fromEntries(Object.entries(categories).map(([id, c]) => [id, c.score]));
    scores[url].failed = failed;
    // SEO as Lighthouse weighs it, without "is-crawlable": for pages kept out of search engines on purpose.
    const refs = categories.seo.auditRefs.filter((r) => r.id !== 'is-crawlable' && r.weight > 0 && audits[r.id].score !== null);
    const weight = refs.reduce((sum, r) => sum + r.weight, 0);
    scores[url].seoIfIndexable = Math.round((refs.reduce((sum, r) => sum + r.weight * audits[r.id].score, 0) / weight) * 100) / 100;
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(scores));
