import { expressionBuilder } from 'kysely';
import { disputeIsPublic } from '../disputes/dispute.repository';
import type { DB } from '../db/schema';
import type { Db } from '../db/connection';
import { loadClaimCards, type ClaimCard } from '../claims/claim-card.repository';
import { filteredClaims, orderClaims, type ClaimFilters } from '../claims/claim-filters';
import { countFilteredClaims, countKey } from '../claims/claim-facets';
import { listLinksOf, type LinkedClaim } from '../claims/link.repository';
import { disputeConditions, filteredDisputes } from '../disputes/dispute-filters';
import { StampedCache } from '../db/stamped-cache';
import type { ClaimantRow } from '../claimants/claimant.repository';
import type { SourceRow } from '../sources/source.repository';
import type { TopicRow } from '../topics/topic.repository';
import { slugify } from '../domain/slug';
import { searchPage, type SearchHit, type SearchPage, type SearchVisibility } from '../search/fts';
import { PAGE_SIZE } from './list-params';

// The queries behind the reader pages. Readers never see drafts: every query here leaves them out.

const offsetOf = (filters: ClaimFilters) => ((filters.page ?? 1) - 1) * PAGE_SIZE;

export async function claimsPage(db: Db, filters: ClaimFilters): Promise<{ total: number; cards: ClaimCard[] }> {
  const total = await countFilteredClaims(db, filters, { publicOnly: true });
  const ids = await orderClaims(filteredClaims(db, filters, { publicOnly: true }).select('c.id'), filters.sort)
    .limit(PAGE_SIZE)
    .offset(offsetOf(filters))
    .execute();
  return { total: Number(total), cards: await loadClaimCards(db, ids.map((r) => r.id)) };
}

export interface DisputeSummary {
  id: number;
  slug: string;
  question: string;
  status: string;
  state: string;
  a_text: string;
  a_name: string;
  a_slug: string;
  a_verdict: string;
  a_verdict_label: string;
  b_text: string;
  b_name: string;
  b_slug: string;
  b_verdict: string;
  b_verdict_label: string;
}

/**
 * Disputes with both sides' text, claimant and verdict. Ordered by when side A was said, the query
 * starts from side A's claims in date order (claim_said_order_idx) and stops after a page; CROSS JOIN
 * is how SQLite is told to keep that join order (on PostgreSQL it is an inner join like any other).
 */
function disputeSummaries(db: Db, filters: ClaimFilters, bySideA: boolean) {
  const base = bySideA
    ? db.selectFrom('claim as a').crossJoin('dispute as d').whereRef('d.claim_a_id', '=', 'a.id').where(disputeConditions(db, filters, { publicOnly: true }))
    : filteredDisputes(db, filters, { publicOnly: true }).innerJoin('claim as a', 'a.id', 'd.claim_a_id');
  return base
    .innerJoin('claimant as pa', 'pa.id', 'a.claimant_id')
    .innerJoin('verdict_rating as va', 'va.key', 'a.verdict')
    .innerJoin('claim as b', 'b.id', 'd.claim_b_id')
    .innerJoin('claimant as pb', 'pb.id', 'b.claimant_id')
    .innerJoin('verdict_rating as vb', 'vb.key', 'b.verdict')
    .select([
      'd.id', 'd.slug', 'd.question', 'd.status', 'd.state',
      'a.text as a_text', 'pa.name as a_name', 'pa.slug as a_slug', 'a.verdict as a_verdict', 'va.label as a_verdict_label',
      'b.text as b_text', 'pb.name as b_name', 'pb.slug as b_slug', 'b.verdict as b_verdict', 'vb.label as b_verdict_label',
    ]);
}

/** The number of disputes passing the filters, kept until the database changes (like the claim counts). */
async function countFilteredDisputes(db: Db, filters: ClaimFilters): Promise<number> {
  const [row] = (await disputeCounts.get(db, countKey('disputes', filters, true), () =>
    filteredDisputes(db, filters, { publicOnly: true }).select((eb) => eb.fn.countAll<number>().as('total')).execute(),
  )) as Array<{ total: number | bigint }>;
  return Number(row?.total ?? 0);
}
const disputeCounts = new StampedCache<unknown[]>(500);

/** The newest disputes (by when side A was said), for the home page: no count needed. */
export async function latestDisputes(db: Db, limit = PAGE_SIZE): Promise<DisputeSummary[]> {
  return disputeSummaries(db, {}, true)
    .orderBy('a.said_on', (ob) => ob.desc().nullsLast()).orderBy('a.id', 'desc').orderBy('d.id', 'desc')
    .limit(limit).execute();
}

/**
 * A page of disputes. Sorting follows the claim list's `sort`: by when side A was said, by side A's
 * claimant, or (updated-desc) by the dispute's last change.
 */
export async function disputesPage(db: Db, filters: ClaimFilters): Promise<{ total: number; disputes: DisputeSummary[] }> {
  const total = await countFilteredDisputes(db, filters);
  const sort = filters.sort ?? 'said-desc';
  let q = disputeSummaries(db, filters, sort === 'said-desc' || sort === 'said-asc');
  switch (sort) {
    case 'said-asc':
      q = q.orderBy('a.said_on', (ob) => ob.asc().nullsLast()).orderBy('a.id', 'asc');
      break;
    case 'updated-desc':
      q = q.orderBy('d.updated_at', 'desc');
      break;
    case 'claimant':
      q = q.orderBy('pa.name', 'asc');
      break;
    default:
      q = q.orderBy('a.said_on', (ob) => ob.desc().nullsLast()).orderBy('a.id', 'desc');
  }
  const disputes = await q.orderBy('d.id', 'desc').limit(PAGE_SIZE).offset(offsetOf(filters)).execute();
  return { total, disputes };
}

export interface ClaimPage {
  card: ClaimCard;
  disputes: Array<{ slug: string; question: string }>;
  links: LinkedClaim[];
}

export async function publicClaim(db: Db, id: number): Promise<ClaimPage | undefined> {
  const [card] = await loadClaimCards(db, [id]);
  if (!card || card.state === 'draft') return undefined;
  const disputes = await db
    .selectFrom('dispute')
    .select(['slug', 'question'])
    .where(disputeIsPublic(db, 'dispute'))
    .where((eb) => eb.or([eb('claim_a_id', '=', id), eb('claim_b_id', '=', id)]))
    .orderBy('question')
    .execute();
  const links = ((await listLinksOf(db, [id])).get(id) ?? []).filter((l) => l.claim_state !== 'draft');
  return { card, disputes, links };
}

/** How many claims a claimant or topic page shows; the rest are in the fact-check table it links to. */
export const PAGE_CLAIMS = 50;

function latestClaimIds(db: Db, filters: ClaimFilters) {
  return orderClaims(filteredClaims(db, filters, { publicOnly: true }).select('c.id'), 'said-desc').limit(PAGE_CLAIMS).execute();
}

/** A claimant with everything they said (published or retracted) and how it was rated; undefined when they have none. */
export async function claimantPage(db: Db, slug: string) {
  const claimant: ClaimantRow | undefined = await db.selectFrom('claimant').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!claimant) return undefined;
  const filters: ClaimFilters = { claimant: slug };
  const ids = await latestClaimIds(db, filters);
  if (ids.length === 0) return undefined;
  const ratings = await filteredClaims(db, filters, { publicOnly: true })
    .innerJoin('verdict_rating as v', 'v.key', 'c.verdict')
    .select((eb) => ['v.key', 'v.label', 'v.position', eb.fn.countAll<number>().as('count')])
    .groupBy(['v.key', 'v.label', 'v.position'])
    .orderBy('v.position')
    .execute();
  const cards = await loadClaimCards(db, ids.map((r) => r.id));
  const total = ratings.reduce((sum, r) => sum + Number(r.count), 0);
  return { claimant, cards, total, more: total > cards.length, ratings: ratings.map((r) => ({ ...r, count: Number(r.count) })) };
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
      'c.id as claim_id', 'c.text as claim_text', 'c.state as claim_state', 'p.name as claimant_name', 'p.slug as claimant_slug',
      'ci.role', 'ci.excerpt', 's.id as source_id', 's.title as source_title',
    ])
    .where('c.state', '<>', 'draft')
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
  const sources = await db.selectFrom('source').selectAll().where('outlet', 'in', names).orderBy('published_on', 'desc').orderBy('title').execute();
  const citations = await citationsOf(db).where('s.outlet', 'in', names).execute();
  if (citations.length === 0) return undefined;
  const cited = new Set(citations.map((c) => c.source_id));
  const outlet = sources.find((s) => cited.has(s.id))!.outlet;
  return { outlet, sources: sources.filter((s) => cited.has(s.id)), citations };
}

export async function topicPage(db: Db, slug: string) {
  const topic: TopicRow | undefined = await db.selectFrom('topic').selectAll().where('slug', '=', slug).executeTakeFirst();
  if (!topic) return undefined;
  const filters: ClaimFilters = { topic: slug };
  const ids = await latestClaimIds(db, filters);
  const disputes = await filteredDisputes(db, filters, { publicOnly: true }).select(['d.slug', 'd.question']).orderBy('d.question').execute();
  // A topic that only drafts use is not public yet: its very name could give a story away.
  if (ids.length === 0 && disputes.length === 0) return undefined;
  const { total } = await filteredClaims(db, filters, { publicOnly: true })
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  return { topic, cards: await loadClaimCards(db, ids.map((r) => r.id)), disputes, total: Number(total), more: Number(total) > ids.length };
}

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
    claim: (id) => eb.exists(db.selectFrom('claim as vc').select('vc.id').where('vc.id', '=', id).where('vc.state', '<>', 'draft')),
    dispute: (id) => eb.exists(db.selectFrom('dispute as vd').select('vd.id').where('vd.id', '=', id).where(disputeIsPublic(db, 'vd'))),
    source: (id) =>
      eb.exists(
        db.selectFrom('citation as vci').innerJoin('claim as vcc', 'vcc.id', 'vci.claim_id').select('vci.id')
          .where('vci.source_id', '=', id).where('vcc.state', '<>', 'draft'),
      ),
  };
}

/** One page of search hits that readers may see, with where each one links. */
export async function publicSearch(db: Db, fts: string, { limit, offset }: { limit: number; offset: number }): Promise<PublicSearchPage> {
  const { hits, ...page } = await searchPage(db, fts, { limit, offset, visible: publicVisibility(db) });
  const claimIds = hits.filter((h) => h.kind === 'claim').map((h) => h.id);
  const disputeIds = hits.filter((h) => h.kind === 'dispute').map((h) => h.id);
  const [claims, disputes] = await Promise.all([
    claimIds.length
      ? db.selectFrom('claim as c').innerJoin('claimant as p', 'p.id', 'c.claimant_id').select(['c.id', 'p.name']).where('c.id', 'in', claimIds).execute()
      : [],
    disputeIds.length ? db.selectFrom('dispute').select(['id', 'slug']).where('id', 'in', disputeIds).execute() : [],
  ]);
  const claimants = new Map(claims.map((c) => [c.id, c.name]));
  const slugs = new Map(disputes.map((d) => [d.id, d.slug]));
  const results: SearchResult[] = [];
  for (const hit of hits) {
    if (hit.kind === 'claim' && claimants.has(hit.id)) results.push({ ...hit, href: { name: 'claim', arg: hit.id }, claimant_name: claimants.get(hit.id)! });
    else if (hit.kind === 'dispute' && slugs.has(hit.id)) results.push({ ...hit, href: { name: 'dispute', arg: slugs.get(hit.id)! } });
    else if (hit.kind === 'source') results.push({ ...hit, href: { name: 'source', arg: hit.id } });
  }
  return { ...page, results };
}
