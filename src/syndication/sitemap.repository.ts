import type { Db } from '../db/connection';
import { claimantIsPublic, claimIsPublic, disputeIsPublic, sourceIsPublic } from '../db/visibility';
import { slugify } from '../domain/slug';

// What /sitemap.xml lists: the canonical page of every public record, in pages of a sitemap's size.

export const SITEMAP_KINDS = ['disputes', 'claims', 'claimants', 'sources', 'topics', 'outlets'] as const;
export type SitemapKind = (typeof SITEMAP_KINDS)[number];

/** One record's page: its slug or id (`ref`) and, where the record keeps one, when it last changed. */
export interface SitemapEntry {
  ref: string;
  lastmod: string | null;
}

/** The distinct outlet slugs of the sources public claims cite ("Fox News" and "FOX NEWS" are one outlet page). */
async function publicOutletSlugs(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('source').select('outlet').distinct().where(sourceIsPublic('source.id')).execute();
  return [...new Set(rows.map((r) => slugify(r.outlet)).filter(Boolean))].sort();
}

function publicTopics(db: Db) {
  return db
    .selectFrom('topic')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('claim_topic as ct')
          .innerJoin('claim as c', 'c.id', 'ct.claim_id')
          .select('ct.claim_id')
          .whereRef('ct.topic_id', '=', 'topic.id')
          .where(claimIsPublic('c')),
      ),
    );
}

/** How many public records of each kind have a page. */
export async function sitemapCounts(db: Db): Promise<Record<SitemapKind, number>> {
  const count = async (q: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }) =>
    Number((await q.executeTakeFirstOrThrow()).n);
  const [disputes, claims, claimants, sources, topics, outlets] = await Promise.all([
    count(
      db
        .selectFrom('dispute as d')
        .where(disputeIsPublic('d'))
        .select((eb) => eb.fn.countAll<number>().as('n')),
    ),
    count(
      db
        .selectFrom('claim as c')
        .where(claimIsPublic('c'))
        .select((eb) => eb.fn.countAll<number>().as('n')),
    ),
    count(
      db
        .selectFrom('claimant')
        .where(claimantIsPublic('claimant.id'))
        .select((eb) => eb.fn.countAll<number>().as('n')),
    ),
    count(
      db
        .selectFrom('source')
        .where(sourceIsPublic('source.id'))
        .select((eb) => eb.fn.countAll<number>().as('n')),
    ),
    count(publicTopics(db).select((eb) => eb.fn.countAll<number>().as('n'))),
    publicOutletSlugs(db).then((slugs) => slugs.length),
  ]);
  return { disputes, claims, claimants, sources, topics, outlets };
}

/** A page of the public records of one kind, oldest first (a record keeps its place in the sitemap's pages). */
export async function sitemapEntries(
  db: Db,
  kind: SitemapKind,
  { limit, offset }: { limit: number; offset: number },
): Promise<SitemapEntry[]> {
  switch (kind) {
    case 'disputes':
      return db
        .selectFrom('dispute as d')
        .where(disputeIsPublic('d'))
        .select(['d.slug as ref', 'd.updated_at as lastmod'])
        .orderBy('d.id')
        .limit(limit)
        .offset(offset)
        .execute();
    case 'claims':
      return (
        await db
          .selectFrom('claim as c')
          .where(claimIsPublic('c'))
          .select(['c.id', 'c.updated_at as lastmod'])
          .orderBy('c.id')
          .limit(limit)
          .offset(offset)
          .execute()
      ).map((r) => ({ ref: String(r.id), lastmod: r.lastmod }));
    case 'claimants':
      return db
        .selectFrom('claimant')
        .where(claimantIsPublic('claimant.id'))
        .select(['claimant.slug as ref', 'claimant.updated_at as lastmod'])
        .orderBy('claimant.id')
        .limit(limit)
        .offset(offset)
        .execute();
    case 'sources':
      return (
        await db
          .selectFrom('source')
          .where(sourceIsPublic('source.id'))
          .select(['source.id', 'source.updated_at as lastmod'])
          .orderBy('source.id')
          .limit(limit)
          .offset(offset)
          .execute()
      ).map((r) => ({ ref: String(r.id), lastmod: r.lastmod }));
    case 'topics':
      return (await publicTopics(db).select('topic.slug').orderBy('topic.id').limit(limit).offset(offset).execute()).map((r) => ({
        ref: r.slug,
        lastmod: null,
      }));
    case 'outlets':
      return (await publicOutletSlugs(db)).slice(offset, offset + limit).map((ref) => ({ ref, lastmod: null }));
  }
}
