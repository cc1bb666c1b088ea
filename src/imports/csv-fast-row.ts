import { z } from 'zod';
import { isIsoDay, parsePartialDate, readStatedDate } from '../domain/partial-date';
import { SLUG_PATTERN } from '../domain/slug';
import type { PrefetchKeys } from './import.repository';
import { CITATION_ROLES, CLAIM_KINDS, CLAIMANT_KINDS, DATE_PRECISIONS, DISPUTE_STATUSES, LINK_TYPES, STATES } from '../domain/vocabulary';

// The fast path of the claims-CSV row validator (csvRowSchema in csv-import.ts). Zod costs ~55 µs a row
// on the importer's schema; this accepts the rows that are plainly valid — cells already in the shape an
// export writes, nothing to trim or clean — in a few µs, and returns exactly what csvRowSchema.parse would.
// Anything it is not sure of (a value to clean, an error, an unusual but valid form such as "007" for an
// id) returns null, and the caller runs the zod schema: every error message still comes from zod.
// test/integration/import-fast-path.test.ts checks on many generated and mutated rows that it never
// accepts a row the schema rejects, and that it gives the same value when both accept.

/** Leaf schemas shared with csvRowSchema, so a URL or timestamp means the same on both paths. */
export const webUrl = z.url({ protocol: /^https?$/ });
export const isoDate = z.iso.date();

const INVALID = Symbol('invalid');
type Invalid = typeof INVALID;

const set = (values: readonly string[]) => new Set<string>(values);
const CLAIMANT_KIND = set(CLAIMANT_KINDS);
const CLAIM_KIND = set(CLAIM_KINDS);
const STATE = set(STATES);
const PRECISION = set(DATE_PRECISIONS);
const ROLE = set(CITATION_ROLES);
const LINK_TYPE = set(LINK_TYPES);
const DISPUTE_STATUS = set(DISPUTE_STATUSES);

// A cell that `clean` (src/http/fields.ts) would leave alone: no control character other than tab and
// newline (so no carriage return either), nothing to trim.
// eslint-disable-next-line no-control-regex -- it looks for the control characters `clean` would remove
const UNCLEAN = /[\u0000-\u0008\u000B-\u001F\u007F]/;
const isPlain = (s: string) => !UNCLEAN.test(s) && s.trim().length === s.length;
const ID = /^[1-9][0-9]{0,14}$/;
const LANGUAGE = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/;
// A narrower form than z.iso.datetime() accepts: what nowIso() and the export write.
const TIMESTAMP = /^([1-9][0-9]{3}-[0-9]{2}-[0-9]{2})T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\.[0-9]{3}Z$/;

const empty = (s: string | undefined): s is '' | undefined => s === undefined || s === '';

function requiredText(s: string | undefined, max: number): string | Invalid {
  return s !== undefined && s.length > 0 && s.length <= max && isPlain(s) ? s : INVALID;
}
function optionalText(s: string | undefined, max: number): string | null | Invalid {
  if (empty(s)) return null;
  return s.length <= max && isPlain(s) ? s : INVALID;
}
function oneOf(s: string | undefined, values: Set<string>, fallback: string): string | Invalid {
  if (empty(s)) return fallback;
  return values.has(s) ? s : INVALID;
}
function pageUrl(s: string | undefined): string | null | Invalid {
  if (empty(s)) return null;
  if (s.length > 2000 || !isPlain(s) || !/^https?:\/\//.test(s)) return INVALID;
  try {
    return new URL(s).hostname ? s : INVALID;
  } catch {
    return INVALID;
  }
}
function timestamp(s: string | undefined): string | null | Invalid {
  if (empty(s)) return null;
  const m = TIMESTAMP.exec(s);
  return m && isIsoDay(m[1]!) ? s : INVALID;
}

// The JSON cells: plain objects only; unknown keys are dropped and keys come out in the schema's order, as zod does.
type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const nullableString = (v: unknown): string | null | Invalid =>
  v === undefined || v === null ? null : typeof v === 'string' ? v : INVALID;
const nonEmptyString = (v: unknown): string | Invalid => (typeof v === 'string' && v.length > 0 ? v : INVALID);
const enumValue = (v: unknown, values: Set<string>): string | Invalid => (typeof v === 'string' && values.has(v) ? v : INVALID);
const positiveInt = (v: unknown): number | Invalid => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : INVALID);
// Sources repeat across the rows of a file: remember the URLs zod accepted (a bounded set).
const acceptedUrls = new Set<string>();
function jsonUrl(v: unknown): string | null | Invalid {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') return INVALID;
  if (acceptedUrls.has(v)) return v;
  const r = webUrl.safeParse(v);
  if (!r.success) return INVALID;
  if (acceptedUrls.size >= 10_000) acceptedUrls.clear();
  if (r.data === v) acceptedUrls.add(v);
  return r.data;
}
function jsonDay(v: unknown): string | null | Invalid {
  if (v === undefined || v === null) return null;
  return typeof v === 'string' && isIsoDay(v) ? v : INVALID;
}

function jsonList<T>(s: string | undefined, item: (v: Json) => T | Invalid): T[] | Invalid {
  if (empty(s) || s === '[]') return [];
  let list: unknown;
  try {
    list = JSON.parse(s);
  } catch {
    return INVALID;
  }
  if (!Array.isArray(list)) return INVALID;
  const out: T[] = [];
  for (const v of list) {
    if (!isRecord(v)) return INVALID;
    const parsed = item(v);
    if (parsed === INVALID) return INVALID;
    out.push(parsed);
  }
  return out;
}

function citation(v: Json) {
  const role = enumValue(v.role, ROLE);
  const excerpt = nullableString(v.excerpt);
  const s = v.source;
  if (role === INVALID || excerpt === INVALID || !isRecord(s)) return INVALID;
  // `as const` keeps INVALID's own type here: a plain object literal widens it to `symbol`, and Exclude<…, Invalid> would drop nothing.
  const published = readStatedDate(s.published_on, s.published_precision);
  const source = {
    outlet: nonEmptyString(s.outlet),
    title: nonEmptyString(s.title),
    url: jsonUrl(s.url),
    published_on: published === undefined ? INVALID : (published?.on ?? null),
    language: nullableString(s.language),
    archive_url: jsonUrl(s.archive_url),
    retrieved_on: jsonDay(s.retrieved_on),
    published_precision: published === undefined ? INVALID : (published?.precision ?? null),
  } as const;
  for (const value of Object.values(source)) if (value === INVALID) return INVALID;
  return { role, excerpt, source } as {
    role: string;
    excerpt: string | null;
    source: { -readonly [K in keyof typeof source]: Exclude<(typeof source)[K], Invalid> };
  };
}

function link(v: Json) {
  const out = { type: enumValue(v.type, LINK_TYPE), to_claim_id: positiveInt(v.to_claim_id), note: nullableString(v.note) };
  return out.type === INVALID || out.to_claim_id === INVALID || out.note === INVALID
    ? INVALID
    : (out as { type: string; to_claim_id: number; note: string | null });
}

function disputeRef(v: Json) {
  // `as const`, as in citation(), so that Exclude<…, Invalid> below removes INVALID.
  const out = {
    slug: typeof v.slug === 'string' && SLUG_PATTERN.test(v.slug) ? v.slug : INVALID,
    question: nonEmptyString(v.question),
    summary: nullableString(v.summary),
    status: enumValue(v.status, DISPUTE_STATUS),
    state: enumValue(v.state, STATE),
    side: v.side === 'a' || v.side === 'b' ? v.side : INVALID,
    claim_a_id: positiveInt(v.claim_a_id),
    claim_b_id: positiveInt(v.claim_b_id),
  } as const;
  for (const value of Object.values(out)) if (value === INVALID) return INVALID;
  return out as { -readonly [K in keyof typeof out]: Exclude<(typeof out)[K], Invalid> };
}

/** The columns the fast path reads. */
const COLUMNS = [
  'id',
  'url',
  'claimant',
  'claimant_slug',
  'claimant_kind',
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
  'links_json',
  'disputes_json',
  'created_at',
  'updated_at',
] as const;

/** Where each column is in a record (-1: not in the file); the last of two columns with one name wins, as with cells by name. */
export type ColumnPositions = Readonly<Record<(typeof COLUMNS)[number], number>>;

export function columnPositions(header: readonly string[]): ColumnPositions {
  const positions = {} as Record<(typeof COLUMNS)[number], number>;
  for (const name of COLUMNS) positions[name] = header.lastIndexOf(name);
  return positions;
}

/**
 * The row csvRowSchema.parse(cells) would give, or null when this fast path is unsure (then run the schema).
 * `T` is the schema's output type, which the caller names (this module cannot import it without a cycle).
 */
export function fastCsvRow<T>(cells: Readonly<Record<string, string | undefined>>): T | null {
  const names = Object.keys(cells);
  return fastCsvRecord<T>(
    names.map((name) => cells[name]),
    columnPositions(names),
  );
}

// A plain function, not a closure in fastCsvRecord: tsx names every local arrow function with a call, once per row.
function cellAt(record: ReadonlyArray<string | undefined>, i: number): string | undefined {
  return i >= 0 && i < record.length ? record[i] : undefined;
}

/** fastCsvRow for a record as read from the file, its cells found by position: no object per row. */
export function fastCsvRecord<T>(record: ReadonlyArray<string | undefined>, at: ColumnPositions): T | null {
  const idCell = cellAt(record, at.id);
  let id: number | null = null;
  if (!empty(idCell)) {
    if (!ID.test(idCell)) return null;
    id = Number(idCell);
  }
  const slug = cellAt(record, at.claimant_slug);
  if (!empty(slug) && !SLUG_PATTERN.test(slug)) return null;
  const saidOn = cellAt(record, at.said_on);
  if (!empty(saidOn) && parsePartialDate(saidOn) === null) return null;
  const reviewDue = cellAt(record, at.review_due_on);
  if (!empty(reviewDue) && !(isPlain(reviewDue) && isIsoDay(reviewDue))) return null;
  const language = cellAt(record, at.quote_language);
  if (!empty(language) && !LANGUAGE.test(language)) return null;
  const topics = cellAt(record, at.topics);
  const verdictCell = cellAt(record, at.verdict);
  const verdict = empty(verdictCell) ? 'unverified' : verdictCell;
  const precision = cellAt(record, at.said_precision);

  const row = {
    id,
    url: pageUrl(cellAt(record, at.url)),
    claimant: requiredText(cellAt(record, at.claimant), 200),
    claimant_slug: empty(slug) ? null : slug,
    claimant_kind: oneOf(cellAt(record, at.claimant_kind), CLAIMANT_KIND, 'other'),
    said_on: empty(saidOn) ? null : saidOn,
    said_precision: empty(precision) ? null : PRECISION.has(precision) ? precision : INVALID,
    said_where: optionalText(cellAt(record, at.said_where), 500),
    kind: oneOf(cellAt(record, at.kind), CLAIM_KIND, 'statement'),
    review_due_on: empty(reviewDue) ? null : reviewDue,
    text: requiredText(cellAt(record, at.text), 4000),
    quote: optionalText(cellAt(record, at.quote), 8000),
    quote_language: empty(language) ? null : language,
    topics: empty(topics)
      ? []
      : topics
          .split(';')
          .map((t) => t.trim())
          .filter(Boolean),
    verdict,
    verdict_rationale: optionalText(cellAt(record, at.verdict_rationale), 8000),
    state: oneOf(cellAt(record, at.state), STATE, 'draft'),
    citations_json: jsonList(cellAt(record, at.citations_json), citation),
    links_json: jsonList(cellAt(record, at.links_json), link),
    disputes_json: jsonList(cellAt(record, at.disputes_json), disputeRef),
    created_at: timestamp(cellAt(record, at.created_at)),
    updated_at: timestamp(cellAt(record, at.updated_at)),
  };
  for (const key in row) if (row[key as keyof typeof row] === INVALID) return null;
  // The schema's cross-field rules: leave their messages to zod.
  if (verdict !== 'unverified' && !row.verdict_rationale) return null;
  if (row.said_precision && !row.said_on) return null;
  return row as T;
}

/**
 * What the rows of a batch will look up (ImportWriter.prefetch), read from their cells as they are: a cell
 * that does not parse is left out (its row is refused later, with the message).
 */
export function prefetchKeys(records: ReadonlyArray<ReadonlyArray<string | undefined>>, at: ColumnPositions): PrefetchKeys {
  const keys: PrefetchKeys = { claimIds: [], claimantSlugs: [], sourceUrls: [], sourcesWithoutUrl: [] };
  for (const record of records) {
    const id = cellAt(record, at.id);
    if (!empty(id) && ID.test(id)) keys.claimIds.push(Number(id));
    const slug = cellAt(record, at.claimant_slug);
    if (!empty(slug)) keys.claimantSlugs.push(slug.trim());
    const citations = cellAt(record, at.citations_json);
    if (empty(citations)) continue;
    try {
      const parsed: unknown = JSON.parse(citations);
      if (!Array.isArray(parsed)) continue;
      for (const c of parsed as Array<{ source?: { url?: unknown; outlet?: unknown; title?: unknown } } | null>) {
        const { url, outlet, title } = c?.source ?? {};
        if (typeof url === 'string' && url !== '') keys.sourceUrls.push(url);
        else if (typeof outlet === 'string' && typeof title === 'string') keys.sourcesWithoutUrl.push({ outlet, title });
      }
    } catch {
      // Refused with its message when its row is read.
    }
  }
  return keys;
}
