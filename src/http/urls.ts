// The one place that knows Gainsay's URL design. Templates and code build paths only through these.

const enc = encodeURIComponent;

export const paths = {
  home: () => '/',
  disputes: () => '/disputes',
  disputesFiltered: (param: string, value: string) => withQuery('/disputes', { [param]: value }),
  dispute: (slug: string) => `/disputes/${enc(slug)}`,
  claims: () => '/claims',
  claim: (id: number) => `/claims/${id}`,
  claimant: (slug: string) => `/claimants/${enc(slug)}`,
  source: (id: number) => `/sources/${id}`,
  topic: (slug: string) => `/topics/${enc(slug)}`,
  outlet: (slug: string) => `/outlets/${enc(slug)}`,
  search: () => '/search',
  searchFor: (q: string) => withQuery('/search', { q }),
  /** The fact-check table filtered by one parameter, e.g. every claim of a claimant. */
  claimsFiltered: (param: string, value: string) => withQuery('/claims', { [param]: value }),
  methodology: () => '/methodology',
  verdictInfo: (key: string) => `/methodology#verdict-${enc(key)}`,
  langSwitch: (locale: string, back: string) => withQuery(`/lang/${enc(locale)}`, { back }),
  health: () => '/healthz',
  corrections: () => '/corrections',
  claimHistory: (id: number) => `/claims/${id}/history`,
  login: () => '/login',
  logout: () => '/logout',
  stylesheet: () => '/assets/site.css',
  favicon: () => '/favicon.svg',
  /** What browsers ask for when a page names no icon (and what Safari asks for anyway). */
  faviconIco: () => '/favicon.ico',

  desk: () => '/desk',
  deskClaimants: () => '/desk/claimants',
  deskNewClaimant: () => '/desk/claimants/new',
  deskClaimant: (id: number) => `/desk/claimants/${id}`,
  deskClaimantDelete: (id: number) => `/desk/claimants/${id}/delete`,
  deskTopics: () => '/desk/topics',
  deskTopic: (id: number) => `/desk/topics/${id}`,
  deskSources: () => '/desk/sources',
  deskNewSource: () => '/desk/sources/new',
  deskSource: (id: number) => `/desk/sources/${id}`,
  deskSourceDelete: (id: number) => `/desk/sources/${id}/delete`,
  deskClaims: () => '/desk/claims',
  deskNewClaim: () => '/desk/claims/new',
  deskClaim: (id: number) => `/desk/claims/${id}`,
  deskClaimDelete: (id: number) => `/desk/claims/${id}/delete`,
  deskClaimLinks: (id: number) => `/desk/claims/${id}/links`,
  deskLinkDelete: (claimId: number, linkId: number) => `/desk/claims/${claimId}/links/${linkId}/delete`,
  deskDisputes: () => '/desk/disputes',
  deskNewDispute: () => '/desk/disputes/new',
  /** The new-dispute form with both sides filled in, e.g. from a "contradicts" link. */
  deskNewDisputeBetween: (claimA: number, claimB: number) => `/desk/disputes/new?a=${claimA}&b=${claimB}`,
  deskDispute: (id: number) => `/desk/disputes/${id}`,
  deskDisputeDelete: (id: number) => `/desk/disputes/${id}/delete`,
  deskClaimHistory: (id: number) => `/desk/claims/${id}/history`,
  deskDisputeHistory: (id: number) => `/desk/disputes/${id}/history`,
  deskDue: () => '/desk/due',
  deskUsers: () => '/desk/users',
  deskUser: (id: number) => `/desk/users/${id}`,
  deskUserUnlock: (id: number) => `/desk/users/${id}/unlock`,
  deskTokens: () => '/desk/tokens',
  deskTokenRevoke: (id: number) => `/desk/tokens/${id}/revoke`,
  /** Claims like a text, as JSON for the claim form's suggestions as you type (and its script). */
  deskSimilarClaims: () => '/desk/claims/similar',
  similarClaimsScript: () => '/assets/similar-claims.js',
  /** "Add another source" in place on the claim form. */
  citationRowsScript: () => '/assets/citation-rows.js',

  // Machine-readable twins, feeds, embeds, import and the API (exports engineer).
  /** The same list as a table; `query` is the list's query string (filters), kept as it is. */
  claimsTable: (format: TableFormat, query: QueryLike = {}) => withQuery(`/claims.${format}`, query),
  disputesTable: (format: TableFormat, query: QueryLike = {}) => withQuery(`/disputes.${format}`, query),
  claimJson: (id: number) => `/claims/${id}.json`,
  disputeJson: (slug: string) => `/disputes/${enc(slug)}.json`,
  claimantJson: (slug: string) => `/claimants/${enc(slug)}.json`,
  sourceJson: (id: number) => `/sources/${id}.json`,
  topicJson: (slug: string) => `/topics/${enc(slug)}.json`,
  claimReviewFeed: () => '/claimreview.json',
  atomFeed: () => '/feed.atom',
  embedDispute: (slug: string) => `/embed/disputes/${enc(slug)}`,
  oembed: () => '/oembed',
  deskImport: () => '/desk/import',
  api: () => '/api/v1',
  openApi: () => '/api/v1/openapi.json',

  // Readers' tips and error reports, and the desk inbox they go to (src/inbox/).
  suggest: () => '/suggest',
  /** The tip form, filled in with a search that found nothing. */
  suggestFrom: (q: string) => withQuery('/suggest', { q }),
  report: () => '/report',
  reportClaim: (id: number) => withQuery('/report', { claim: id }),
  reportDispute: (slug: string) => withQuery('/report', { dispute: slug }),
  thanksPage: () => '/thanks',
  thanks: (kind: string) => withQuery('/thanks', { kind }),
  deskInbox: () => '/desk/inbox',
  deskInboxFiltered: (status: string) => withQuery('/desk/inbox', { status }),
  deskInboxItem: (id: number) => `/desk/inbox/${id}`,
  deskInboxAccept: (id: number) => `/desk/inbox/${id}/accept`,
  deskInboxDecline: (id: number) => `/desk/inbox/${id}/decline`,
  deskInboxDuplicate: (id: number) => `/desk/inbox/${id}/duplicate`,
  /** A claim's edit page answering a reader's error report: the report is shown and credited on save. */
  deskClaimForReport: (claimId: number, reportId: number) => withQuery(`/desk/claims/${claimId}`, { report: reportId }),
  // The promise tracker and the follow feeds.
  promises: () => '/promises',
  promisesFiltered: (param: string, value: string) => withQuery('/promises', { [param]: value }),
  promisesTable: (format: TableFormat, query: QueryLike = {}) => withQuery(`/promises.${format}`, query),
  deskClaimOutcome: (id: number) => `/desk/claims/${id}/outcome`,
  disputeFeed: (slug: string) => `/disputes/${enc(slug)}/feed.atom`,
  claimantFeed: (slug: string) => `/claimants/${enc(slug)}/feed.atom`,
  /** What a data user can download and how: tables, records, feeds, the API, the licence. */
  openData: () => '/open-data',
};

export type TableFormat = 'csv' | 'json' | 'xlsx' | 'md';
type QueryLike = Record<string, string | number | undefined | null>;

/** `path` with a query string of the non-empty values, in the order given (stable, shareable URLs). */
export function withQuery(path: string, params: QueryLike): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** An absolute URL on this Gainsay, for canonical links, feeds and exports. */
export function absoluteUrl(baseUrl: string, path: string): string {
  // Plain joining, not new URL(path, base): a path such as "//evil.example/x" must stay on this site,
  // and a BASE_URL with a path ("https://example.org/checks") keeps it.
  // The common case, without the two regular expressions (exports build one URL per row).
  if (path.charCodeAt(0) === 47 && path.charCodeAt(1) !== 47 && baseUrl.charCodeAt(baseUrl.length - 1) !== 47) return baseUrl + path;
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** The oEmbed discovery URL of a dispute page. */
export function oembedUrlFor(baseUrl: string, slug: string): string {
  return absoluteUrl(baseUrl, withQuery(paths.oembed(), { url: absoluteUrl(baseUrl, paths.dispute(slug)), format: 'json' }));
}
