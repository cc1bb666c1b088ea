import type { Db } from '../db/connection';
import { StampedCache } from '../db/stamped-cache';
import { claimantIsPublic, claimIsPublic } from '../db/visibility';
import { matchKey } from '../domain/match-key';

/** One name a reader may search by: a claimant's or topic's own name, or one of its aliases. */
export interface NameEntry {
  kind: 'claimant' | 'topic';
  id: number;
  slug: string;
  /** The claimant's or topic's own name. */
  name: string;
  /** This entry's name as written: the own name, or the alias. */
  label: string;
  isAlias: boolean;
  /** matchKey(label). */
  key: string;
}

// Names of public claimants and topics change rarely and are read on every search: kept until the
// database changes. Plain SQL, so it serves any engine.
const kept = new StampedCache<NameEntry[]>(1);

/** Every name (and alias) of the claimants and topics readers may see: those named by a claim that is not a draft. */
export function publicNames(db: Db): Promise<NameEntry[]> {
  return kept.get(db, 'names', async () => {
    const [claimants, claimantAliases, topics, topicAliases] = await Promise.all([
      db.selectFrom('claimant').select(['id', 'slug', 'name']).where(claimantIsPublic('claimant.id')).execute(),
      db
        .selectFrom('claimant_alias as a')
        .innerJoin('claimant', 'claimant.id', 'a.claimant_id')
        .select(['claimant.id', 'claimant.slug', 'claimant.name', 'a.name as label'])
        .where(claimantIsPublic('claimant.id'))
        .orderBy('a.id')
        .execute(),
      db.selectFrom('topic').select(['id', 'slug', 'name']).where(topicIsPublic).execute(),
      db
        .selectFrom('topic_alias as a')
        .innerJoin('topic', 'topic.id', 'a.topic_id')
        .select(['topic.id', 'topic.slug', 'topic.name', 'a.name as label'])
        .where(topicIsPublic)
        .orderBy('a.id')
        .execute(),
    ]);
    const entry = (kind: NameEntry['kind'], isAlias: boolean) => (r: { id: number; slug: string; name: string; label?: string }) => {
      const label = r.label ?? r.name;
      return { kind, id: r.id, slug: r.slug, name: r.name, label, isAlias, key: matchKey(label) };
    };
    return [
      ...claimants.map(entry('claimant', false)),
      ...claimantAliases.map(entry('claimant', true)),
      ...topics.map(entry('topic', false)),
      ...topicAliases.map(entry('topic', true)),
    ];
  });
}

function topicIsPublic(eb: Parameters<ReturnType<typeof claimIsPublic>>[0]) {
  return eb.exists(
    eb
      .selectFrom('claim_topic as vt')
      .innerJoin('claim as vc', 'vc.id', 'vt.claim_id')
      .select('vt.claim_id')
      .whereRef('vt.topic_id', '=', 'topic.id')
      .where(claimIsPublic('vc')),
  );
}

export interface ClaimLine {
  id: number;
  text: string;
}

/** A claimant's latest public claims, for the search page's "people and organisations" block. */
export async function latestClaimsOf(db: Db, claimantId: number, limit: number): Promise<ClaimLine[]> {
  return db
    .selectFrom('claim as c')
    .select(['c.id', 'c.text'])
    .where('c.claimant_id', '=', claimantId)
    .where(claimIsPublic('c'))
    .orderBy('c.said_on', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute();
}

/** How many public claims a claimant made, or carry a topic. */
export async function publicClaimCount(db: Db, kind: NameEntry['kind'], id: number): Promise<number> {
  const q =
    kind === 'claimant'
      ? db.selectFrom('claim as c').where('c.claimant_id', '=', id)
      : db.selectFrom('claim_topic as t').innerJoin('claim as c', 'c.id', 't.claim_id').where('t.topic_id', '=', id);
  const { n } = await q
    .where(claimIsPublic('c'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}
