// The PostgreSQL twin of src/db/sqlite-fts.ts: the same index rows (search_fts, rowid = id * 4 + kind
// code) with a `document` tsvector under the `gainsay_search` configuration (unaccent, then the simple
// dictionary: no stemming, like FTS5's unicode61) and a GIN index; see the search-index migration.
import { sql, type Expression, type SqlBool } from 'kysely';
import { MARK_END, MARK_START } from '../domain/highlight';
import type { Db } from './connection';
import { KIND_CODE, RANKED_MATCHES, type SearchKind, type SearchOptions, type SearchPage, type SearchQuery } from './search-types';

/**
 * The tsquery form of a parsed query, for to_tsquery('gainsay_search', …), which folds case and accents
 * of each quoted word as the index did. Words are quoted (the parser keeps only letters and digits, so
 * a quote never occurs inside); a phrase is its words joined by <-> (next to each other), a prefix is
 * `:*`. FTS5's binary NOT ("a NOT b", a without b) is "& !"; the precedence of the rest matches
 * (NOT binds tighter than AND, AND tighter than OR).
 */
export function toTsquery(query: SearchQuery): string {
  return query
    .map((t) => {
      if ('operator' in t) return t.operator === 'AND' ? '&' : t.operator === 'OR' ? '|' : '& !';
      const words = t.words.map((w) => `'${w}'`);
      if (t.prefix) words[words.length - 1] += ':*';
      return words.length > 1 ? `(${words.join(' <-> ')})` : words[0]!;
    })
    .join(' ');
}

const tsquery = (query: SearchQuery) => sql`to_tsquery('gainsay_search', ${toTsquery(query)})`;

/** A subquery of the ids of `kind` records that match; use as `eb('claim.id', 'in', matchingIds(...))`. */
export function matchingIds(kind: SearchKind, query: SearchQuery): Expression<number> {
  return sql<number>`(select ref_id from search_fts where document @@ ${tsquery(query)} and kind = ${kind})`;
}

// ts_headline's options: the whole title with its matches marked, as FTS5's highlight(); for the body an
// excerpt of up to 16 words around the matches, as FTS5's snippet().
const TITLE_OPTIONS = `HighlightAll=true, StartSel="${MARK_START}", StopSel="${MARK_END}"`;
const BODY_OPTIONS = `MaxWords=16, MinWords=6, ShortWord=0, MaxFragments=1, FragmentDelimiter="…", StartSel="${MARK_START}", StopSel="${MARK_END}"`;

/** One page of the hits a reader may see: ranked by relevance, or newest first when there are too many to rank. */
export async function searchPage(db: Db, query: SearchQuery, { limit, offset, visible }: SearchOptions): Promise<SearchPage> {
  const q = tsquery(query);
  const id = sql<number>`(search_fts.rowid / 4)`;
  const shown = sql<SqlBool>`(case search_fts.rowid % 4
    when ${KIND_CODE.claim} then ${visible.claim(id)}
    when ${KIND_CODE.dispute} then ${visible.dispute(id)}
    when ${KIND_CODE.source} then ${visible.source(id)} else false end)`;
  const counted = await sql<{ n: number }>`select count(*) as n from (
    select rowid from search_fts where document @@ ${q} and ${shown} limit ${RANKED_MATCHES + 1}) as matches`.execute(db);
  const n = Number(counted.rows[0]!.n);
  const capped = n > RANKED_MATCHES;
  // Title weighs twice the body, as bm25(…, 2.0, 1.0) on SQLite: weights are {D, C, B, A}.
  const order = capped ? sql`search_fts.rowid desc` : sql`ts_rank('{0, 0, 0.5, 1.0}', document, ${q}) desc, search_fts.rowid desc`;
  const page = await sql<{ rowid: number }>`select search_fts.rowid as rowid from search_fts
    where document @@ ${q} and ${shown} order by ${order} limit ${limit} offset ${offset}`.execute(db);
  const rowids = page.rows.map((r) => Number(r.rowid));
  if (!rowids.length) return { hits: [], total: Math.min(n, RANKED_MATCHES), capped };
  // Highlights only for the page's rows: ts_headline parses the text again, the costliest part.
  const { rows } = await sql<{ rowid: number; kind: SearchKind; ref_id: number; title: string; snippet: string }>`
    select rowid, kind, ref_id,
      ts_headline('gainsay_search', title, ${q}, ${TITLE_OPTIONS}) as title,
      case when body = '' then '' else ts_headline('gainsay_search', body, ${q}, ${BODY_OPTIONS}) end as snippet
    from search_fts where rowid in (${sql.join(rowids)})`.execute(db);
  const byRowid = new Map(rows.map((r) => [Number(r.rowid), r]));
  const hits = rowids.flatMap((rowid, rank) => {
    const r = byRowid.get(rowid);
    return r ? [{ kind: r.kind, id: Number(r.ref_id), title: r.title, snippet: r.snippet, rank }] : [];
  });
  return { hits, total: Math.min(n, RANKED_MATCHES), capped };
}

/** (Re)writes the index rows of these claims, as the triggers would. */
export async function indexClaims(db: Db, ids: readonly number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000) {
    const batch = ids.slice(i, i + 1000);
    await sql`insert into search_fts (rowid, kind, ref_id, title, body)
      select id * 4 + ${KIND_CODE.claim}, 'claim', id, text, coalesce(quote, '') from claim where id in (${sql.join(batch)})
      on conflict (rowid) do update set title = excluded.title, body = excluded.body`.execute(db);
  }
}

/**
 * Repeat detection's candidates (src/repeats/similar-claims.repository.ts), as sqlite-fts.ts gives them:
 * claims whose text or quote holds any of these terms as a word start, best ranked first, up to `limit`,
 * among those `visible` allows. Terms are letters and digits only, so quoting them is safe.
 */
export async function claimIdsMatchingAnyTerm(
  db: Db,
  terms: readonly string[],
  { limit, visible }: { limit: number; visible: (id: Expression<number>) => Expression<SqlBool> },
): Promise<number[]> {
  if (!terms.length) return [];
  const q = sql`to_tsquery('gainsay_search', ${terms.map((t) => `'${t}':*`).join(' | ')})`;
  const id = sql<number>`(search_fts.rowid / 4)`;
  const { rows } = await sql<{ id: number }>`select search_fts.rowid / 4 as id from search_fts
    where document @@ ${q} and search_fts.rowid % 4 = ${KIND_CODE.claim} and ${visible(id)}
    order by ts_rank('{0, 0, 0.5, 1.0}', document, ${q}) desc, search_fts.rowid desc limit ${limit}`.execute(db);
  return rows.map((r) => Number(r.id));
}
