import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { Db } from '../db/connection';
import { findClaimRecord } from '../claims/claim-export.repository';
import { restoreFormula } from '../exports/formats';
import { claimTable } from '../claims/claim.table';
import { nowIso } from '../domain/clock';
import { parsePartialDate, readStatedDate } from '../domain/partial-date';
import { SLUG_PATTERN } from '../domain/slug';
import { CITATION_ROLES, CLAIM_KINDS, CLAIMANT_KINDS, DATE_PRECISIONS, DISPUTE_STATUSES, LINK_TYPES, STATES } from '../domain/vocabulary';
import { choice, optionalDay, optionalLanguage, optionalText, optionalUrl, requiredText } from '../http/fields';
import { english, englishQuoting } from '../http/localized';
import { absoluteUrl, paths } from '../http/urls';
import { columnPositions, fastCsvRecord, isoDate, prefetchKeys, webUrl, type ColumnPositions } from './csv-fast-row';
import { csvRecordBatches, CsvSyntaxError } from './csv-records';
import { emptyCounts, ImportWriter, type ClaimColumns, type ImportCitation } from './import.repository';
import { forgetImportedIds, proposeRepeats, RollbackImport, type ImportOptions, type ImportReport, type RowError } from './import-report';
import { RepeatProposals } from '../repeats/import-repeats';

// Imports the claims CSV export (README "CSV columns"): a round trip through an empty database
// gives the same file. Columns other than those below (verdict_label, disputes, sources) are derived
// and ignored; unknown columns are ignored too.

const emptyToNull = (v: unknown) => (v === '' || v === undefined ? null : v);
const jsonCell = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v, ctx) => {
    if (v === '' || v === undefined || v === null) return [];
    // A CSV cell is a string; anything else is left for the schema to reject.
    if (typeof v !== 'string') return v;
    try {
      return JSON.parse(v) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: english('import.csv.notJson') });
      return z.NEVER;
    }
  }, schema);

const nullableString = z
  .string()
  .nullable()
  .optional()
  .transform((v) => v ?? null);
const day = isoDate
  .nullable()
  .optional()
  .transform((v) => v ?? null);
const citationSchema = z.object({
  role: z.enum(CITATION_ROLES),
  excerpt: nullableString,
  source: z
    .object({
      outlet: z.string().min(1),
      title: z.string().min(1),
      url: webUrl
        .nullable()
        .optional()
        .transform((v) => v ?? null),
      published_on: z.unknown().optional(),
      language: nullableString,
      archive_url: webUrl
        .nullable()
        .optional()
        .transform((v) => v ?? null),
      retrieved_on: day,
      published_precision: z.unknown().optional(),
    })
    // A day, a month or a year, made coarser by a stated precision; in the export's key order (unchanged rows compare as JSON).
    .transform(({ published_on, published_precision, ...s }, ctx) => {
      const date = readStatedDate(published_on, published_precision);
      if (date === undefined) {
        ctx.addIssue({ code: 'custom', path: ['published_on'], message: english('validation.param.partialDate') });
        return z.NEVER;
      }
      const { outlet, title, url, language, archive_url, retrieved_on } = s;
      return {
        outlet,
        title,
        url,
        published_on: date?.on ?? null,
        language,
        archive_url,
        retrieved_on,
        published_precision: date?.precision ?? null,
      };
    }),
});
const linkSchema = z.object({ type: z.enum(LINK_TYPES), to_claim_id: z.number().int().positive(), note: nullableString });
const disputeRefSchema = z.object({
  slug: z.string().regex(SLUG_PATTERN),
  question: z.string().min(1),
  summary: nullableString,
  status: z.enum(DISPUTE_STATUSES),
  state: z.enum(STATES),
  side: z.enum(['a', 'b']),
  claim_a_id: z.number().int().positive(),
  claim_b_id: z.number().int().positive(),
});
const timestamp = z.preprocess(emptyToNull, z.iso.datetime({ message: english('import.csv.timestamp') }).nullable());

export const csvRowSchema = z
  .object({
    id: z.preprocess(
      (v) => (v === '' || v === undefined ? null : Number(v)),
      z
        .number({ message: english('import.csv.wholeNumber') })
        .int(english('import.csv.wholeNumber'))
        .positive(english('import.csv.wholeNumber'))
        .nullable(),
    ),
    url: optionalUrl('field.url'),
    claimant: requiredText(200, 'field.claim.claimant'),
    claimant_slug: z.preprocess(emptyToNull, z.string().regex(SLUG_PATTERN, english('import.csv.slug')).nullable()),
    claimant_kind: z.preprocess((v) => emptyToNull(v) ?? 'other', choice(CLAIMANT_KINDS, 'field.import.claimantKind')),
    said_on: z.preprocess(
      emptyToNull,
      z
        .string()
        .refine((s) => parsePartialDate(s) !== null, english('validation.param.partialDate'))
        .nullable(),
    ),
    said_precision: z.preprocess(emptyToNull, choice(DATE_PRECISIONS, 'field.import.precision').nullable()),
    said_where: optionalText(500, 'field.claim.saidWhere'),
    kind: z.preprocess((v) => emptyToNull(v) ?? 'statement', choice(CLAIM_KINDS, 'field.kind')),
    review_due_on: optionalDay('field.import.reviewDue'),
    text: requiredText(4000, 'field.import.text'),
    quote: optionalText(8000, 'field.import.quote'),
    quote_language: optionalLanguage('field.import.quoteLanguage'),
    topics: z.preprocess(emptyToNull, z.string().nullable()).transform((v) =>
      v
        ? v
            .split(';')
            .map((t) => t.trim())
            .filter(Boolean)
        : [],
    ),
    verdict: z.preprocess((v) => emptyToNull(v) ?? 'unverified', z.string()),
    verdict_rationale: optionalText(8000, 'field.claim.rationale'),
    state: z.preprocess((v) => emptyToNull(v) ?? 'draft', choice(STATES, 'field.state')),
    citations_json: jsonCell(z.array(citationSchema)),
    links_json: jsonCell(z.array(linkSchema)),
    disputes_json: jsonCell(z.array(disputeRefSchema)),
    created_at: timestamp,
    updated_at: timestamp,
  })
  .superRefine((row, ctx) => {
    if (row.verdict !== 'unverified' && !row.verdict_rationale) {
      ctx.addIssue({ code: 'custom', path: ['verdict_rationale'], message: english('import.csv.verdictNeedsRationale') });
    }
    if (row.said_precision && !row.said_on) {
      ctx.addIssue({ code: 'custom', path: ['said_on'], message: english('import.csv.precisionNeedsDate') });
    }
  });

type CsvRow = z.infer<typeof csvRowSchema>;
const REQUIRED_COLUMNS = ['claimant', 'text'];

function toColumns(row: CsvRow, now: string): ClaimColumns {
  const partial = row.said_on ? parsePartialDate(row.said_on)! : null;
  return {
    text: row.text,
    quote: row.quote,
    quote_language: row.quote ? row.quote_language : null,
    said_on: partial?.on ?? null,
    said_precision: partial ? (row.said_precision ?? partial.precision) : null,
    said_where: row.said_where,
    kind: row.kind,
    review_due_on: row.review_due_on,
    verdict: row.verdict,
    verdict_rationale: row.verdict_rationale,
    state: row.state,
    created_at: row.created_at ?? now,
    updated_at: row.updated_at ?? now,
  };
}

/** A record as cells by column name (a later column of the same name wins); cells past the header are left out. */
function cellsOf(header: readonly string[], record: readonly string[]): Record<string, string> {
  const cells: Record<string, string> = {};
  const n = Math.min(header.length, record.length);
  for (let i = 0; i < n; i++) cells[header[i]!] = record[i]!;
  return cells;
}

const COMPARED = [
  'claimant',
  'claimant_slug',
  'said_on',
  'said_precision',
  'said_where',
  'kind',
  'review_due_on',
  'text',
  'quote',
  'quote_language',
  'topics',
  'verdict',
  'verdict_rationale',
  'state',
  'citations_json',
];

/**
 * Imports a claims CSV in one transaction. Bad rows are reported with row, column and message; a file
 * with bad rows imports nothing unless skipBadRows. A dry run does all the work and rolls it back.
 */
export async function importClaimsCsv(db: Db, input: Readable | string, options: ImportOptions): Promise<ImportReport> {
  const report: ImportReport = {
    format: 'csv',
    dryRun: !!options.dryRun,
    imported: false,
    rows: 0,
    skipped: 0,
    counts: undefined!,
    errors: [],
    warnings: [],
    repeats: [],
  };
  const maxErrors = options.maxErrors ?? 1000;
  const addError = (e: RowError) => {
    if (report.errors.length < maxErrors) report.errors.push(e);
  };
  let errorCount = 0;
  // Warnings past maxErrors are only counted (a file of claims linking outside it can have one per row).
  let warningsLeftOut = 0;
  const addWarning = (text: () => string) => {
    if (report.warnings.length < maxErrors) report.warnings.push(text());
    else warningsLeftOut++;
  };
  const now = nowIso();
  const ctx = { baseUrl: options.baseUrl };
  const repeats = new RepeatProposals();
  try {
    await db.transaction().execute(async (trx) => {
      const writer = new ImportWriter(trx, now);
      await writer.withLargeCache(async () => {
        report.counts = writer.counts;
        const verdicts = await writer.verdictKeys();
        await writer.bypassClaimSearchTrigger();
        const fileIds = new Map<number, number>();
        const disputes = new Map<string, z.infer<typeof disputeRefSchema> & { row: number }>();
        const links: Array<{ from: number; to: number; type: string; note: string | null; row: number }> = [];
        let header: string[] | undefined;
        let positions: ColumnPositions | undefined;
        let headerChecked = false;
        let rowNumber = 1;
        try {
          records: for await (const batch of csvRecordBatches(input)) {
            if (positions) await writer.prefetch(prefetchKeys(batch, positions));
            for (const record of batch) {
              if (header === undefined) {
                header = record;
                positions = columnPositions(header);
                await writer.prefetch(prefetchKeys(batch.slice(1), positions));
                continue;
              }
              rowNumber++;
              report.rows++;
              if (!headerChecked) {
                headerChecked = true;
                const missing = REQUIRED_COLUMNS.filter((c) => !header!.includes(c));
                if (missing.length) {
                  addError({
                    row: 1,
                    column: missing[0]!,
                    message: englishQuoting('import.csv.missingColumns', { columns: missing.join('", "') }),
                  });
                  errorCount++;
                  report.rows = 0;
                  break records;
                }
              }
              if (report.rows % 1000 === 0) options.onProgress?.(report.rows);
              for (let i = 0; i < record.length; i++) {
                // Only a cell that starts with an apostrophe can be a neutralised formula (src/exports/formats.ts).
                if (record[i]!.charCodeAt(0) === 39) record[i] = restoreFormula(record[i]!);
              }
              // Plainly valid rows take the fast path; the rest (and every error message) go through zod.
              const fast = fastCsvRecord<CsvRow>(record, positions!);
              const parsed = fast ? { success: true as const, data: fast } : csvRowSchema.safeParse(cellsOf(header, record));
              const rowErrors: RowError[] = [];
              if (!parsed.success) {
                const seen = new Set<string>();
                for (const issue of parsed.error.issues) {
                  const column = String(issue.path[0] ?? '');
                  if (seen.has(column)) continue;
                  seen.add(column);
                  rowErrors.push({ row: rowNumber, column: column || null, message: issue.message });
                }
              } else if (!verdicts.has(parsed.data.verdict)) {
                rowErrors.push({
                  row: rowNumber,
                  column: 'verdict',
                  message: englishQuoting('import.csv.notOnScale', { verdict: parsed.data.verdict, scale: [...verdicts].join(', ') }),
                });
              }
              if (rowErrors.length || !parsed.success) {
                errorCount++;
                report.skipped++;
                rowErrors.forEach(addError);
                continue;
              }
              // Past the first bad row without skipping, nothing will be written: only keep validating.
              if (errorCount && !options.skipBadRows) continue;
              const row = parsed.data;
              const columns = toColumns(row, now);
              const claimantId = await writer.claimantId(row.claimant, row.claimant_slug, row.claimant_kind);
              const citations = row.citations_json as ImportCitation[];
              const ours = row.id !== null && (row.url === null || row.url === absoluteUrl(options.baseUrl, paths.claim(row.id)));
              let claimId: number;
              if (ours && (await writer.claimExists(row.id!))) {
                claimId = row.id!;
                const existing = await findClaimRecord(trx, claimId, { publicOnly: false });
                const cells = cellsOf(header, record);
                const same =
                  existing &&
                  COMPARED.every((name) => {
                    const column = claimTable.columns.find((c) => c.name === name)!;
                    const incoming = name === 'citations_json' ? JSON.stringify(citations) : (cells[name] ?? '');
                    return String(column.value(existing, ctx) ?? '') === incoming;
                  });
                if (same) writer.counts.claims_unchanged++;
                else await writer.updateClaim(claimId, claimantId, columns, row.topics, citations);
              } else {
                claimId = await writer.insertClaim(ours ? row.id : null, claimantId, columns, row.topics, citations);
                repeats.add(rowNumber, claimId, columns.text);
              }
              if (row.id !== null) fileIds.set(row.id, claimId);
              for (const l of row.links_json) links.push({ from: claimId, to: l.to_claim_id, type: l.type, note: l.note, row: rowNumber });
              for (const d of row.disputes_json) if (!disputes.has(d.slug)) disputes.set(d.slug, { ...d, row: rowNumber });
            }
          }
        } catch (err) {
          // Malformed CSV (an unclosed quote, …) stops the reading: report where, import nothing.
          if (!(err instanceof CsvSyntaxError)) throw err;
          addError({ row: err.row, column: null, message: englishQuoting('import.csv.notCsv', { detail: err.message }) });
          errorCount++;
        }
        options.onProgress?.(report.rows);
        await writer.flush();

        // Links and disputes point at claims by their id in the file; resolve them now that all are in.
        if (!errorCount || options.skipBadRows) {
          const outside = [...links.map((l) => l.to), ...[...disputes.values()].flatMap((d) => [d.claim_a_id, d.claim_b_id])];
          const inDatabase = await writer.existingClaimIds(outside.filter((id) => !fileIds.has(id)));
          const resolve = (fileId: number) => fileIds.get(fileId) ?? (inDatabase.has(fileId) ? fileId : undefined);
          const resolved: Array<{ from: number; to: number; type: string; note: string | null }> = [];
          for (const l of links) {
            const to = resolve(l.to);
            if (to === undefined) addWarning(() => englishQuoting('import.warning.linkLeftOut', { row: l.row, id: l.to }));
            else resolved.push({ from: l.from, to, type: l.type, note: l.note });
          }
          await writer.insertLinks(resolved);
          const taken = await writer.takenDisputeSlugs(disputes.keys());
          for (const d of disputes.values()) {
            if (taken.has(d.slug)) continue;
            const [a, b] = [resolve(d.claim_a_id), resolve(d.claim_b_id)];
            if (a === undefined || b === undefined || a === b) {
              addWarning(() => englishQuoting('import.warning.disputeLeftOut', { row: d.row, slug: d.slug }));
              continue;
            }
            const { row: _row, side: _side, ...dispute } = d;
            writer.insertDispute({ ...dispute, claim_a_id: a, claim_b_id: b });
          }
          if (warningsLeftOut) report.warnings.push(englishQuoting('import.warning.more', { count: warningsLeftOut }));
        }
        await writer.finish();
        if (options.dryRun || (errorCount && !options.skipBadRows)) throw new RollbackImport();
      });
    });
    report.imported = true;
  } catch (err) {
    if (!(err instanceof RollbackImport)) throw err;
  }
  report.counts ??= emptyCounts();
  // Outside the transaction, within the read budget (RepeatProposals says why).
  if (!errorCount || options.skipBadRows) await proposeRepeats(db, repeats, report);
  forgetImportedIds(report);
  return report;
}
