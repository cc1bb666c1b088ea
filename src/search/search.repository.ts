import { expressionBuilder } from 'kysely';
import type { Db } from '../db/connection';
import type { DB } from '../db/schema';
import { claimIsPublic, disputeIsPublic, sourceIsPublic } from '../db/visibility';
import { searchPage, type SearchHit, type SearchPage, type SearchQuery, type SearchVisibility } from '../db/search-index';

export interface SearchResult extends SearchHit {
  href: { name: 'claim' | 'dispute' | 'source'; arg: string | number };
  claimant_name?: string;
}

export interface PublicSearchPage extends Omit<SearchPage, 'hits'> {
  results: SearchResult[];
}

/** What readers may find: no drafts (nor disputes with a draft side), and sources only when a public claim cites them. */
function publicVisibility(db: Db): SearchVisibility {
  const eb = expressionBuilder<DB, never>();
  return {
    claim: (id) => eb.exists(db.selectFrom('claim as vc').select('vc.id').where('vc.id', '=', id).where(claimIsPublic('vc'))),
    dispute: (id) => eb.exists(db.selectFrom('dispute as vd').select('vd.id').where('vd.id', '=', id).where(disputeIsPublic('vd'))),
    source: (id) => sourceIsPublic(id)(eb),
  };
}

/** One page of search hits that readers may see, with where each one links. */
export async function publicSearch(
  db: Db,
  query: SearchQuery,
  { limit, offset }: { limit: number; offset: number },
): Promise<PublicSearchPage> {
  const { hits, ...page } = await searchPage(db, query, { limit, offset, visible: publicVisibility(db) });
  const claimIds = hits.filter((h) => h.kind === 'claim').map((h) => h.id);
  const disputeIds = hits.filter((h) => h.kind === 'dispute').map((h) => h.id);
  const [claims, disputes] = await Promise.all([
    claimIds.length
      ? db
          .selectFrom('claim as c')
          .innerJoin('claimant as p', 'p.id', 'c.claimant_id')
          .select(['c.id', 'p.name'])
          .where('c.id', 'in', claimIds)
          .execute()
      : [],
    disputeIds.length ? db.selectFrom('dispute').select(['id', 'slug']).where('id', 'in', disputeIds).execute() : [],
  ]);
  const claimants = new Map(claims.map((c) => [c.id, c.name]));
  const slugs = new Map(disputes.map((d) => [d.id, d.slug]));
  const results: SearchResult[] = [];
  for (const hit of hits) {
    if (hit.kind === 'claim' && claimants.has(hit.id))
      results.push({ ...hit, href: { name: 'claim', arg: hit.id }, claimant_name: claimants.get(hit.id)! });
    else if (hit.kind === 'dispute' && slugs.has(hit.id)) results.push({ ...hit, href: { name: 'dispute', arg: slugs.get(hit.id)! } });
    else if (hit.kind === 'source') results.push({ ...hit, href: { name: 'source', arg: hit.id } });
  }
  return { ...page, results };
}
