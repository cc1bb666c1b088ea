// The only module that speaks SQLite FTS5. On another database, replace this file (and the
// search-index migration); callers only see matchingIds, searchPage and the claim indexing for imports.
// What readers type is parsed into an FTS5 query by parseSearchQuery (src/search/search-query.ts).
import { sql, type Expression, type SqlBool } from 'kysely';
import { MARK_END, MARK_START } from '../domain/highlight';
import type { Db } from './connection';

export type SearchKind = 'claim' | 'dispute' | 'source';

/** Each index row's rowid is derived from its record (see the search-index-by-rowid migration). */
const KIND_CODE: Record<SearchKind, number> = { claim: 1, dispute: 2, source: 3 };
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
export function matchingIds(kind: SearchKind, fts: string): Expression<number> {
  return sql<number>`(select cast(ref_id as integer) from search_fts where search_fts match ${fts} and kind = ${kind})`;
}

export interface SearchHit {
  kind: SearchKind;
  id: number;
  /** The matching title and body with highlight marks; render with snippetHtml (src/http/html.ts). */
  title: string;
  snippet: string;
  rank: number;
}

/**
 * Relevance (bm25) is computed for every match before the first can be shown, so it is kept for
 * match sets up to this size. A word in a tenth of a million claims is ordered newest first instead:
 * FTS5 walks its index backwards by rowid (which grows with the record's id) and stops after a page.
 */
export const RANKED_MATCHES = 1000;

/** Which records of each kind a search may show: a condition on the record's id. */
export type SearchVisibility = Record<SearchKind, (id: Expression<number>) => Expression<SqlBool>>;

export interface SearchPage {
  hits: SearchHit[];
  /** Matches the reader may see, counted up to RANKED_MATCHES. */
  total: number;
  /** More than RANKED_MATCHES matched: the hits come newest first and only the first RANKED_MATCHES are paged. */
  capped: boolean;
}

/** One page of the hits a reader may see: ranked by relevance, or newest first when there are too many to rank. */
export async function searchPage(
  db: Db,
  fts: string,
  { limit, offset, visible }: { limit: number; offset: number; visible: SearchVisibility },
): Promise<SearchPage> {
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

// --- FTS5 query syntax (not SQL): the one place that combines parsed queries. ---
/** A query that matches what any of these parsed queries match (a search and the other names of what it names). */
export function anyOfQueries(queries: readonly string[]): string {
  return queries.length === 1 ? queries[0]! : queries.map((q) => `(${q})`).join(' OR ');
}
