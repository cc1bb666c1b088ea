import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { freshDatabase } from '../helpers/db';
import { readSeedFile, seedIfEmpty } from '../../src/seed/seed';
import { loadDisputeView } from '../../src/disputes/dispute-view.repository';
import { listDisputes } from '../../src/disputes/dispute.repository';

const article = readFileSync(resolve(__dirname, '../../data/seed-source/000_5e891f8ab8f09a56.txt'), 'utf8');
const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('seed dataset', () => {
  it('loads into an empty database once, and never into one with data', async () => {
    const { db } = await freshDatabase();
    expect(await seedIfEmpty(db)).toBe(true);
    expect(await seedIfEmpty(db)).toBe(false);
    const disputes = await listDisputes(db, { publicOnly: true });
    expect(disputes.length).toBeGreaterThanOrEqual(5);
    await db.destroy();
  });

  it('frames the five disputes of the founding article', async () => {
    const { db } = await freshDatabase({ seed: true });
    const disputes = await listDisputes(db, { publicOnly: true });
    const pairs = disputes.map((d) => [d.claimant_a_name, d.claimant_b_name].sort().join(' vs '));
    expect(pairs).toEqual(expect.arrayContaining(['Donald Trump vs Kremlin', 'Steve Witkoff vs Volodymyr Zelensky']));
    const aid = disputes.find((d) => /military aid/i.test(d.question))!;
    const view = (await loadDisputeView(db, aid.slug, { publicOnly: true }))!;
    const where = [view.sideA.claim.said_where, view.sideB.claim.said_where].join(' | ');
    expect(where).toMatch(/readout/i);
    expect(where).toMatch(/Fox News/);
    const promise = await db.selectFrom('claim').selectAll().where('kind', '=', 'promise').executeTakeFirstOrThrow();
    expect(promise.review_due_on).toBe('2025-04-17');
    await db.destroy();
  });

  it('quotes the article verbatim and invents no URLs', () => {
    const seed = readSeedFile();
    for (const claim of seed.claims) {
      if (claim.quote) expect(squash(article)).toContain(squash(claim.quote));
      for (const c of claim.citations) if (c.excerpt) expect(squash(article)).toContain(squash(c.excerpt));
      // A verdict other than "unverified" must say why.
      if (claim.verdict !== 'unverified') expect(claim.verdict_rationale).toBeTruthy();
    }
    for (const source of seed.sources) {
      expect(source.url).toBeNull();
      expect(source.archive_url).toBeNull();
    }
  });
});

test('the timeline puts a claim known to the month at the start of that month, before its days (it opens the month’s band)', async () => {
  const { db } = await freshDatabase({ seed: true });
  const aid = (await listDisputes(db, { publicOnly: true })).find((d) => /military aid/i.test(d.question))!;
  const view = (await loadDisputeView(db, aid.slug, { publicOnly: true }))!;
  expect(view.timeline.map((c) => c.claimant.name)).toEqual(['Donald Trump', 'Kremlin']);
  await db.destroy();
});

test('the seed reads as published work: no editor’s placeholder in any text a reader sees', () => {
  const seed = readSeedFile();
  // What readers see of each record (the seed's own cross-reference keys are not stored).
  const texts = [
    ...seed.topics.map((t) => [t.name, t.slug]),
    ...seed.claimants.map((c) => [c.name, c.slug, c.description]),
    ...seed.sources.map((s) => [s.outlet, s.title]),
    ...seed.claims.map((c) => [c.text, c.quote, c.said_where, c.verdict_rationale, ...c.citations.map((ci) => ci.excerpt)]),
    ...seed.links.map((l) => [l.note]),
    ...seed.disputes.map((d) => [d.question, d.slug, d.summary]),
  ]
    .flat()
    .filter((text): text is string => typeof text === 'string');
  expect(texts.length).toBeGreaterThan(50);
  const placeholders = texts.filter(
    (text) =>
      /seed/i.test(text) ||
      /\([^)]*\bnot\b[^)]*\)/i.test(text) ||
      /\b(not (given|named|known|stated)|unknown|placeholder|todo|tbd)\b/i.test(text) ||
      /\bthe article\b/i.test(text),
  );
  expect(placeholders).toEqual([]);
  // The byline in a source's title is the article's own, not invented.
  for (const source of seed.sources) {
    const byline = /by foreign editor (.+)$/.exec(source.title);
    if (byline) expect(article).toContain(`Door: ${byline[1]}, redacteur Buitenland`);
  }
});
