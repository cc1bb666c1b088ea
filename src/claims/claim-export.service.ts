import type { Writable } from 'node:stream';
import type { ClaimFilters } from '../claims/claim-filters';
import type { Db } from '../db/connection';
import { slugify } from '../domain/slug';
import { parseSearchQuery } from '../search/fts';
import { claimRecordBatches } from '../claims/claim-export.repository';
import { countFilteredClaims } from '../claims/claim-facets';
import { countDisputes, disputeRecordBatches } from '../disputes/dispute-export.repository';
import { writeTable, type ExportFormat } from './formats';
import { claimTable, disputeTable, type ExportContext } from './tables';

export type ExportKind = 'claims' | 'disputes';

export class BadFilter extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'BadFilter';
  }
}

/** The filters that narrow the rows (page and sort only order or cut them), without empty ones. */
export function appliedFilters(filters: ClaimFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && k !== 'page') out[k] = String(v);
  return out;
}

/** "claims-verdict-false-claimant-kremlin.csv": readable, ASCII, safe in a header. */
export function exportFilename(kind: ExportKind, filters: ClaimFilters, format: ExportFormat): string {
  const parts = Object.entries(appliedFilters(filters)).map(([k, v]) => `${k}-${slugify(v, 40)}`);
  return `${[kind, ...parts].join('-').slice(0, 150)}.${format}`;
}

export interface ExportOptions {
  db: Db;
  kind: ExportKind;
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

/** Throws BadFilter when the search text is not a query (the list filters would silently ignore it). */
export function checkSearchFilter(filters: ClaimFilters): void {
  if (filters.q !== undefined) {
    const parsed = parseSearchQuery(filters.q);
    if (!parsed.ok) throw new BadFilter('q', parsed.message);
  }
}

/**
 * Writes every row of a filtered list (all pages) in a format, streaming. Shared by the .csv/.json/
 * .xlsx/.md URLs, `gainsay export` and the benchmark. Returns the number of rows written.
 */
export async function exportList({ db, kind, format, filters, out, ctx, bom, publicOnly = true, chunkSize }: ExportOptions): Promise<number> {
  checkSearchFilter(filters);
  const unpaged: ClaimFilters = { ...filters, page: undefined };
  const options = { bom: bom ?? false, filters: appliedFilters(unpaged) };
  const reading = { publicOnly, ...(chunkSize ? { chunkSize } : {}) };
  if (kind === 'claims') {
    return writeTable(format, claimTable, claimRecordBatches(db, unpaged, reading), out, ctx, {
      ...options,
      total: () => countFilteredClaims(db, unpaged, { publicOnly }),
    });
  }
  return writeTable(format, disputeTable, disputeRecordBatches(db, unpaged, reading), out, ctx, {
    ...options,
    total: () => countDisputes(db, unpaged, { publicOnly }),
  });
}
