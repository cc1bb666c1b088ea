import type { Db } from '../db/connection';

/**
 * Who created claim or dispute `id`: the actor of its `create` revision, or null when none is
 * recorded (the seed, `gainsay import`). The importer may give a new record the id of a deleted one
 * (a claim exported, deleted and imported again keeps its id), so only a `create` that comes after the
 * last `delete` of that id counts; the revision table is append-only, so this cannot be rewritten.
 */
export async function findAuthorId(db: Db, entity: 'claim' | 'dispute', id: number): Promise<number | null> {
  const latest = await db
    .selectFrom('revision')
    .select(['action', 'actor_id'])
    .where('entity', '=', entity)
    .where('entity_id', '=', id)
    .where('action', 'in', ['create', 'delete'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return latest?.action === 'create' ? latest.actor_id : null;
}

/** `record` with its author, as the editorial rules look at it. */
export async function withAuthor<T extends { id: number }>(
  db: Db,
  entity: 'claim' | 'dispute',
  record: T,
): Promise<T & { author_id: number | null }> {
  return { ...record, author_id: await findAuthorId(db, entity, record.id) };
}
