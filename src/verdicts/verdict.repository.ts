import type { Selectable } from 'kysely';
import type { Db } from '../db/connection';
import type { VerdictRating } from '../db/schema';

export type VerdictRow = Selectable<VerdictRating>;

/** The newsroom's verdict scale, in display order. */
export async function listVerdicts(db: Db): Promise<VerdictRow[]> {
  return db.selectFrom('verdict_rating').selectAll().orderBy('position').execute();
}
