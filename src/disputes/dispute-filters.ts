import type { Db } from '../db/connection';
import { filteredClaims, isExcepted, type ClaimFilters, type ExceptKey } from '../claims/claim-filters';
import { matchingIds, parseSearchQuery } from '../search/fts';
import { disputeIsPublic } from './dispute.repository';

// The dispute list (/disputes) takes the same query parameters as the claim list: a dispute
// passes when one of its two sides passes the claim filters; `q` also searches its question and summary.

export { claimFiltersSchema as disputeFiltersSchema, type ClaimFilters as DisputeFilters } from '../claims/claim-filters';

/** The disputes that pass the filters, as `dispute as d`, with nothing selected yet. */
export function filteredDisputes(db: Db, filters: ClaimFilters, { publicOnly, except }: { publicOnly: boolean; except?: ExceptKey }) {
  let q = db.selectFrom('dispute as d');
  if (publicOnly) q = q.where(disputeIsPublic(db, 'd'));
  const { q: text, ...sideFilters } = filters;
  const sideFiltered = Object.entries(sideFilters).some(([k, v]) => v !== undefined && !isExcepted(k, except) && k !== 'sort' && k !== 'page');
  if (sideFiltered) {
    const sides = () => filteredClaims(db, sideFilters, { publicOnly, ...(except ? { except } : {}) }).select('c.id');
    q = q.where((eb) => eb.or([eb('d.claim_a_id', 'in', sides()), eb('d.claim_b_id', 'in', sides())]));
  }
  if (text !== undefined && except !== 'q') {
    const parsed = parseSearchQuery(text);
    if (parsed.ok) {
      q = q.where((eb) =>
        eb.or([
          eb('d.id', 'in', matchingIds('dispute', parsed.fts)),
          eb('d.claim_a_id', 'in', matchingIds('claim', parsed.fts)),
          eb('d.claim_b_id', 'in', matchingIds('claim', parsed.fts)),
        ]),
      );
    }
  }
  return q;
}
