import * as createAliases from '../../migrations/2026_11_30_16_40_00_create_aliases';
import SqliteDatabase from 'better-sqlite3';
import { Migrator, sql } from 'kysely';
import { migrations } from '../../migrations';
import { wrapSqlite } from '../../src/db/connection';
import { migrateToLatest } from '../../src/db/migrator';
import { loadSeed, readSeedFile } from '../../src/seed/seed';
import { describeSqliteOnly, freshDatabase } from '../helpers/db';
import { sql as rawSql, type SqlBool } from 'kysely';
import type { Db } from '../../src/db/connection';
import { matchingIds, searchPage, type SearchQuery } from '../../src/db/search-index';
import { parseSearchQuery } from '../../src/search/search-query';

/** Every hit, whatever its state: these tests are about the index, not about who may see what. */
async function searchIndex(db: Db, query: SearchQuery) {
  const everything = () => rawSql<SqlBool>`true`;
  const { hits } = await searchPage(db, query, {
    limit: 50,
    offset: 0,
    visible: { claim: everything, dispute: everything, source: everything },
  });
  return hits;
}

function fts(q: string): SearchQuery {
  const parsed = parseSearchQuery(q);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.query;
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
    const ids = await db
      .selectFrom('claim')
      .select('id')
      .where((eb) => eb('id', 'in', matchingIds(db, 'claim', fts('zebrafinch'))))
      .execute();
    expect(ids.map((r) => r.id)).toEqual([claim.id]);
    await db.deleteFrom('dispute').execute();
    await db.deleteFrom('claim').where('id', '=', claim.id).execute();
    expect(await searchIndex(db, fts('zebrafinch'))).toEqual([]);
    await db.destroy();
  });
});

describeSqliteOnly('search index rows by rowid (FTS5)', () => {
  it('keeps exactly one row per record, found by rowid, through edits', async () => {
    const { db } = await freshDatabase({ seed: true });
    const claim = await db.selectFrom('claim').select('id').executeTakeFirstOrThrow();
    for (const text of ['First wording', 'Second wording']) {
      await db.updateTable('claim').set({ text }).where('id', '=', claim.id).execute();
    }
    const { rows } = await sql<{
      rowid: number;
      title: string;
    }>`select rowid, title from search_fts where kind = 'claim' and ref_id = ${claim.id}`.execute(db);
    expect(rows).toEqual([{ rowid: claim.id * 4 + 1, title: 'Second wording' }]);
    // The triggers delete by rowid: FTS5 gets the rowid constraint (":=" in the plan) and looks the row
    // up, where a delete by ref_id passes no constraint and reads the whole index.
    const plan = async (where: string) =>
      (await sql<{ detail: string }>`explain query plan ${sql.raw(`delete from search_fts where ${where}`)}`.execute(db)).rows
        .map((r) => r.detail)
        .join(' ');
    expect(await plan(`rowid = ${claim.id * 4 + 1}`)).toMatch(/VIRTUAL TABLE INDEX \d+:=/);
    expect(await plan(`ref_id = ${claim.id}`)).not.toMatch(/VIRTUAL TABLE INDEX \d+:=/);
    await db.destroy();
  });

  it('carries the records of a database made before it into the new index', async () => {
    const conn = wrapSqlite(new SqliteDatabase(':memory:'));
    const migrator = new Migrator({ db: conn.db, provider: { getMigrations: async () => migrations } });
    await migrator.migrateTo('2026_11_27_10_00_00_index_recent_changes');
    // Without the disputes, sources, outcomes and aliases: the seed loader writes today's columns and tables
    // (dispute.published_at, source.published_precision, promise_outcome, aliases), which this old schema
    // lacks. Its lookups by alias need the (empty) alias tables, dropped again before the real migrations run.
    const seed = readSeedFile();
    const uncited = seed.claims.map((c) => ({ ...c, citations: [] }));
    const noAliases = <T extends { aliases: string[] }>(rows: T[]) => rows.map((r) => ({ ...r, aliases: [] }));
    await createAliases.up(conn.db);
    await conn.db.transaction().execute((trx) =>
      loadSeed(trx, {
        ...seed,
        disputes: [],
        sources: [],
        claims: uncited,
        outcomes: [],
        claimants: noAliases(seed.claimants),
        topics: noAliases(seed.topics),
      }),
    );
    await createAliases.down(conn.db);
    await migrateToLatest(conn.db);
    expect((await searchIndex(conn.db, fts('oekraine'))).length).toBeGreaterThan(0);
    const { rows } = await sql<{ n: number }>`select count(*) as n from search_fts where rowid % 4 = 1`.execute(conn.db);
    const claims = await conn.db
      .selectFrom('claim')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(rows[0]!.n).toBe(Number(claims.n));
    await conn.db.destroy();
  });
});
