import { isMessageKey, translate, translateKey } from '../http/i18n';
import { paths } from '../http/urls';
import type { Match } from './similar-claims';

/** A similar claim as the desk shows it (the form's panel, its suggestions as you type): labels in the user's language. */
export interface SimilarCard {
  id: number;
  text: string;
  claimant: string;
  verdict: { key: string; label: string };
  /** "Draft" for a draft, else null: readers have not seen it. */
  draft: string | null;
  disputes: Array<{ question: string; href: string }>;
  href: string;
  score: number;
  /** The hidden part of the "Link as repeat" button's name, for screen readers. */
  linkHidden: string;
}

export function similarCards(locale: string, matches: readonly Match[]): SimilarCard[] {
  return matches.map(({ claim, score }) => {
    const verdictKey = `verdict.${claim.verdict.key}`;
    return {
      id: claim.id,
      text: claim.text,
      claimant: claim.claimant.name,
      verdict: { key: claim.verdict.key, label: isMessageKey(verdictKey) ? translateKey(locale, verdictKey) : claim.verdict.label },
      draft: claim.state === 'draft' ? translate(locale, 'state.draft') : null,
      disputes: claim.disputes.map((d) => ({ question: d.question, href: paths.deskDispute(d.id) })),
      href: paths.deskClaim(claim.id),
      score: Math.round(score * 100) / 100,
      linkHidden: translate(locale, 'desk.similar.linkAsRepeat.hidden', { id: claim.id }),
    };
  });
}
