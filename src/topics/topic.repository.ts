import type { Selectable } from 'kysely';
import type { Db } from '../db/connection';
import { reusableQuery } from '../db/reusable-query';
import type { Topic } from '../db/schema';
import { slugify } from '../domain/slug';

export type TopicRow = Selectable<Topic>;

export async function findTopicBySlug(db: Db, slug: string): Promise<TopicRow | undefined> {
  return db.selectFrom('topic').selectAll().where('slug', '=', slug).executeTakeFirst();
}

const topicBySlug = reusableQuery(['slug'], (db, { slug }: { slug: string }) =>
  db.selectFrom('topic').selectAll().where('slug', '=', slug),
);

/** The topics with these names, created where missing; matched by slug so "Military aid" = "military aid". */
export async function findOrCreateTopics(db: Db, names: readonly string[]): Promise<TopicRow[]> {
  const wanted = new Map<string, string>();
  for (const name of names) {
    const slug = slugify(name);
    if (slug && !wanted.has(slug)) wanted.set(slug, name.trim());
  }
  if (wanted.size === 0) return [];
  const slugs = [...wanted.keys()];
  // One compiled lookup per name: claims carry a few topics, and this runs for every claim saved.
  const existing: TopicRow[] = [];
  for (const slug of slugs) {
    const topic = await topicBySlug.first(db, { slug });
    if (topic) existing.push(topic);
  }
  const have = new Set(existing.map((t) => t.slug));
  const missing = slugs.filter((s) => !have.has(s)).map((slug) => ({ slug, name: wanted.get(slug)! }));
  const created = missing.length ? await db.insertInto('topic').values(missing).returningAll().execute() : [];
  const bySlug = new Map([...existing, ...created].map((t) => [t.slug, t]));
  return slugs.map((s) => bySlug.get(s)!);
}
