import type { Db } from '../db/connection';
import { slugify } from '../domain/slug';
import type { SourceRow } from './source.repository';
import { claimIsPublic } from '../db/visibility';

// The queries behind the reader's source and outlet pages and the source .json: only what published
// (or retracted) claims cite.

/** The published (or retracted) claims that cite a source, with the role and excerpt. */
export async function listPublicCitationsOfSource(db: Db, sourceId: number) {
  return db
    .selectFrom('citation as ci')
    .innerJoin('claim as c', 'c.id', 'ci.claim_id')
    .select(['ci.claim_id', 'ci.role', 'ci.excerpt'])
    .where('ci.source_id', '=', sourceId)
    .where(claimIsPublic('c'))
    .orderBy('ci.id')
    .execute();
}

export interface CitingClaim {
  claim_id: number;
  claim_text: string;
  claim_state: string;
  claimant_name: string;
  claimant_slug: string;
  role: string;
  excerpt: string | null;
  source_id: number;
  source_title: string;
}

function citationsOf(db: Db) {
  return db
    .selectFrom('citation as ci')
    .innerJoin('claim as c', 'c.id', 'ci.claim_id')
    .innerJoin('claimant as p', 'p.id', 'c.claimant_id')
    .innerJoin('source as s', 's.id', 'ci.source_id')
    .select([
      'c.id as claim_id',
      'c.text as claim_text',
      'c.state as claim_state',
      'p.name as claimant_name',
      'p.slug as claimant_slug',
      'ci.role',
      'ci.excerpt',
      's.id as source_id',
      's.title as source_title',
    ])
    .where(claimIsPublic('c'))
    .orderBy('c.said_on', 'desc')
    .orderBy('ci.id');
}

/** A source and the published claims that cite it; undefined when no published claim does. */
export async function sourcePage(db: Db, id: number): Promise<{ source: SourceRow; citations: CitingClaim[] } | undefined> {
  const source = await db.selectFrom('source').selectAll().where('id', '=', id).executeTakeFirst();
  if (!source) return undefined;
  const citations = await citationsOf(db).where('ci.source_id', '=', id).execute();
  if (citations.length === 0) return undefined;
  return { source, citations };
}

/** Outlets are the free-text `source.outlet`; their URL is its slug. */
export async function outletPage(db: Db, slug: string) {
  // Spellings that share a slug ("Fox News", "FOX NEWS") are one outlet.
  const outlets = await db.selectFrom('source').select('outlet').distinct().execute();
  const names = outlets.map((o) => o.outlet).filter((name) => slugify(name) === slug);
  if (names.length === 0) return undefined;
  const sources = await db
    .selectFrom('source')
    .selectAll()
    .where('outlet', 'in', names)
    .orderBy('published_on', 'desc')
    .orderBy('title')
    .execute();
  const citations = await citationsOf(db).where('s.outlet', 'in', names).execute();
  if (citations.length === 0) return undefined;
  const cited = new Set(citations.map((c) => c.source_id));
  const outlet = sources.find((s) => cited.has(s.id))!.outlet;
  return { outlet, sources: sources.filter((s) => cited.has(s.id)), citations };
}
