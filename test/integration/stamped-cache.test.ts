import { StampedCache } from '../../src/db/stamped-cache';
import { claimFacetCounts, countFilteredClaims } from '../../src/claims/claim-facet.repository';
import { freshDatabase, runBehindTheApp } from '../helpers/db';

describe('counts kept until the database changes', () => {
  it('computes once per state of the database, and again after any write', async () => {
    const conn = await freshDatabase({ seed: true });
    const { db } = conn;
    const cache = new StampedCache<number>();
    let computed = 0;
    const read = () => cache.get(db, 'k', async () => ++computed);
    expect(await read()).toBe(1);
    expect(await read()).toBe(1);
    await runBehindTheApp(conn, `update claim set said_where = 'changed' where id = (select min(id) from claim)`);
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
    const conn = await freshDatabase({ seed: true });
    const { db } = conn;
    const before = await claimFacetCounts(db, {}, { publicOnly: true });
    const total = await countFilteredClaims(db, {}, { publicOnly: true });
    const unverified = before.verdict.find((v) => v.value === 'unverified')!.count;
    const { id: claimant } = await db.selectFrom('claimant').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow();
    await runBehindTheApp(
      conn,
      `insert into claim (claimant_id, text, state, created_at, updated_at) values (?, 'New', 'published', 'x', 'x')`,
      claimant,
    );
    const after = await claimFacetCounts(db, {}, { publicOnly: true });
    expect(after.verdict.find((v) => v.value === 'unverified')!.count).toBe(unverified + 1);
    expect(await countFilteredClaims(db, {}, { publicOnly: true })).toBe(total + 1);
    await db.destroy();
  });
});
