import { z } from 'zod';
import type { RuleViolation } from '../domain/errors';
import { intParam } from './async';
import { HttpError } from './errors';
import { fieldErrors } from './fields';
import { english, localize, localizeAll } from './localized';
import type { MessageKey } from './i18n';

// What every desk form needs: the typed values kept as text, errors keyed by field, and the
// view model of each control (id, name, value, error, options) so templates stay simple.

export type Values = Record<string, string>;
export type Errors = Record<string, string>;

/** The key under which messages that belong to no field are kept (shown in the summary only). */
export const FORM = '_form';

/** A submitted value as text for showing it again: strings as typed, numbers as digits, anything else empty. */
export function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

/** The request body as a plain object, whatever arrived (nothing, JSON, a form). */
export function bodyOf(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** The named fields of a request body as text, ready to go back into the form. */
export function pickValues(body: unknown, names: readonly string[]): Values {
  const b = bodyOf(body);
  return Object.fromEntries(names.map((n) => [n, asText(b[n])]));
}

export type Validated<T> = { ok: true; data: T } | { ok: false; errors: Errors };

/**
 * Validates with zod and files each message under a field the form shows: a message for a path
 * the form has no control for ("topics.3") goes to the nearest shown parent, else to FORM.
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown, shown: ReadonlySet<string>): Validated<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: fileErrors(fieldErrors(result.error), shown) };
}

/** Files messages under the fields a form shows (see validate). The first message per field wins. */
export function fileErrors(errors: Errors, shown: ReadonlySet<string>): Errors {
  const out: Errors = {};
  for (const [key, message] of Object.entries(errors)) {
    const parts = key.split('.');
    let target = FORM;
    while (parts.length) {
      const candidate = parts.join('.');
      if (shown.has(candidate)) {
        target = candidate;
        break;
      }
      parts.pop();
    }
    out[target] ??= message;
  }
  return out;
}

export interface Option {
  value: string;
  label: string;
  selected: boolean;
}

export interface Field {
  id: string;
  name: string;
  value: string;
  error: string | undefined;
  options?: Option[];
}

/** The id of a field's control: "f-text", "f-citations-0-source_id". */
export function fieldId(key: string): string {
  return `f-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** A control's view model. `key` is where its value and error are filed when it differs from its name. */
export function field(
  name: string,
  values: Values,
  errors: Errors,
  { key = name, options }: { key?: string; options?: Option[] } = {},
): Field {
  const f: Field = { id: fieldId(key), name, value: values[key] ?? '', error: errors[key] };
  if (options) f.options = options;
  return f;
}

/** Choices for a <select>, with the current value selected and, when given, an empty first choice. */
export function options(items: ReadonlyArray<{ value: string | number; label: string }>, selected: string, blank?: string): Option[] {
  const list = items.map((i) => ({ value: String(i.value), label: i.label, selected: String(i.value) === selected }));
  return blank === undefined ? list : [{ value: '', label: blank, selected: selected === '' }, ...list];
}

/** Choices from a closed word list, labelled through `labels` (the word itself when missing). */
export function wordOptions(words: readonly string[], labels: Record<string, string>, selected: string): Option[] {
  return options(
    words.map((w) => ({ value: w, label: labels[w] ?? w })),
    selected,
  );
}

export interface SummaryItem {
  message: string;
  href: string | null;
}

/** The error summary at the top of a form: each message linking to its field, in the order of `order` when given. */
export function errorSummary(errors: Errors, order: Iterable<string> = []): SummaryItem[] {
  const rank = new Map([...order].map((key, i) => [key, i]));
  return Object.entries(errors)
    .map(([key, message], i) => ({ key, message, rank: rank.get(key) ?? rank.size + i }))
    .sort((a, b) => a.rank - b.rank)
    .map(({ key, message }) => ({ message, href: key === FORM ? null : `#${fieldId(key)}` }));
}

/** The desk's records, for "There is no such claim." */
type DeskRecord = 'claim' | 'claimant' | 'source' | 'dispute' | 'link' | 'topic';
const NO_SUCH: Record<DeskRecord, MessageKey> = {
  claim: 'desk.noSuch.claim',
  claimant: 'desk.noSuch.claimant',
  source: 'desk.noSuch.source',
  dispute: 'desk.noSuch.dispute',
  link: 'desk.noSuch.link',
  topic: 'desk.noSuch.topic',
};

/** A record id from the URL; anything but a positive whole number is a 404, never a 500. */
export function recordId(value: string | string[] | undefined, what: DeskRecord): number {
  const id = intParam(value);
  if (id === null) throw notFound(what);
  return id;
}

/** The 404 for a record that does not exist; throw it and the error handler renders the page. */
export function notFound(what: DeskRecord): HttpError {
  return new HttpError(404, english(NO_SUCH[what]), 'not_found');
}

/** A repository's RuleViolation as form errors: under its field when the form shows it (after `rename`), else FORM. */
export function ruleErrors(err: RuleViolation, shown: ReadonlySet<string>, rename: (field: string) => string = (f) => f): Errors {
  const key = err.field ? rename(err.field) : FORM;
  return { [shown.has(key) ? key : FORM]: err.message };
}

/** The message when an edit form arrives without a usable version (a tampered or very old form). */
export const MISSING_VERSION = english('editorial.rule.missingVersion');

/** A form page's messages (zod's, a rule's: made in English) in the user's language, for showing the form again. */
export function localizedForm<P extends { errors?: Errors; linkErrors?: Errors; problem?: string }>(locale: string, page: P): P {
  return {
    ...page,
    ...(page.errors && { errors: localizeAll(locale, page.errors) }),
    ...(page.linkErrors && { linkErrors: localizeAll(locale, page.linkErrors) }),
    ...(page.problem !== undefined && { problem: localize(locale, page.problem) }),
  };
}
