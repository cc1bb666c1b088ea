import type { Db } from '../db/connection';

/** The published (or retracted) claims that cite a source, with the role and excerpt. */
export async function listPublicCitationsOfSource(db: Db, sourceId: number) {
  return db
    .selectFrom('citation as ci')
    .innerJoin('claim as c', 'c.id', 'ci.claim_id')
    .select(['ci.claim_id', 'ci.role', 'ci.excerpt'])
    .where('ci.source_id', '=', sourceId)
    .where('c.state', '<>', 'draft')
    .orderBy('ci.id')
    .execute();
}
