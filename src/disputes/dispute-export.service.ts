import type { ClaimFilters } from '../claims/claim-filter.repository';
import type { ListExportOptions } from '../claims/claim-export.service';
import { appliedFilters, checkSearchFilter } from '../claims/list-params';
import { writeTable } from '../exports/formats';
import { countDisputes, disputeRecordBatches } from './dispute-export.repository';
import { disputeTable } from './dispute.table';

/** Writes every dispute of a filtered list (all pages) in a format, streaming, like exportClaims. */
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
  return writeTable(
    format,
    disputeTable,
    disputeRecordBatches(db, unpaged, { publicOnly, ...(chunkSize ? { chunkSize } : {}) }),
    out,
    ctx,
    {
      bom: bom ?? false,
      filters: appliedFilters(unpaged),
      total: () => countDisputes(db, unpaged, { publicOnly }),
    },
  );
}
