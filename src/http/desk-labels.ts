// The desk's word lists in the interface language: the strings themselves live in src/http/i18n.ts.
import { translate } from './i18n';

const words = <W extends string>(locale: string, prefix: string, list: readonly W[]): Record<W, string> =>
  Object.fromEntries(list.map((w) => [w, translate(locale, `${prefix}${w}`)])) as Record<W, string>;

/** The labels of the desk's closed word lists (kinds, states, roles, link types) in `locale`. */
export function deskLabels(locale: unknown) {
  const l = String(locale ?? 'en');
  return {
    claimantKind: words(l, 'claimant.kind.', ['person', 'organisation', 'government', 'media', 'other'] as const),
    claimKind: words(l, 'desk.claimKind.', ['statement', 'promise', 'prediction'] as const),
    state: words(l, 'state.', ['draft', 'published', 'retracted'] as const),
    disputeStatus: words(l, 'dispute.status.', ['open', 'settled'] as const),
    role: words(l, 'role.', ['made_in', 'reported_by', 'evidence_for', 'evidence_against'] as const),
    linkType: words(l, 'link.', ['contradicts', 'supports', 'repeats', 'retracts'] as const),
  };
}

export const messages = {
  /** The 409 sentence of a conflicting edit; `what` is 'claim' or 'dispute'. */
  versionConflict: (locale: unknown, what: 'claim' | 'dispute', version: number) =>
    translate(String(locale ?? 'en'), 'desk.conflict.problem', { what: translate(String(locale ?? 'en'), `desk.conflict.this.${what}`), version }),
};
