import type { Db } from '../db/connection';
import type { ClaimFilters } from '../claims/claim-filters';
import { filteredDisputes } from './dispute-filters';
import type { DisputeRow } from './dispute.repository';

// Apart from dispute.repository.ts, which dispute-filters.ts reads from: one module cycle less.

/** One page of the disputes that pass the filters, most recently changed first, and how many pass. */
export async function disputesPage(
  db: Db,
  filters: ClaimFilters,
  { publicOnly, limit, offset }: { publicOnly: boolean; limit: number; offset: number },
): Promise<{ rows: DisputeRow[]; total: number }> {
  const rows = await filteredDisputes(db, filters, { publicOnly }).selectAll('d').orderBy('d.updated_at', 'desc').orderBy('d.id', 'desc').limit(limit).offset(offset).execute();
  const { n } = await filteredDisputes(db, filters, { publicOnly }).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { rows, total: Number(n) };
}
