// What a table export is made of, whatever the feature: columns with a type, the Markdown subset, the
// JSON shape of a row. The features define their tables (src/claims/claim.table.ts, …).

export type CellType = 'text' | 'int' | 'date' | 'datetime' | 'url';
export type Cell = string | number | null;

export interface ExportContext {
  baseUrl: string;
  /** The language Markdown dates are written in for people ("February 2025"); English when absent. */
  locale?: string;
  /** The data licence, named in the metadata of the JSON export. */
  licence?: { name: string; url: string };
}

export interface Column<R> {
  name: string;
  type: CellType;
  value: (row: R, ctx: ExportContext) => Cell;
  /** For a column of JSON text: the data that `value` stringifies (the CSV writer escapes it in one pass). */
  jsonData?: (row: R, ctx: ExportContext) => unknown;
  /** For a date column: how precisely the date is known (`day`, `month`, `year`), kept by XLSX and Markdown. */
  precision?: (row: R) => string | null;
}

/** A column whose cell is `data` as JSON text. */
export function jsonColumn<R>(name: string, data: (row: R) => unknown): Column<R> {
  return { name, type: 'text', value: (row) => JSON.stringify(data(row)), jsonData: data };
}

export interface Table<R> {
  /** The `kind` of the .json export and the name of the XLSX sheet. */
  kind: string;
  columns: Array<Column<R>>;
  /** The columns of the Markdown table: what fits an article draft. */
  markdown: string[];
  /** The row of the .json twin (and of the single-record .json page). */
  json: (row: R, ctx: ExportContext) => unknown;
}
