import type { Db } from '../db/connection';

/**
 * Who created claim or dispute `id`: the actor of its `create` revision, or null when none is
 * recorded (the seed, `gainsay import`). Ids are AUTOINCREMENT, so a deleted record's history never
 * names the author of a new one; the revision table is append-only, so this cannot be rewritten.
 */
export async function findAuthorId(db: Db, entity: 'claim' | 'dispute', id: number): Promise<number | null> {
  const row = await db
    .selectFrom('revision')
    .select('actor_id')
    .where('entity', '=', entity)
    .where('entity_id', '=', id)
    .where('action', '=', 'create')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.actor_id ?? null;
}

/** `record` with its author, as the editorial rules look at it. */
export async function withAuthor<T extends { id: number }>(
  db: Db,
  entity: 'claim' | 'dispute',
  record: T,
): Promise<T & { author_id: number | null }> {
  return { ...record, author_id: await findAuthorId(db, entity, record.id) };
}
