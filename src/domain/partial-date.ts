import type { DatePrecision } from './vocabulary';

/** A date known to a day, a month or a year, stored as the first day of that period. */
export interface PartialDate {
  on: string; // YYYY-MM-DD
  precision: DatePrecision;
}

// Years 1000–9999 only: JavaScript dates read years below 100 as 19xx, and no claim we check is older.
const FULL = /^([1-9]\d{3})-(\d{2})-(\d{2})$/;
const MONTH = /^([1-9]\d{3})-(\d{2})$/;
const YEAR = /^([1-9]\d{3})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Arithmetic rather than a Date round trip: imports check several dates a row.
function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!);
}

/**
 * Reads `2025-03-18` (day), `2025-03` (month) or `2025` (year). Returns null for anything else,
 * including impossible days such as 2025-02-30.
 */
export function parsePartialDate(input: string): PartialDate | null {
  const text = input.trim();
  let m = FULL.exec(text);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isRealDay(y, mo, d) ? { on: text, precision: 'day' } : null;
  }
  m = MONTH.exec(text);
  if (m) {
    const mo = Number(m[2]);
    return mo >= 1 && mo <= 12 ? { on: `${m[1]}-${m[2]}-01`, precision: 'month' } : null;
  }
  m = YEAR.exec(text);
  if (m) return { on: `${m[1]}-01-01`, precision: 'year' };
  return null;
}

const RANK: Record<DatePrecision, number> = { day: 0, month: 1, year: 2 };

/**
 * A date made as coarse as `precision` says, for a date and its precision sent apart (an export's
 * `published_on: "2025-02-01"` with `published_precision: "month"`): the first day of that period.
 * Null when `precision` is finer than the date itself ("2025-02" cannot be a day).
 */
export function withPrecision(date: PartialDate, precision: DatePrecision): PartialDate | null {
  if (RANK[precision] < RANK[date.precision]) return null;
  if (precision === 'year') return { on: `${date.on.slice(0, 4)}-01-01`, precision };
  if (precision === 'month') return { on: `${date.on.slice(0, 7)}-01`, precision };
  return date;
}

/**
 * A date as files state it (the importer's `published_on` with an optional `published_precision`):
 * `2025-03-18`, `2025-03` or `2025`, made coarser by a stated precision. Null for no date, undefined
 * when either part is not valid.
 */
export function readStatedDate(on: unknown, precision: unknown): PartialDate | null | undefined {
  if (on === undefined || on === null || on === '')
    return precision === undefined || precision === null || precision === '' ? null : undefined;
  const date = typeof on === 'string' ? parsePartialDate(on) : null;
  if (!date) return undefined;
  if (precision === undefined || precision === null || precision === '') return date;
  return precision === 'day' || precision === 'month' || precision === 'year' ? (withPrecision(date, precision) ?? undefined) : undefined;
}

/** The inverse of parsePartialDate: what a form field shows for a stored date. */
export function partialDateInput(on: string | null, precision: string | null): string {
  if (!on) return '';
  if (precision === 'year') return on.slice(0, 4);
  if (precision === 'month') return on.slice(0, 7);
  return on;
}

/** Whether a plain ISO date (YYYY-MM-DD) names a real day. */
export function isIsoDay(text: string): boolean {
  const m = FULL.exec(text);
  return !!m && isRealDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

// Creating an Intl.DateTimeFormat costs far more than using one; pages format dozens of dates.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(locale: string, precision: string | null): Intl.DateTimeFormat {
  const key = `${locale}|${precision ?? 'day'}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const options: Intl.DateTimeFormatOptions =
      precision === 'year'
        ? { year: 'numeric', timeZone: 'UTC' }
        : precision === 'month'
          ? { year: 'numeric', month: 'long', timeZone: 'UTC' }
          : { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' };
    // Plain "en" would give US order ("March 18, 2025"); newsrooms write day-month-year.
    formatter = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, options);
    formatters.set(key, formatter);
  }
  return formatter;
}

/** A date for people to read, only as precise as it is known: "18 March 2025", "March 2025", "2025". */
export function formatPartialDate(on: string | null, precision: string | null, locale = 'en'): string {
  if (!on) return '';
  const [y, mo, d] = on.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, (mo ?? 1) - 1, d ?? 1));
  return formatterFor(locale, precision).format(date);
}
