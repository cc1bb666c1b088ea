// What both search engines share: the parsed reader query (src/search/search-query.ts makes it) and the
// shapes of their answers. src/db/sqlite-fts.ts renders a query as FTS5, src/db/postgres-fts.ts as a
// tsquery; src/db/search-index.ts picks one by the database's engine.
import type { Expression, SqlBool } from 'kysely';

/** Words (one word, or a "quoted phrase" of several, in order), or an operator between two of them. */
export type SearchToken = { words: string[]; prefix: boolean } | { operator: 'AND' | 'OR' | 'NOT' };

/** A parsed query: words and operators alternating, starting and ending with words (AND where none was typed). */
export type SearchQuery = readonly SearchToken[];

export type SearchKind = 'claim' | 'dispute' | 'source';

export interface SearchHit {
  kind: SearchKind;
  id: number;
  /** The matching title and body with highlight marks; render with snippetHtml (src/http/html.ts). */
  title: string;
  snippet: string;
  rank: number;
}

/**
 * Relevance is computed for every match before the first can be shown, so it is kept for match sets up
 * to this size. A word in a tenth of a million claims is ordered newest first instead: the index is read
 * backwards by rowid (which grows with the record's id) and stops after a page.
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

export interface SearchOptions {
  limit: number;
  offset: number;
  visible: SearchVisibility;
}

/** Each index row's rowid is derived from its record (see the search-index-by-rowid migration). */
export const KIND_CODE: Record<SearchKind, number> = { claim: 1, dispute: 2, source: 3 };
