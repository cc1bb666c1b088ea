import type { ImportCounts } from './import.repository';
import type { Db } from '../db/connection';
import { MAX_COMPARED, type ProposedRepeat, type RepeatProposals } from '../repeats/import-repeats';
import { englishQuoting } from '../http/localized';

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
  /** New claims that look like claims already logged: links to make (as `repeats`), proposed, not made. */
  repeats: ProposedRepeat[];
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
  /** Stop collecting errors after this many (the count keeps going); warnings too (one last line counts the rest). */
  maxErrors?: number;
}

/** Proposes the existing claims that the import's new claims look like (see RepeatProposals), as the report's `repeats`. */
export async function proposeRepeats(db: Db, proposals: RepeatProposals, report: ImportReport): Promise<void> {
  const { proposals: found, uncompared, stopped } = await proposals.propose(db);
  report.repeats = found;
  if (stopped) report.warnings.push(englishQuoting('import.warning.repeatsStopped', { count: stopped }));
  if (uncompared) report.warnings.push(englishQuoting('import.warning.repeatsLimited', { max: MAX_COMPARED, count: uncompared }));
}

/** After a dry run or a refused import nothing was kept: the proposals name no imported claim. */
export function forgetImportedIds(report: ImportReport): void {
  if (!report.imported) for (const p of report.repeats) p.claim_id = null;
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
  for (const p of r.repeats)
    for (const l of p.looks_like) lines.push(`possible repeat: row ${p.row} looks like claim ${l.id} (${l.claimant}: ${l.text})`);
  return lines.join('\n');
}
