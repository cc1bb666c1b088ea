import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Db } from '../db/connection';
import { filteredClaimIds, isExcepted, type ClaimFilters, type ExceptKey } from '../claims/claim-filter.repository';
import { matchingIds } from '../db/search-index';
import { parseSearchQuery } from '../search/search-query';
import { disputeIsPublic } from '../db/visibility';

// The dispute list (/disputes) takes the same query parameters as the claim list: a dispute
// passes when one of its two sides passes the claim filters; `q` also searches its question and summary.

type DisputeQueryOptions = { publicOnly: boolean; except?: ExceptKey };

/** The conditions a dispute `d` must meet to pass the filters, for any query that names the dispute table `d`. */
export function disputeConditions(db: Db, filters: ClaimFilters, { publicOnly, except }: DisputeQueryOptions) {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- works on any query that names the dispute table `d`
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
    const conditions: Array<Expression<SqlBool>> = [];
    if (publicOnly) conditions.push(disputeIsPublic('d')(eb));
    const { q: text, ...sideFilters } = filters;
    const sideFiltered = Object.entries(sideFilters).some(
      ([k, v]) => v !== undefined && !isExcepted(k, except) && k !== 'sort' && k !== 'page',
    );
    if (sideFiltered) {
      const sides = () => filteredClaimIds(db, sideFilters, { publicOnly, ...(except ? { except } : {}) }).select('c.id');
      conditions.push(eb.or([eb('d.claim_a_id', 'in', sides()), eb('d.claim_b_id', 'in', sides())]));
    }
    if (text !== undefined && except !== 'q') {
      const parsed = parseSearchQuery(text);
      if (parsed.ok) {
        conditions.push(
          eb.or([
            eb('d.id', 'in', matchingIds(db, 'dispute', parsed.query)),
            eb('d.claim_a_id', 'in', matchingIds(db, 'claim', parsed.query)),
            eb('d.claim_b_id', 'in', matchingIds(db, 'claim', parsed.query)),
          ]),
        );
      }
    }
    return eb.and(conditions);
  };
}

/** The disputes that pass the filters, as `dispute as d`, with nothing selected yet. */
export function filteredDisputes(db: Db, filters: ClaimFilters, options: DisputeQueryOptions) {
  return db.selectFrom('dispute as d').where(disputeConditions(db, filters, options));
}
