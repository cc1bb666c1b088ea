import { z } from 'zod';
import { downloadFilename } from '../exports/download';
import type { ExportFormat } from '../exports/formats';
import { PROMISE_OUTCOMES } from '../domain/vocabulary';
import { HttpError } from '../http/errors';
import { translate } from '../http/i18n';
import { withQuery } from '../http/urls';
import {
  NO_OUTCOME,
  PROMISE_FILTER_KEYS,
  type PromiseFacetValue,
  type PromiseFilterKey,
  type PromiseFilters,
} from './promise-list.repository';

// The edge of the promise tracker's list (page, table twins, API): `claimant`, `outcome` and `due` in,
// a 400 naming the parameter when one is bad, and the facet links that keep every view a shareable URL.

export const OUTCOME_FILTER_VALUES = [...PROMISE_OUTCOMES, NO_OUTCOME] as const;

const blank = (v: unknown) => (v === '' ? undefined : v);
export const promiseFiltersSchema = z.object({
  claimant: z.preprocess(
    blank,
    z
      .string()
      .max(200)
      .regex(/^[a-z0-9-]+$/)
      .optional(),
  ),
  outcome: z.preprocess(blank, z.enum(OUTCOME_FILTER_VALUES).optional()),
  due: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
      .optional(),
  ),
});

/** The filters of a request; a bad or repeated value is a 400 `bad_filter` in the reader's language, naming the parameter. */
export function parsePromiseFilters(query: unknown, locale = 'en'): PromiseFilters {
  const parsed = promiseFiltersSchema.safeParse(query ?? {});
  if (parsed.success) return parsed.data;
  const field = String(parsed.error.issues[0]!.path[0] ?? 'outcome') as PromiseFilterKey;
  const why =
    field === 'outcome'
      ? translate(locale, 'promises.badFilter.outcome', { values: OUTCOME_FILTER_VALUES.join(', ') })
      : field === 'due'
        ? translate(locale, 'promises.badFilter.due')
        : translate(locale, 'promises.badFilter.claimant');
  throw new HttpError(400, `${translate(locale, 'error.badParam', { name: field })}: ${why}.`, 'bad_filter', { [field]: `${why}.` });
}

export function appliedPromiseFilters(filters: PromiseFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of PROMISE_FILTER_KEYS) if (filters[key] !== undefined) out[key] = filters[key];
  return out;
}

export function promiseListHref(base: string, filters: PromiseFilters, change: Partial<Record<PromiseFilterKey, string | undefined>>) {
  return withQuery(base, { ...appliedPromiseFilters(filters), ...change });
}

export function promiseExportFilename(filters: PromiseFilters, format: ExportFormat): string {
  return downloadFilename('promises', appliedPromiseFilters(filters), format);
}

/** Facet values with links that add the filter, or remove it when chosen; labels in the reader's language. */
export function promiseFacetViews(
  base: string,
  filters: PromiseFilters,
  counts: Record<PromiseFilterKey, PromiseFacetValue[]>,
  label: (key: PromiseFilterKey, value: string) => string,
) {
  return PROMISE_FILTER_KEYS.map((key) => {
    const current = filters[key];
    const values = counts[key].map((v) => {
      const selected = current === v.value;
      return {
        value: v.value,
        label: key === 'claimant' ? v.label : label(key, v.value),
        count: v.count,
        selected,
        href: promiseListHref(base, filters, { [key]: selected ? undefined : v.value }),
      };
    });
    // A chosen value with no rows left still shows, so it can be removed.
    if (current !== undefined && !values.some((v) => v.selected)) {
      values.unshift({
        value: current,
        label: label(key, current),
        count: 0,
        selected: true,
        href: promiseListHref(base, filters, { [key]: undefined }),
      });
    }
    return { key, values, more: 0, sampled: false };
  });
}
