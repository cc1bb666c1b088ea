// The only module that speaks SQLite FTS5; src/db/postgres-fts.ts is its PostgreSQL twin and
// src/db/search-index.ts picks between them. What readers type is parsed by parseSearchQuery
// (src/search/search-query.ts) and rendered here as an FTS5 query (toFts5).
import { sql, type Expression, type SqlBool } from 'kysely';
import { MARK_END, MARK_START } from '../domain/highlight';
import type { Db } from './connection';
import { KIND_CODE, RANKED_MATCHES, type SearchKind, type SearchOptions, type SearchPage, type SearchQuery } from './search-types';

/** The FTS5 form of a parsed query: every word quoted (so punctuation is never syntax), FTS5's own operators. */
export function toFts5(query: SearchQuery): string {
  return query.map((t) => ('operator' in t ? t.operator : `"${t.words.join(' ')}"${t.prefix ? '*' : ''}`)).join(' ');
}

const rowidOf = (kind: SearchKind, id: number) => id * 4 + KIND_CODE[kind];
const CLAIM_INSERT_TRIGGER = 'claim_fts_insert';

/**
 * Stops indexing new claims as they are inserted, for a bulk import, and returns the function that
 * resumes it. Only inside a transaction: the drop is part of it (a rollback restores the trigger), and
 * its write lock keeps other connections from inserting claims until the trigger is back. Claims
 * inserted meanwhile must be given to indexClaims().
 */
export async function suspendClaimIndexing(db: Db): Promise<() => Promise<void>> {
  const { rows } = await sql<{
    sql: string;
  }>`select sql from sqlite_master where type = 'trigger' and name = ${CLAIM_INSERT_TRIGGER}`.execute(db);
  const definition = rows[0]?.sql;
  if (!definition) return async () => {};
  await sql.raw(`drop trigger ${CLAIM_INSERT_TRIGGER}`).execute(db);
  return async () => {
    await sql.raw(definition).execute(db);
  };
}

/** (Re)writes the index rows of these claims, as the triggers would: one rowid lookup per claim, no scan. */
export async function indexClaims(db: Db, ids: readonly number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500);
    const rowids = batch.map((id) => rowidOf('claim', id));
    await sql`delete from search_fts where rowid in (${sql.join(rowids)})`.execute(db);
    await sql`insert into search_fts (rowid, kind, ref_id, title, body)
      select id * 4 + ${KIND_CODE.claim}, 'claim', id, text, coalesce(quote, '') from claim where id in (${sql.join(batch)})`.execute(db);
  }
}

/** A subquery of the ids of `kind` records that match; use as `eb('claim.id', 'in', matchingIds(...))`. */
export function matchingIds(kind: SearchKind, query: SearchQuery): Expression<number> {
  const fts = toFts5(query);
  return sql<number>`(select cast(ref_id as integer) from search_fts where search_fts match ${fts} and kind = ${kind})`;
}

/** One page of the hits a reader may see: ranked by relevance, or newest first when there are too many to rank. */
export async function searchPage(db: Db, query: SearchQuery, { limit, offset, visible }: SearchOptions): Promise<SearchPage> {
  const fts = toFts5(query);
  const id = sql<number>`(search_fts.rowid / 4)`;
  const shown = sql<SqlBool>`(case search_fts.rowid % 4
    when ${KIND_CODE.claim} then ${visible.claim(id)}
    when ${KIND_CODE.dispute} then ${visible.dispute(id)}
    when ${KIND_CODE.source} then ${visible.source(id)} else 0 end)`;
  const counted = await sql<{ n: number }>`select count(*) as n from (
    select rowid from search_fts where search_fts match ${fts} and ${shown} limit ${RANKED_MATCHES + 1}) as matches`.execute(db);
  const n = Number(counted.rows[0]!.n);
  const capped = n > RANKED_MATCHES;
  const order = capped ? sql`search_fts.rowid desc` : sql`bm25(search_fts, 0, 0, 2.0, 1.0), search_fts.rowid desc`;
  const page = await sql<{ rowid: number }>`select search_fts.rowid as rowid from search_fts
    where search_fts match ${fts} and ${shown} order by ${order} limit ${limit} offset ${offset}`.execute(db);
  const rowids = page.rows.map((r) => r.rowid);
  if (!rowids.length) return { hits: [], total: Math.min(n, RANKED_MATCHES), capped };
  // Highlights only for the page's rows, not for every match the order had to look at. The rowid range
  // is what FTS5 can use to skip through its index (it reads a rowid IN list by scanning every match).
  // (No bm25 here: it counts the documents holding each term, a walk through the whole match set.)
  const { rows } = await sql<{ rowid: number; kind: SearchKind; ref_id: string; title: string; snippet: string }>`
    select rowid, kind, ref_id,
      highlight(search_fts, 2, ${MARK_START}, ${MARK_END}) as title,
      snippet(search_fts, 3, ${MARK_START}, ${MARK_END}, '…', 16) as snippet
    from search_fts where search_fts match ${fts}
      and rowid between ${Math.min(...rowids)} and ${Math.max(...rowids)} and rowid in (${sql.join(rowids)})`.execute(db);
  const byRowid = new Map(rows.map((r) => [r.rowid, r]));
  const hits = rowids.flatMap((rowid) => {
    const r = byRowid.get(rowid);
    return r ? [{ kind: r.kind, id: Number(r.ref_id), title: r.title, snippet: r.snippet, rank: rowids.indexOf(rowid) }] : [];
  });
  return { hits, total: Math.min(n, RANKED_MATCHES), capped };
}

// --- Repeat detection (src/repeats/similar-claims.repository.ts) --- SQLite FTS5 again: port with the above.

/**
 * Claims whose text or quote holds any of these terms (each a folded word or word start, matched as a
 * prefix), best bm25 first, up to `limit`, among those `visible` allows. Terms must be letters and digits only.
 */
export async function claimIdsMatchingAnyTerm(
  db: Db,
  terms: readonly string[],
  { limit, visible }: { limit: number; visible: (id: Expression<number>) => Expression<SqlBool> },
): Promise<number[]> {
  if (!terms.length) return [];
  const fts = terms.map((t) => `"${t}"*`).join(' OR ');
  const id = sql<number>`(search_fts.rowid / 4)`;
  const { rows } = await sql<{ id: number }>`select search_fts.rowid / 4 as id from search_fts
    where search_fts match ${fts} and search_fts.rowid % 4 = ${KIND_CODE.claim} and ${visible(id)}
    order by bm25(search_fts, 0, 0, 2.0, 1.0) limit ${limit}`.execute(db);
  return rows.map((r) => Number(r.id));
}
