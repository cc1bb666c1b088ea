// What readers (no session, no token) may see, one predicate per table: every query that hides drafts
// from readers says it with these. Here in src/db because every feature below and above claims needs them.
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- works on any query that names the table `alias`
type AnyEb = ExpressionBuilder<any, any>;
type Predicate = (eb: AnyEb) => Expression<SqlBool>;

/** Readers see a claim once it is published or retracted, i.e. not a draft. Use as `.where(claimIsPublic('c'))`. */
export function claimIsPublic(alias: string): Predicate {
  return (eb) => eb(`${alias}.state`, '<>', 'draft');
}

/** The ids of draft claims, as a subquery: `not in` it keeps what hangs off a claim from readers. */
function draftClaimIds(eb: AnyEb) {
  return eb.selectFrom('claim as draft_claim').select('draft_claim.id').where('draft_claim.state', '=', 'draft');
}

/**
 * Readers see a dispute only when neither it nor either of its two sides is a draft: a published
 * question must never reveal an unpublished claim.
 */
export function disputeIsPublic(alias: string): Predicate {
  // One primary-key lookup per side. (`not in (select … where state = 'draft')` built the list of
  // every draft claim first: 60,000 ids at a million claims, on every dispute page.)
  const draftSide = (eb: AnyEb, column: string) =>
    eb.exists(
      eb
        .selectFrom('claim as draft_side')
        .select('draft_side.id')
        .whereRef('draft_side.id', '=', `${alias}.${column}`)
        .where('draft_side.state', '=', 'draft'),
    );
  return (eb) => eb.and([eb(`${alias}.state`, '<>', 'draft'), eb.not(draftSide(eb, 'claim_a_id')), eb.not(draftSide(eb, 'claim_b_id'))]);
}

/** Readers see a claimant once a public claim names them; `claimantId` is a column reference such as 'claimant.id'. */
export function claimantIsPublic(claimantId: string): Predicate {
  return (eb) =>
    eb.exists(eb.selectFrom('claim as vc').select('vc.id').whereRef('vc.claimant_id', '=', claimantId).where(claimIsPublic('vc')));
}

/** Readers see a source once a public claim cites it; `sourceId` is a column reference or an id expression. */
export function sourceIsPublic(sourceId: string | Expression<number>): Predicate {
  return (eb) =>
    eb.exists(
      eb
        .selectFrom('citation as vci')
        .innerJoin('claim as vc', 'vc.id', 'vci.claim_id')
        .select('vci.id')
        .where('vci.source_id', '=', typeof sourceId === 'string' ? eb.ref(sourceId) : sourceId)
        .where(claimIsPublic('vc')),
    );
}

/** Readers see a citation when its claim is public. */
export function citationIsPublic(alias: string): Predicate {
  return (eb) => eb(`${alias}.claim_id`, 'not in', draftClaimIds(eb));
}

/** Readers see a link between claims when both its claims are public. */
export function claimLinkIsPublic(alias: string): Predicate {
  return (eb) =>
    eb.and([eb(`${alias}.from_claim_id`, 'not in', draftClaimIds(eb)), eb(`${alias}.to_claim_id`, 'not in', draftClaimIds(eb))]);
}
