import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { formatPartialDate } from '../domain/partial-date';
import type { Cell, Column, ExportContext, Table } from './table';

export const EXPORT_FORMATS = ['csv', 'json', 'xlsx', 'md'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The rows of an export, a chunk at a time (one await per chunk, not per row). */
export type RowBatches<R> = AsyncIterable<readonly R[]>;

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  md: 'text/markdown; charset=utf-8',
};

/**
 * Collects small strings and writes them in ~64 KB chunks, waiting for 'drain' when the destination
 * is full (back-pressure), so a slow client never makes the export pile up in memory.
 * Use as `if (w.add(line)) await w.flush();`: no promise per line.
 */
export class ChunkWriter {
  private buffer: string[] = [];
  private size = 0;
  constructor(
    private readonly out: Writable,
    private readonly limit = 64 * 1024,
  ) {}

  /** Adds text; true when a chunk is full and should be flushed. */
  add(text: string): boolean {
    this.buffer.push(text);
    this.size += text.length;
    return this.size >= this.limit;
  }

  async write(text: string): Promise<void> {
    if (this.add(text)) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.size) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    if (!this.out.write(chunk)) await drained(this.out);
  }
}

/** Resolves when the stream drains, or rejects when it closes or fails first (the client went away). */
export function drained(out: Writable): Promise<void> {
  if (out.destroyed) return Promise.reject(new Error('The destination closed.'));
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', done);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = () => done(new Error('The destination closed.'));
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', done);
  });
}

// --- CSV (RFC 4180) ---------------------------------------------------------------------------

// A cell that starts with one of these is read as a formula by spreadsheets; so is one that starts
// with apostrophes followed by one (we add an apostrophe; import removes exactly one).
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** A spreadsheet-safe cell: formula-like text gets a leading apostrophe (undone by the importer). */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The inverse of neutraliseFormula. */
export function restoreFormula(text: string): string {
  return /^'+[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

const NEEDS_QUOTES = /[",\r\n]/;
const QUOTES = /"/g;

// First characters after which neutraliseFormula may add an apostrophe: ' = + - @ tab CR.
const MAYBE_FORMULA = new Set([39, 61, 43, 45, 64, 9, 13]);

export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = MAYBE_FORMULA.has(value.charCodeAt(0)) ? neutraliseFormula(value) : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTES, '""')}"` : text;
}

// A string JSON.stringify writes as `"text"`, unchanged: no quote, backslash, control character or surrogate.
// eslint-disable-next-line no-control-regex -- the control characters are exactly what JSON escapes
const JSON_ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON text with its quotes already doubled for CSV, written in one pass (no stringify-then-replace). */
function csvJsonText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON_ESCAPED.test(value) ? JSON.stringify(value).replace(QUOTES, '""') : `""${value}""`;
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + csvJsonText(value[i]);
    return `${out}]`;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype && !('toJSON' in value)) {
    let out = '{';
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      out += `${out.length > 1 ? ',' : ''}${csvJsonText(key)}:${csvJsonText(v)}`;
    }
    return `${out}}`;
  }
  // Numbers, booleans, anything with a toJSON: as JSON.stringify writes it.
  return (JSON.stringify(value) ?? 'null').replace(QUOTES, '""');
}

/** The CSV cell of JSON.stringify(value), exactly csvCell(JSON.stringify(value)) but about twice as fast. */
export function csvJsonCell(value: unknown): string {
  const text = csvJsonText(value);
  if (MAYBE_FORMULA.has(text.charCodeAt(0))) return csvCell(JSON.stringify(value) ?? null);
  return text.includes('"') || text.includes(',') ? `"${text}"` : text;
}

export function csvLine(cells: Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export async function writeCsv<R>(
  table: Table<R>,
  batches: RowBatches<R>,
  out: Writable,
  ctx: ExportContext,
  { bom = false } = {},
): Promise<number> {
  const columns = table.columns;
  const w = new ChunkWriter(out);
  w.add((bom ? '\uFEFF' : '') + csvLine(columns.map((c) => c.name)));
  let n = 0;
  for await (const batch of batches) {
    for (const row of batch) {
      let line = '';
      for (let i = 0; i < columns.length; i++) {
        const c = columns[i]!;
        line += `${i ? ',' : ''}${c.jsonData ? csvJsonCell(c.jsonData(row, ctx)) : csvCell(c.value(row, ctx))}`;
      }
      if (w.add(`${line}\r\n`)) await w.flush();
    }
    n += batch.length;
  }
  await w.flush();
  return n;
}

// --- Markdown ---------------------------------------------------------------------------------

// What a Markdown renderer would act on in a cell, escaped with a backslash so it shows as typed:
// `\` itself, `|` (the table), `<` (raw HTML and <autolinks>), `&` before an entity, `[` (links,
// images, references) and backticks (a code span would show our `<br>` as text). Emphasis is left alone.
const MARKDOWN_ACTIVE = /[\\|<[`]|&(?=#?[a-z0-9]+;)/gi;

/** A Markdown table cell that a renderer shows as text: no HTML, entity, link or code span of the cell's own. */
export function markdownCell(value: Cell): string {
  if (value === null) return '';
  return String(value)
    .replace(MARKDOWN_ACTIVE, '\\$&')
    .replace(/\r\n|\r|\n/g, '<br>');
}

/** What a Markdown cell says: a date as people write it, only as precise as it is known ("February 2025"). */
function markdownValue<R>(c: Column<R>, row: R, ctx: ExportContext): Cell {
  const value = c.value(row, ctx);
  return c.precision && typeof value === 'string' ? formatPartialDate(value, c.precision(row), ctx.locale ?? 'en') : value;
}

export async function writeMarkdown<R>(table: Table<R>, batches: RowBatches<R>, out: Writable, ctx: ExportContext): Promise<number> {
  const columns = table.markdown.map((name) => table.columns.find((c) => c.name === name)!);
  const w = new ChunkWriter(out);
  w.add(`| ${columns.map((c) => c.name).join(' | ')} |\n|${columns.map(() => ' --- |').join('')}\n`);
  let n = 0;
  for await (const batch of batches) {
    for (const row of batch) {
      if (w.add(`| ${columns.map((c) => markdownCell(markdownValue(c, row, ctx))).join(' | ')} |\n`)) await w.flush();
    }
    n += batch.length;
  }
  await w.flush();
  return n;
}

// --- JSON -------------------------------------------------------------------------------------

/** `{"kind", "filters", "total", "licence", "rows": [...]}`, written row by row (`licence` when the context names one). */
export async function writeJson<R>(
  table: Table<R>,
  batches: RowBatches<R>,
  out: Writable,
  ctx: ExportContext,
  { filters, total }: { filters: Record<string, unknown>; total: number },
): Promise<number> {
  const w = new ChunkWriter(out);
  const licence = ctx.licence ? `"licence":${JSON.stringify(ctx.licence)},` : '';
  w.add(`{"kind":${JSON.stringify(table.kind)},"filters":${JSON.stringify(filters)},"total":${total},${licence}"rows":[`);
  let n = 0;
  for await (const batch of batches) {
    for (const row of batch) {
      if (w.add(`${n ? ',' : ''}\n${JSON.stringify(table.json(row, ctx))}`)) await w.flush();
      n++;
    }
  }
  await w.write('\n]}\n');
  await w.flush();
  return n;
}

// --- XLSX -------------------------------------------------------------------------------------

function xlsxValue(type: string, value: Cell): ExcelJS.CellValue {
  if (value === null) return null;
  if (type === 'date' && typeof value === 'string') return new Date(`${value}T00:00:00Z`);
  if (type === 'datetime' && typeof value === 'string') return new Date(value);
  if (type === 'url' && typeof value === 'string') return { text: value, hyperlink: value };
  // The CSV rule: a spreadsheet reads a cell typed or pasted as `=…` as a formula, and text cells end up
  // re-entered (edited, saved as CSV, copied); the apostrophe keeps them text (README, Table twins).
  if (typeof value === 'string' && MAYBE_FORMULA.has(value.charCodeAt(0))) return neutraliseFormula(value);
  return value;
}

const XLSX_PRECISION_FORMATS = { month: 'yyyy-mm', year: 'yyyy' } as const;

/** A real workbook, streamed: typed date cells, a frozen header row, hyperlinks. */
export async function writeXlsx<R>(table: Table<R>, batches: RowBatches<R>, out: Writable, ctx: ExportContext): Promise<number> {
  // Loaded on first use: exceljs takes half a second to load, which every server start would pay.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Gainsay';
  const sheet = workbook.addWorksheet(table.kind, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({
    header: c.name,
    key: c.name,
    width: c.type === 'text' ? 30 : c.type === 'url' ? 40 : 14,
    style: c.type === 'date' ? { numFmt: 'yyyy-mm-dd' } : c.type === 'datetime' ? { numFmt: 'yyyy-mm-dd hh:mm:ss' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let n = 0;
  for await (const batch of batches) {
    for (const row of batch) {
      const r = sheet.addRow(table.columns.map((c) => xlsxValue(c.type, c.value(row, ctx))));
      for (const [i, c] of table.columns.entries()) {
        if (c.type === 'url' && r.getCell(i + 1).value) r.getCell(i + 1).font = { color: { argb: 'FF0563C1' }, underline: true };
        // A month or a year shows as one: "2025-02", not the first day of it.
        const precision = c.precision?.(row);
        if (precision === 'month' || precision === 'year') r.getCell(i + 1).numFmt = XLSX_PRECISION_FORMATS[precision];
      }
      r.commit();
      n++;
      // The zip stream buffers what it has not written yet: give its compression a turn, and wait when
      // the destination is full. (Rows arrive in batches now, so nothing else yields in between.)
      if (n % 500 === 0) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (out.writableNeedDrain) await drained(out);
      }
    }
  }
  sheet.commit();
  await workbook.commit();
  return n;
}

export async function writeTable<R>(
  format: ExportFormat,
  table: Table<R>,
  batches: RowBatches<R>,
  out: Writable,
  ctx: ExportContext,
  options: { bom?: boolean; filters?: Record<string, unknown>; total?: () => Promise<number> } = {},
): Promise<number> {
  switch (format) {
    case 'csv':
      return writeCsv(table, batches, out, ctx, { bom: options.bom ?? false });
    case 'md':
      return writeMarkdown(table, batches, out, ctx);
    case 'xlsx':
      return writeXlsx(table, batches, out, ctx);
    case 'json':
      return writeJson(table, batches, out, ctx, { filters: options.filters ?? {}, total: options.total ? await options.total() : 0 });
  }
}
