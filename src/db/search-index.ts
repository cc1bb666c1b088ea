// The search index of either engine: FTS5 on SQLite (sqlite-fts.ts), tsvector on PostgreSQL
// (postgres-fts.ts). Callers give the query parseSearchQuery made; each engine renders its own syntax.
import type { Expression, SqlBool } from 'kysely';
import type { Db } from './connection';
import { engineOf } from './engine';
import * as postgres from './postgres-fts';
import * as sqlite from './sqlite-fts';
import type { SearchKind, SearchOptions, SearchPage, SearchQuery } from './search-types';

export { type SearchHit, type SearchKind, type SearchPage, type SearchQuery, type SearchVisibility } from './search-types';

/** A subquery of the ids of `kind` records that match; use as `eb('claim.id', 'in', matchingIds(db, ...))`. */
export function matchingIds(db: Db, kind: SearchKind, query: SearchQuery): Expression<number> {
  return engineOf(db) === 'postgres' ? postgres.matchingIds(kind, query) : sqlite.matchingIds(kind, query);
}

/** One page of the hits a reader may see: ranked by relevance, or newest first when there are too many to rank. */
export function searchPage(db: Db, query: SearchQuery, options: SearchOptions): Promise<SearchPage> {
  return engineOf(db) === 'postgres' ? postgres.searchPage(db, query, options) : sqlite.searchPage(db, query, options);
}

/**
 * Stops indexing new claims as they are inserted, for a bulk import, and returns the function that resumes
 * it; claims inserted meanwhile must be given to indexClaims(). On PostgreSQL the trigger stays: disabling
 * it would lock the claim table against readers for the whole import, and a trigger there costs little.
 */
export async function suspendClaimIndexing(db: Db): Promise<() => Promise<void>> {
  if (engineOf(db) === 'postgres') return async () => {};
  return sqlite.suspendClaimIndexing(db);
}

/** (Re)writes the index rows of these claims, as the triggers would. */
export function indexClaims(db: Db, ids: readonly number[]): Promise<void> {
  return engineOf(db) === 'postgres' ? postgres.indexClaims(db, ids) : sqlite.indexClaims(db, ids);
}

/** Repeat detection's candidates: claims holding any of these terms as a word start, best first. */
export function claimIdsMatchingAnyTerm(
  db: Db,
  terms: readonly string[],
  options: { limit: number; visible: (id: Expression<number>) => Expression<SqlBool> },
): Promise<number[]> {
  return engineOf(db) === 'postgres'
    ? postgres.claimIdsMatchingAnyTerm(db, terms, options)
    : sqlite.claimIdsMatchingAnyTerm(db, terms, options);
}
