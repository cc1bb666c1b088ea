import type { Db } from '../db/connection';
import { PROMISE_OUTCOMES } from '../domain/vocabulary';
import { field, options, type Errors, type Values } from '../http/form';
import { translate } from '../http/i18n';
import { paths } from '../http/urls';
import { findOutcome, findPromiseClaim, isPromiseKind, listOutcomeHistory } from './promise-outcome.repository';

export const OUTCOME_FIELDS = ['outcome', 'rationale', 'assessed_on'] as const;
export const OUTCOME_SHOWN: ReadonlySet<string> = new Set(OUTCOME_FIELDS);

/**
 * What the outcome form shows, on a claim's desk page and on its own page (/desk/claims/:id/outcome):
 * the claim's due date, the current outcome, its history and the form's controls. Undefined for a
 * claim that is not a promise or prediction. `mayEdit`: the form is shown (editors and admins); `values`
 * are what was typed (after a refused save).
 */
export async function outcomePanel(db: Db, locale: string, claimId: number, mayEdit: boolean, values?: Values, errors: Errors = {}) {
  const claim = await findPromiseClaim(db, claimId);
  if (!claim || !isPromiseKind(claim.kind)) return undefined;
  const [current, history] = await Promise.all([findOutcome(db, claimId), listOutcomeHistory(db, claimId)]);
  const shown: Values = values ?? {
    outcome: current?.outcome ?? '',
    rationale: current?.rationale ?? '',
    assessed_on: current?.assessed_on ?? '',
  };
  const label = (key: string) => translate(locale, `outcome.${key}` as 'outcome.kept');
  return {
    claim,
    mayEdit,
    current: current ? { ...current, label: label(current.outcome) } : null,
    history: history.map((h) => ({
      ...h,
      label: h.outcome ? label(h.outcome) : '',
      before_label: h.before_outcome ? label(h.before_outcome) : null,
    })),
    action: paths.deskClaimOutcome(claimId),
    fields: {
      outcome: field('outcome', shown, errors, {
        key: 'outcome',
        options: options(
          PROMISE_OUTCOMES.map((o) => ({ value: o, label: label(o) })),
          shown.outcome ?? '',
          translate(locale, 'outcome.none'),
        ),
      }),
      rationale: field('rationale', shown, errors),
      assessed_on: field('assessed_on', shown, errors),
    },
  };
}
