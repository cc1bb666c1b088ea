import { downloadFilename } from '../exports/download';
import type { ExportFormat } from '../exports/formats';
import type { z } from 'zod';
import { CLAIM_SORTS, claimFiltersSchema, FILTER_KEYS, type ClaimFilters } from './claim-filter.repository';
import { FACET_KEYS, FACET_SAMPLE, type FacetCounts, type FacetValue } from './claim-facet.repository';
import { HttpError } from '../http/errors';
import { searchProblemMessage, translate } from '../http/i18n';
import { withQuery } from '../http/urls';
import { parseSearchQuery } from '../search/search-query';

// The edge of the claim and dispute lists (pages, table twins, API): query parameters in, a 400 naming the parameter when one is bad,
// and the links (facet values, sort, pages) that keep every view a shareable URL.

export const PAGE_SIZE = 20;
const PARAM_ORDER = [...FILTER_KEYS, 'sort', 'page'] as const;
type Param = (typeof PARAM_ORDER)[number];

/** A list filter that is not valid: the parameter (or CLI option) it names, and why. */
export class BadFilter extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'BadFilter';
  }
}

/** Throws BadFilter when the search text is not a query FTS5 can run (the list filters would silently ignore it). */
export function checkSearchFilter(filters: ClaimFilters, locale = 'en'): void {
  if (filters.q !== undefined) {
    const parsed = parseSearchQuery(filters.q);
    if (!parsed.ok) throw new BadFilter('q', searchProblemMessage(locale, parsed));
  }
}

/**
 * The one parser of list filters, for the list pages, their table twins and the API: a bad value is
 * a 400 `bad_filter` in the request's language, naming the parameter (also in `fields`).
 */
export function parseListFilters(query: unknown, locale = 'en'): ClaimFilters {
  const bad = (field: string, message: string) =>
    new HttpError(400, `${translate(locale, 'error.badParam', { name: field })}: ${message}`, 'bad_filter', { [field]: message });
  const parsed = claimFiltersSchema.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.');
    throw bad(field, `${filterProblem(locale, field, issue)}.`);
  }
  try {
    checkSearchFilter(parsed.data, locale);
  } catch (err) {
    if (err instanceof BadFilter) throw bad(err.field, err.message);
    throw err;
  }
  return parsed.data;
}

/** Why a filter value was refused, in the reader's language (claimFiltersSchema's own texts are English). */
function filterProblem(locale: string, field: string, issue: z.core.$ZodIssue): string {
  if (field === 'sort') return translate(locale, 'filter.badSort', { values: CLAIM_SORTS.join(', ') });
  if (field === 'page') {
    if (issue.code === 'too_small') return translate(locale, 'filter.pageMin');
    if (issue.code === 'too_big') return translate(locale, 'filter.pageMax', { max: String(issue.maximum) });
    return translate(locale, 'filter.badPage');
  }
  if (issue.code === 'too_big') return translate(locale, 'filter.tooLong', { max: String(issue.maximum) });
  if ((field === 'from' || field === 'to') && issue.code === 'custom') return translate(locale, 'filter.badDate');
  return translate(locale, 'filter.notText');
}

/** The filters that narrow the rows (page and sort only order or cut them), without empty ones. */
export function appliedFilters(filters: ClaimFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && k !== 'page') out[k] = String(v);
  return out;
}

/** "claims-verdict-false-claimant-kremlin.csv": the download name of a filtered list. */
export function exportFilename(kind: 'claims' | 'disputes', filters: ClaimFilters, format: ExportFormat): string {
  return downloadFilename(kind, appliedFilters(filters), format);
}

function queryOf(filters: ClaimFilters, change: Partial<Record<Param, string | number | undefined>> = {}) {
  const params: Record<string, string | number | undefined> = {};
  for (const key of PARAM_ORDER) params[key] = key in change ? change[key] : filters[key];
  if (!('page' in change)) delete params.page; // any change of filter or sort starts again at page 1
  return params;
}

/** The same list with one parameter changed (undefined removes it); page resets unless it is the change. */
export function listHref(base: string, filters: ClaimFilters, change: Partial<Record<Param, string | number | undefined>>): string {
  return withQuery(base, queryOf(filters, change));
}

/** The canonical form of this view: its parameters in a fixed order, defaults and empty values left out. */
export function canonicalListPath(base: string, filters: ClaimFilters): string {
  const params = queryOf(filters, { page: filters.page && filters.page > 1 ? filters.page : undefined });
  return withQuery(base, params);
}

export interface FacetView {
  key: string;
  values: Array<{ value: string; label: string; count: number; selected: boolean; href: string }>;
  /** How many further values are not listed. */
  more: number;
  /** Counted over the latest FACET_SAMPLE items only. */
  sampled: boolean;
}

/** Values listed per facet: the most frequent (or, for months, the latest), and always the chosen one. */
export const FACET_LIMIT = 15;

/** Facet values with links that add the filter, or remove it when it is already chosen. */
export function facetViews(base: string, filters: ClaimFilters, counts: FacetCounts): FacetView[] {
  return FACET_KEYS.map((key) => {
    // Links are built only for the values listed: a claimant facet can hold tens of thousands.
    const all = counts[key];
    const chosen = (v: FacetValue) => (key === 'said' ? filters.from === v.value && filters.to === v.value : filters[key] === v.value);
    const listed = all.length <= FACET_LIMIT ? all : [...all.slice(FACET_LIMIT).filter(chosen), ...all.slice(0, FACET_LIMIT)];
    return {
      ...facetView(base, filters, { ...counts, [key]: listed }, key),
      more: all.length - listed.length,
      sampled: counts.sampled?.includes(key) ?? false,
    };
  });
}

function facetView(
  base: string,
  filters: ClaimFilters,
  counts: FacetCounts,
  key: (typeof FACET_KEYS)[number],
): Omit<FacetView, 'more' | 'sampled'> {
  {
    if (key === 'said') return monthFacet(base, filters, counts.said);
    const current = filters[key];
    const values = counts[key].map((v) => {
      const selected = current === v.value;
      return { ...v, selected, href: listHref(base, filters, { [key]: selected ? undefined : v.value }) };
    });
    // A chosen value with no rows left still shows, so it can be removed.
    if (current !== undefined && !values.some((v) => v.selected)) {
      values.unshift({ value: current, label: current, count: 0, selected: true, href: listHref(base, filters, { [key]: undefined }) });
    }
    return { key, values };
  }
}

/** The month facet sets `from` and `to` to the same month; chosen, its link clears both. */
function monthFacet(base: string, filters: ClaimFilters, counts: FacetCounts['said']): Omit<FacetView, 'more' | 'sampled'> {
  const values = counts.map((v) => {
    const selected = filters.from === v.value && filters.to === v.value;
    const month = selected ? undefined : v.value;
    return { ...v, selected, href: listHref(base, filters, { from: month, to: month }) };
  });
  return { key: 'said', values };
}

/** The active filters, each with a link that removes it. */
export function activeFilters(base: string, filters: ClaimFilters, labels: Partial<Record<string, Map<string, string>>> = {}) {
  return FILTER_KEYS.filter((key) => filters[key] !== undefined).map((key) => ({
    key,
    value: labels[key]?.get(filters[key]!) ?? filters[key]!,
    href: listHref(base, filters, { [key]: undefined }),
  }));
}

export function sortOptions(filters: ClaimFilters) {
  return CLAIM_SORTS.map((value) => ({ value, selected: (filters.sort ?? 'said-desc') === value }));
}

export interface Pager {
  page: number;
  pages: number;
  total: number;
  previous: string | null;
  next: string | null;
  links: Array<{ page: number; href: string; current: boolean }>;
}

/** The page links of a list; a page past the last one is a 404 that says how many pages there are. */
export function pager(base: string, filters: ClaimFilters, total: number, locale: string): Pager {
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = filters.page ?? 1;
  if (page > pages) throw new HttpError(404, translate(locale, 'error.pastLastPage', { page, pages }), 'not_found');
  const href = (p: number) => listHref(base, filters, { page: p > 1 ? p : undefined });
  const first = Math.max(1, Math.min(page - 3, pages - 6));
  const links = [];
  for (let p = first; p <= Math.min(pages, first + 6); p++) links.push({ page: p, href: href(p), current: p === page });
  return {
    page,
    pages,
    total,
    previous: page > 1 ? href(Math.min(page - 1, pages)) : null,
    next: page < pages ? href(page + 1) : null,
    links,
  };
}

/** What the list template shows around the rows: facets, active filters, sorts and the pager. */
export function listView(base: string, filters: ClaimFilters, counts: FacetCounts, total: number, locale: string) {
  const facets = facetViews(base, filters, counts);
  const labels = Object.fromEntries(facets.map((f) => [f.key, new Map(f.values.map((v) => [v.value, v.label]))]));
  // Filtered, sorted or later pages are facet combinations without end: crawlers follow their links but index
  // only the canonical first page (the records themselves are in /sitemap.xml), and never follow a facet link.
  const filtered = Object.keys(appliedFilters(filters)).length > 0;
  return {
    base,
    filters,
    filtered,
    robots: filtered || (filters.page ?? 1) > 1 ? 'noindex,follow' : undefined,
    facets,
    facetSample: FACET_SAMPLE.toLocaleString(locale),
    active: activeFilters(base, filters, labels),
    sorts: sortOptions(filters),
    pager: pager(base, filters, total, locale),
  };
}
