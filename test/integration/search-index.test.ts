import { freshDatabase } from '../helpers/db';
import { matchingIds, parseSearchQuery, searchIndex } from '../../src/search/fts';

function fts(q: string): string {
  const parsed = parseSearchQuery(q);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.fts;
}

describe('search index', () => {
  it('ignores accents and case: "oekraine" finds "Oekraïne"', async () => {
    const { db } = await freshDatabase({ seed: true });
    const hits = await searchIndex(db, fts('oekraine'));
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.some((h) => /Oekraïne/i.test(h.title + h.snippet))).toBe(true);
    await db.destroy();
  });

  it('stays in sync with claims through the triggers', async () => {
    const { db } = await freshDatabase({ seed: true });
    const claim = await db.selectFrom('claim').select('id').executeTakeFirstOrThrow();
    await db.updateTable('claim').set({ text: 'Zebrafinch statement' }).where('id', '=', claim.id).execute();
    const ids = await db.selectFrom('claim').select('id').where((eb) => eb('id', 'in', matchingIds('claim', fts('zebrafinch')))).execute();
    expect(ids.map((r) => r.id)).toEqual([claim.id]);
    await db.deleteFrom('dispute').execute();
    await db.deleteFrom('claim').where('id', '=', claim.id).execute();
    expect(await searchIndex(db, fts('zebrafinch'))).toEqual([]);
    await db.destroy();
  });
});
