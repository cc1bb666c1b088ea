import type { Writable } from 'node:stream';
import type { Db } from '../db/connection';
import { readSnapshot } from '../db/snapshot';
import type { ExportContext } from '../exports/table';
import { writeTable, type ExportFormat } from '../exports/formats';
import { claimRecordBatches } from './claim-export.repository';
import { countFilteredClaims } from './claim-facet.repository';
import type { ClaimFilters } from './claim-filter.repository';
import { claimTable } from './claim.table';
import { appliedFilters, checkSearchFilter } from './list-params';

export interface ListExportOptions {
  db: Db;
  format: ExportFormat;
  filters: ClaimFilters;
  out: Writable;
  ctx: ExportContext;
  bom?: boolean;
  /** Readers never see drafts; every public export passes true. */
  publicOnly?: boolean;
  /** Records read per chunk (tests set it small to cross chunk edges). */
  chunkSize?: number;
}

/**
 * Writes every claim of a filtered list (all pages) in a format, streaming. Shared by /claims.csv (and
 * .json, .xlsx, .md), `gainsay export` and the benchmark. Returns the number of rows written. It reads
 * one snapshot (readSnapshot): a claim published or unpublished meanwhile is in it or out of it throughout.
 */
export async function exportClaims({
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
    writeTable(format, claimTable, claimRecordBatches(snapshot, unpaged, { publicOnly, ...(chunkSize ? { chunkSize } : {}) }), out, ctx, {
      bom: bom ?? false,
      filters: appliedFilters(unpaged),
      total: () => countFilteredClaims(snapshot, unpaged, { publicOnly }),
    }),
  );
}
