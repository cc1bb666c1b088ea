// The one place that knows Gainsay's URL design. Templates and code build paths only through these.

const enc = encodeURIComponent;

export const paths = {
  home: () => '/',
  disputes: () => '/disputes',
  dispute: (slug: string) => `/disputes/${enc(slug)}`,
  claims: () => '/claims',
  claim: (id: number) => `/claims/${id}`,
  claimant: (slug: string) => `/claimants/${enc(slug)}`,
  source: (id: number) => `/sources/${id}`,
  topic: (slug: string) => `/topics/${enc(slug)}`,
  search: () => '/search',
  methodology: () => '/methodology',
  health: () => '/healthz',
  corrections: () => '/corrections',
  claimHistory: (id: number) => `/claims/${id}/history`,
  login: () => '/login',
  logout: () => '/logout',
  stylesheet: () => '/assets/site.css',

  desk: () => '/desk',
  deskClaimants: () => '/desk/claimants',
  deskNewClaimant: () => '/desk/claimants/new',
  deskClaimant: (id: number) => `/desk/claimants/${id}`,
  deskClaimantDelete: (id: number) => `/desk/claimants/${id}/delete`,
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
  deskDispute: (id: number) => `/desk/disputes/${id}`,
  deskDisputeDelete: (id: number) => `/desk/disputes/${id}/delete`,
  deskClaimHistory: (id: number) => `/desk/claims/${id}/history`,
  deskDisputeHistory: (id: number) => `/desk/disputes/${id}/history`,
  deskDue: () => '/desk/due',
  deskUsers: () => '/desk/users',
  deskUser: (id: number) => `/desk/users/${id}`,
  deskTokens: () => '/desk/tokens',
  deskTokenRevoke: (id: number) => `/desk/tokens/${id}/revoke`,
};

export type Paths = typeof paths;

/** An absolute URL on this Gainsay, for canonical links, feeds and exports. */
export function absoluteUrl(baseUrl: string, path: string): string {
  return new URL(path, `${baseUrl}/`).toString();
}
