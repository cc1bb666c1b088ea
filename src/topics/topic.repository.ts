import type { Selectable } from 'kysely';
import type { Db } from '../db/connection';
import { reusableQuery } from '../db/reusable-query';
import type { Topic } from '../db/schema';
import { slugify } from '../domain/slug';
import { claimIsPublic } from '../db/visibility';
import { RuleViolation } from '../domain/errors';
import { matchKey } from '../domain/match-key';
import { englishQuoting } from '../http/localized';

export type TopicRow = Selectable<Topic>;

export async function findTopicBySlug(db: Db, slug: string): Promise<TopicRow | undefined> {
  return db.selectFrom('topic').selectAll().where('slug', '=', slug).executeTakeFirst();
}

const topicBySlug = reusableQuery(['slug'], (db, { slug }: { slug: string }) =>
  db.selectFrom('topic').selectAll().where('slug', '=', slug),
);
const topicByAlias = reusableQuery(['key'], (db, { key }: { key: string }) =>
  db.selectFrom('topic_alias as a').innerJoin('topic as t', 't.id', 'a.topic_id').selectAll('t').where('a.name_key', '=', key),
);

/**
 * The topics with these names, created where missing; matched by slug so "Military aid" = "military aid",
 * then by alias, so "Staakt-het-vuren" is Ceasefire rather than a twin of it.
 */
export async function findOrCreateTopics(db: Db, names: readonly string[]): Promise<TopicRow[]> {
  const wanted = new Map<string, string>();
  for (const name of names) {
    const slug = slugify(name);
    if (slug && !wanted.has(slug)) wanted.set(slug, name.trim());
  }
  if (wanted.size === 0) return [];
  const slugs = [...wanted.keys()];
  // One compiled lookup per name: claims carry a few topics, and this runs for every claim saved.
  const bySlug = new Map<string, TopicRow>();
  for (const slug of slugs) {
    const topic = (await topicBySlug.first(db, { slug })) ?? (await topicByAlias.first(db, { key: matchKey(wanted.get(slug)!) }));
    if (topic) bySlug.set(slug, topic);
  }
  const missing = slugs.filter((s) => !bySlug.has(s)).map((slug) => ({ slug, name: wanted.get(slug)! }));
  const created = missing.length ? await db.insertInto('topic').values(missing).returningAll().execute() : [];
  for (const t of created) bySlug.set(t.slug, t);
  // Two names may be one topic (a name and its alias): each topic once.
  return [...new Map(slugs.map((s) => [bySlug.get(s)!.id, bySlug.get(s)!])).values()];
}

/** Each topic's other names ("also known as"), in the order they were given. */
export async function topicAliasesOf(db: Db, topicIds: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (!topicIds.length) return out;
  const rows = await db
    .selectFrom('topic_alias')
    .select(['topic_id', 'name'])
    .where('topic_id', 'in', [...new Set(topicIds)])
    .orderBy('id')
    .execute();
  for (const r of rows) out.set(r.topic_id, [...(out.get(r.topic_id) ?? []), r.name]);
  return out;
}

/**
 * Replaces a topic's aliases; repeats and the topic's own name are dropped. An alias that names another
 * topic (as its alias or by its slug) is refused naming that topic: one name points to one topic.
 */
export async function replaceTopicAliases(db: Db, topic: { id: number; name: string }, aliases: readonly string[]): Promise<void> {
  const keep = new Map<string, string>();
  for (const alias of aliases) {
    const key = matchKey(alias);
    if (!key || key === matchKey(topic.name) || keep.has(key)) continue;
    keep.set(key, alias.trim().normalize('NFC'));
  }
  await db.deleteFrom('topic_alias').where('topic_id', '=', topic.id).execute();
  for (const [key, name] of keep) {
    const other =
      (await db
        .selectFrom('topic_alias as a')
        .innerJoin('topic as t', 't.id', 'a.topic_id')
        .select('t.name')
        .where('a.name_key', '=', key)
        .executeTakeFirst()) ??
      (await db.selectFrom('topic').select('name').where('slug', '=', slugify(name)).where('id', '<>', topic.id).executeTakeFirst());
    if (other) throw new RuleViolation(englishQuoting('topic.rule.aliasTaken', { alias: name, name: other.name }), 'aliases');
    await db.insertInto('topic_alias').values({ topic_id: topic.id, name, name_key: key }).execute();
  }
}

export async function findTopicById(db: Db, id: number): Promise<TopicRow | undefined> {
  return db.selectFrom('topic').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface TopicListRow extends TopicRow {
  claim_count: number;
}

/** Every topic for the desk, by name, with how many claims carry it. */
export async function listTopicsForDesk(db: Db): Promise<TopicListRow[]> {
  const rows = await db
    .selectFrom('topic')
    .selectAll('topic')
    .select((eb) =>
      eb
        .selectFrom('claim_topic')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('claim_topic.topic_id', '=', 'topic.id')
        .as('claim_count'),
    )
    .orderBy('topic.name')
    .execute();
  return rows.map((r) => ({ ...r, claim_count: Number(r.claim_count ?? 0) }));
}

/** Whether readers see the topic through a claim that is not a draft (for the editorial rules). */
export async function topicInPublicUse(db: Db, topicId: number): Promise<boolean> {
  const row = await db
    .selectFrom('claim_topic as t')
    .innerJoin('claim as c', 'c.id', 't.claim_id')
    .select('t.claim_id')
    .where('t.topic_id', '=', topicId)
    .where(claimIsPublic('c'))
    .executeTakeFirst();
  return row !== undefined;
}
