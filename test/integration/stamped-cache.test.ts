import { StampedCache } from '../../src/db/stamped-cache';
import { claimFacetCounts, countFilteredClaims } from '../../src/claims/claim-facet.repository';
import { freshDatabase } from '../helpers/db';

describe('counts kept until the database changes', () => {
  it('computes once per state of the database, and again after any write', async () => {
    const { db, sqlite } = await freshDatabase({ seed: true });
    const cache = new StampedCache<number>();
    let computed = 0;
    const read = () => cache.get(db, 'k', async () => ++computed);
    expect(await read()).toBe(1);
    expect(await read()).toBe(1);
    sqlite.prepare(`update claim set said_where = 'changed' where id = (select min(id) from claim)`).run();
    expect(await read()).toBe(2);
    await db.destroy();
  });

  it('never answers one database with another one’s result', async () => {
    const a = await freshDatabase({ seed: true });
    const b = await freshDatabase({ seed: true });
    const cache = new StampedCache<string>();
    expect(await cache.get(a.db, 'k', async () => 'a')).toBe('a');
    expect(await cache.get(b.db, 'k', async () => 'b')).toBe('b');
    await a.db.destroy();
    await b.db.destroy();
  });

  it('gives the facet counts and totals of the claim list fresh after a claim is added', async () => {
    const { db, sqlite } = await freshDatabase({ seed: true });
    const before = await claimFacetCounts(db, {}, { publicOnly: true });
    const total = await countFilteredClaims(db, {}, { publicOnly: true });
    const unverified = before.verdict.find((v) => v.value === 'unverified')!.count;
    const claimant = sqlite.prepare('select id from claimant order by id limit 1').pluck().get();
    sqlite
      .prepare(`insert into claim (claimant_id, text, state, created_at, updated_at) values (?, 'New', 'published', 'x', 'x')`)
      .run(claimant);
    const after = await claimFacetCounts(db, {}, { publicOnly: true });
    expect(after.verdict.find((v) => v.value === 'unverified')!.count).toBe(unverified + 1);
    expect(await countFilteredClaims(db, {}, { publicOnly: true })).toBe(total + 1);
    await db.destroy();
  });
});
