import type { ImportCounts } from './import.repository';

export interface RowError {
  /** The spreadsheet row: the header is row 1, the first record row 2 (for JSON-LD: the review's position). */
  row: number;
  /** The column (or JSON-LD property) at fault, when one is. */
  column: string | null;
  message: string;
}

export interface ImportReport {
  format: 'csv' | 'claimreview';
  dryRun: boolean;
  /** Whether anything was written. */
  imported: boolean;
  rows: number;
  skipped: number;
  counts: ImportCounts;
  errors: RowError[];
  warnings: string[];
}

export interface ImportOptions {
  /** Work out everything, then write nothing. */
  dryRun?: boolean;
  /** Import the good rows of a file with bad ones (otherwise a single bad row imports nothing). */
  skipBadRows?: boolean;
  /** This Gainsay's address: rows whose url is ours keep their id (and update that claim). */
  baseUrl: string;
  /** Called now and then with the number of rows read so far. */
  onProgress?: (rows: number) => void;
  /** Stop collecting errors after this many (the count keeps going). */
  maxErrors?: number;
}

/** Thrown inside the transaction to roll it back (dry run, or errors without skip). */
export class RollbackImport extends Error {}

/** A short human summary of a report, for the command line. */
export function describeReport(r: ImportReport): string {
  const c = r.counts;
  const verb = r.imported ? 'Imported' : r.dryRun ? 'Dry run — would import' : 'Nothing imported; would have imported';
  const lines = [
    `${verb} ${r.rows - r.skipped} of ${r.rows} row(s): ${c.claims_created} claim(s) created, ${c.claims_updated} updated, ${c.claims_unchanged} unchanged; ` +
      `${c.claimants_created} claimant(s), ${c.sources_created} source(s), ${c.topics_created} topic(s), ${c.disputes_created} dispute(s), ${c.links_created} link(s) created.`,
  ];
  if (r.errors.length) {
    lines.push(`${r.errors.length} error(s)${r.skipped ? `; ${r.skipped} bad row(s) skipped` : ''}:`);
    for (const e of r.errors) lines.push(`  row ${e.row}${e.column ? `, column ${e.column}` : ''}: ${e.message}`);
  }
  for (const w of r.warnings) lines.push(`warning: ${w}`);
  return lines.join('\n');
}
