import express from 'express';
import request from 'supertest';
import { readChangeStamp } from '../../src/db/change-stamp';
import { StampedCache } from '../../src/db/stamped-cache';
import { pageCache, refreshesSettled } from '../../src/http/page-cache';
import { freshDatabase, runBehindTheApp } from '../helpers/db';

// A list page reads its rows afresh on every re-render, while its count (like the claim list's totals and
// facets) may be a kept one up to its own, longer bound and is recounted off the request path.
describe('counts on kept pages', () => {
  it('re-render rows afresh with the kept count, show the recount when it is done, and never a count past its bound', async () => {
    const conn = await freshDatabase({ seed: true });
    const { db } = conn;
    const clock = { now: 1_000_000 };
    const counts = new StampedCache<number>(10, { now: () => clock.now });
    let held: Array<() => void> = [];
    let holdRecounts = false;
    const countClaims = async () => {
      const row = await db
        .selectFrom('claim')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      if (holdRecounts) await new Promise<void>((resume) => held.push(resume));
      return Number(row.n);
    };
    const app = express();
    app.use((_req, res, next) => {
      res.locals.locale = 'en';
      next();
    });
    app.use(
      pageCache({ stamp: () => readChangeStamp(db), maxBytes: 1024 * 1024, staleSeconds: 5, countsStaleSeconds: 60, now: () => clock.now }),
    );
    app.get('/list', async (_req, res) => {
      const newest = await db.selectFrom('claim').select('text').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
      const total = await counts.get(db, 'total', countClaims);
      res.type('html').send(`<p>newest: ${newest.text}; ${total} claims</p>`);
    });
    const page = async () => (await request(app).get('/list').expect(200)).text;

    const before = await countClaims();
    expect(await page()).toContain(`; ${before} claims`);
    const { id: claimant } = await db.selectFrom('claimant').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
    await runBehindTheApp(
      conn,
      `insert into claim (claimant_id, text, state, created_at, updated_at) values (?, 'Written just now', 'published', 'x', 'x')`,
      claimant,
    );
    holdRecounts = true;

    // Within the page's bound the kept page is served while it is re-rendered: the re-render shows the new
    // row at once, with the kept count, while the recount runs (held here).
    clock.now += 1_000;
    expect(await page()).not.toContain('Written just now');
    let text = '';
    for (let i = 0; i < 200 && !text.includes('Written just now'); i++) {
      await new Promise((r) => setTimeout(r, 10));
      text = await page();
    }
    expect(text).toContain(`newest: Written just now; ${before} claims`);
    expect(held).toHaveLength(1);

    // When the recount is done, the page is rendered once more and shows it.
    holdRecounts = false;
    held.forEach((resume) => resume());
    held = [];
    await refreshesSettled(app);
    expect(await page()).toContain(`newest: Written just now; ${before + 1} claims`);

    // A count older than its bound is never shown: the reader waits for the recount.
    await runBehindTheApp(conn, `delete from claim where text = 'Written just now'`);
    holdRecounts = true;
    clock.now += 1_000;
    await page(); // the kept page, and its re-render starts a recount (held)
    for (let i = 0; i < 200 && held.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    clock.now += 61_000;
    const waiting = request(app)
      .get('/list')
      .then((res) => res.text);
    await new Promise((r) => setTimeout(r, 50));
    holdRecounts = false;
    held.forEach((resume) => resume());
    expect(await waiting).toContain(`; ${before} claims`);
    await refreshesSettled(app);
    await db.destroy();
  });
});
