import { eng, nld } from 'stopword';

// The lexical side of repeat detection: what two claim texts have in common once case, accents,
// punctuation and the words every sentence has are set aside. Pure functions; no database.

/** Words that say nothing about what a claim is about, in English and Dutch (and the verbs of reporting). */
const STOP_WORDS: ReadonlySet<string> = new Set(
  [
    ...eng,
    ...nld,
    // Reporting verbs and fillers of newsroom claim texts: "X says that …", "volgens X …".
    ...['says', 'said', 'say', 'saying', 'claims', 'claimed', 'claim', 'told', 'stated', 'states', 'according', 'also', 'will', 'would'],
    ...[
      'zegt',
      'zei',
      'zeggen',
      'stelt',
      'stelde',
      'beweert',
      'beweerde',
      'volgens',
      'aldus',
      'wel',
      'heeft',
      'hebben',
      'zou',
      'zal',
      'gaat',
    ],
  ].map(fold),
);

/** Lower case without accents: "Oekraïne" → "oekraine", as the search index folds them. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** The words of a text, folded, without stop words and one-letter words, in order. */
export function significantWords(text: string): string[] {
  return (fold(text).match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 1 && !STOP_WORDS.has(w));
}

/** A crude stem for matching word forms: long words lose their last letters ("sanctions", "sancties" → "sancti"). */
export function stem(word: string): string {
  return word.length >= 7 ? word.slice(0, word.length - 2) : word.length >= 5 ? word.slice(0, word.length - 1) : word;
}

/** Character trigrams of each significant word (padded with a space on each side), as a set. */
function trigrams(words: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const w of words) {
    const padded = ` ${w} `;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  }
  return out;
}

function overlap<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

/** Words that turn a claim around: "aid was discussed" and "aid was not discussed" are not one claim. */
const NEGATIONS: ReadonlySet<string> = new Set([
  'not',
  'no',
  'never',
  'cannot',
  'nothing',
  'none',
  'without',
  'niet',
  'geen',
  'nooit',
  'niets',
  'zonder',
]);

/** Whether a text says "not" an odd number of times. */
function negated(text: string): boolean {
  return (fold(text).match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => NEGATIONS.has(w)).length % 2 === 1;
}

/** The numbers of a text without their separators, so "3,8" and "3.8", "1,300" and "1300" agree. */
function numbers(text: string): Set<string> {
  return new Set((text.match(/\d+(?:[.,]\d+)*/g) ?? []).map((n) => n.replace(/[.,]/g, '')));
}

/** What a difference in numbers or in negation leaves of the score: the same words, another claim. */
const NUMBER_PENALTY = 0.6;
const NEGATION_PENALTY = 0.6;

/**
 * How alike two claim texts are, from 0 to 1. Half of it is the Dice coefficient of the trigrams of
 * their significant words (forgiving word forms and spellings: "Zelensky"/"Zelenski"), half the stems
 * they share (as a share of the shorter text and of both). The words of `claimant`, the name of who
 * said one of them, are left out: "Trump says …" and "Trump says …" share the name, not the claim.
 * Different numbers (when both have some), or a "not" in one of them only, cut the score.
 */
export function similarity(a: string, b: string, claimant = ''): number {
  const name = new Set(significantWords(claimant));
  const wa = significantWords(a).filter((w) => !name.has(w));
  const wb = significantWords(b).filter((w) => !name.has(w));
  if (!wa.length || !wb.length) return 0;
  const ta = trigrams(wa);
  const tb = trigrams(wb);
  const dice = (2 * overlap(ta, tb)) / (ta.size + tb.size);
  const sa = new Set(wa.map(stem));
  const sb = new Set(wb.map(stem));
  const common = overlap(sa, sb);
  const shared = (common / Math.min(sa.size, sb.size) + (2 * common) / (sa.size + sb.size)) / 2;
  let score = (dice + shared) / 2;
  const na = numbers(a);
  const nb = numbers(b);
  if (na.size && nb.size && !overlap(na, nb)) score *= NUMBER_PENALTY;
  if (negated(a) !== negated(b)) score *= NEGATION_PENALTY;
  return score;
}

/** The terms to look a text up by in the search index: its distinct stems, longest (rarest, usually) first. */
export function lookupTerms(text: string, max = 12): string[] {
  const stems = [...new Set(significantWords(text).map(stem))];
  return stems.sort((x, y) => y.length - x.length).slice(0, max);
}
