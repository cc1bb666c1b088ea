import { sql } from 'kysely';
import { allowStaleReads, StampedCache, type StaleReads } from '../../src/db/stamped-cache';
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

  it('gives work that accepts it the kept result within the bound while one recount runs, and everyone else a current one', async () => {
    const { db } = await freshDatabase({ seed: true });
    const clock = { now: 50_000 };
    const cache = new StampedCache<number>(10, { now: () => clock.now });
    let computed = 0;
    let release: () => void = () => undefined;
    const slow = () => new Promise<number>((resolve) => (release = () => resolve(++computed)));
    const fast = async () => ++computed;
    /** Runs a read as an anonymous page does, accepting results up to 5 s old. */
    const asReader = (work: () => Promise<number>) =>
      new Promise<{ value: number; reads: StaleReads }>((resolve, reject) => {
        const reads = allowStaleReads(5_000, () => void work().then((value) => resolve({ value, reads }), reject));
      });

    expect(await cache.get(db, 'k', fast)).toBe(1);
    await sql.raw(`update claim set said_where = 'changed' where id = (select min(id) from claim)`).execute(db);
    clock.now += 2_000;
    // A reader gets the kept 1 at once; the recount starts (and is shared by a second reader).
    const first = await asReader(() => cache.get(db, 'k', slow));
    expect(first.value).toBe(1);
    expect(first.reads.oldestReadAt).toBe(50_000);
    expect((await asReader(() => cache.get(db, 'k', slow))).value).toBe(1);
    release();
    await new Promise((r) => setImmediate(r));
    expect(computed).toBe(2);
    // That background result is recounted again only once it is half the bound (2.5 s) old.
    await sql.raw(`update claim set said_where = 'later' where id = (select min(id) from claim)`).execute(db);
    clock.now += 1_000;
    expect((await asReader(() => cache.get(db, 'k', fast))).value).toBe(2);
    expect(computed).toBe(2);
    clock.now += 1_500;
    expect((await asReader(() => cache.get(db, 'k', fast))).value).toBe(2);
    await new Promise((r) => setImmediate(r));
    expect((await asReader(() => cache.get(db, 'k', fast))).value).toBe(3);

    // Past the bound, the reader waits for a current count too.
    await sql.raw(`update claim set said_where = 'again' where id = (select min(id) from claim)`).execute(db);
    clock.now += 5_001;
    expect((await asReader(() => cache.get(db, 'k', fast))).value).toBe(4);
    // Outside a reader's allowance (a journalist, the API), a write is seen at once.
    await sql.raw(`update claim set said_where = 'once more' where id = (select min(id) from claim)`).execute(db);
    expect(await cache.get(db, 'k', fast)).toBe(5);
    await db.destroy();
  });

  it('recounts in the background one at a time, whichever cache asks', async () => {
    const { db } = await freshDatabase({ seed: true });
    const clock = { now: 50_000 };
    const one = new StampedCache<string>(10, { now: () => clock.now });
    const other = new StampedCache<string>(10, { now: () => clock.now });
    await one.get(db, 'a', async () => 'a1');
    await other.get(db, 'b', async () => 'b1');
    await sql.raw(`update claim set said_where = 'changed' where id = (select min(id) from claim)`).execute(db);
    clock.now += 1_000;
    const running: string[] = [];
    let most = 0;
    const held: Array<() => void> = [];
    const recount = (value: string) => async () => {
      running.push(value);
      most = Math.max(most, running.length);
      await new Promise<void>((resume) => held.push(resume));
      running.splice(running.indexOf(value), 1);
      return value;
    };
    const reads = allowStaleReads(5_000, () => {
      void one.get(db, 'a', recount('a2'));
      void other.get(db, 'b', recount('b2'));
    });
    const settle = () => new Promise((r) => setTimeout(r, 20));
    await settle();
    expect(running).toEqual(['a2']);
    held.shift()!();
    await settle();
    expect(running).toEqual(['b2']);
    held.shift()!();
    await Promise.all(reads.recounts);
    expect(most).toBe(1);
    expect(await one.get(db, 'a', async () => 'not again')).toBe('a2');
    await db.destroy();
  });
});
