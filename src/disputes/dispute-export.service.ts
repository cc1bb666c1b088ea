import type { ClaimFilters } from '../claims/claim-filter.repository';
import type { ListExportOptions } from '../claims/claim-export.service';
import { appliedFilters, checkSearchFilter } from '../claims/list-params';
import { readSnapshot } from '../db/snapshot';
import { writeTable } from '../exports/formats';
import { countDisputes, disputeRecordBatches } from './dispute-export.repository';
import { disputeTable } from './dispute.table';

/** Writes every dispute of a filtered list (all pages) in a format, streaming, from one snapshot, like exportClaims. */
export async function exportDisputes({
  db,
  format,
  filters,
  out,
  ctx,
  bom,
  publicOnly = true,
  chunkSize,
}: ListExportOptions): Promise<number> {
  checkSearchFilter(filters);
  const unpaged: ClaimFilters = { ...filters, page: undefined };
  return readSnapshot(db, (snapshot) =>
    writeTable(
      format,
      disputeTable,
      disputeRecordBatches(snapshot, unpaged, { publicOnly, ...(chunkSize ? { chunkSize } : {}) }),
      out,
      ctx,
      {
        bom: bom ?? false,
        filters: appliedFilters(unpaged),
        total: () => countDisputes(snapshot, unpaged, { publicOnly }),
      },
    ),
  );
}
