// The desk's word lists in the interface language: the strings themselves live in src/messages.
import { translate, type MessageKey } from './i18n';

const words = <const W extends string>(locale: string, list: readonly W[], key: (word: W) => MessageKey): Record<W, string> =>
  Object.fromEntries(list.map((w) => [w, translate(locale, key(w))])) as Record<W, string>;

// `res.locals.locale` is untyped; the language middleware always sets a string.
const localeOr = (locale: unknown): string => (typeof locale === 'string' ? locale : 'en');

/** The labels of the desk's closed word lists (kinds, states, roles, link types) in `locale`. */
export function deskLabels(locale: unknown) {
  const l = localeOr(locale);
  return {
    claimantKind: words(l, ['person', 'organisation', 'government', 'media', 'other'], (w) => `claimant.kind.${w}`),
    claimKind: words(l, ['statement', 'promise', 'prediction'], (w) => `desk.claimKind.${w}`),
    state: words(l, ['draft', 'published', 'retracted'], (w) => `state.${w}`),
    disputeStatus: words(l, ['open', 'settled'], (w) => `dispute.status.${w}`),
    role: words(l, ['made_in', 'reported_by', 'evidence_for', 'evidence_against'], (w) => `role.${w}`),
    linkType: words(l, ['contradicts', 'supports', 'repeats', 'retracts'], (w) => `link.${w}`),
  };
}

export const messages = {
  /** The 409 sentence of a conflicting edit; `what` is 'claim' or 'dispute'. */
  versionConflict: (locale: unknown, what: 'claim' | 'dispute', version: number) =>
    translate(localeOr(locale), 'desk.conflict.problem', {
      what: translate(localeOr(locale), `desk.conflict.this.${what}`),
      version,
    }),
};
