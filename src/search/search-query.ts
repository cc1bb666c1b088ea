// The reader's search syntax: words, "phrases", a trailing * and AND / OR / NOT, parsed once into the
// query that src/db/sqlite-fts.ts renders as FTS5 and src/db/postgres-fts.ts as a tsquery.
import type { SearchQuery, SearchToken } from '../db/search-types';

/** Why a search text is not a query; src/http/i18n.ts has a message for each (`search.problem.<problem>`). */
export type SearchProblem = 'empty' | 'unclosedQuote' | 'operator' | 'punctuation' | 'tooManyTerms' | 'tooManyPrefixes' | 'shortPrefix';

export type ParsedQuery =
  | { ok: true; query: SearchQuery; terms: string[] }
  | { ok: false; problem: SearchProblem; operator?: string; values?: Record<string, string | number>; message: string };

/** The longest search text that is parsed; the rest is ignored, so one request cannot pin the server. */
export const MAX_QUERY_LENGTH = 200;

// Searches that would keep a database reader busy for seconds are refused before they run, with a
// message that says what to change (a budget stops the rest: QUERY_TIMEOUT_MS). Measured on 282,000
// claims, twenty one-letter prefixes joined by OR took 15 s: a prefix stands for every indexed word that
// starts with it, each word's list of matches is read in full, and OR keeps them all.
/** Words (phrase words included): each is one more list of matches read; twelve find any quote. */
export const MAX_SEARCH_TERMS = 12;
/** Words ending in *: each expands to every indexed word it starts. */
export const MAX_PREFIXES = 3;
/** Letters before a *: "a*" stands for about a twentieth of all words, "oek*" for a handful. */
export const MIN_PREFIX_LENGTH = 3;

const OPERATORS = new Set(['AND', 'OR', 'NOT']);

const ENGLISH: Record<SearchProblem, string> = {
  empty: 'Type a word to search for.',
  unclosedQuote: 'A quotation mark is not closed: put phrases between two " marks.',
  operator: '"{operator}" needs a word on both sides.',
  punctuation: 'Type a word to search for: punctuation alone finds nothing.',
  tooManyTerms: 'This search has {count} words; use at most {max}. Leave out the words that tell least.',
  tooManyPrefixes:
    'Use at most {max} words ending in *: each one also searches every word that starts the same way. Write the other words out in full.',
  shortPrefix: '“{word}*” is too short to search by its start: type at least {min} letters before the *.',
};

function problem(kind: SearchProblem, operator?: string): ParsedQuery {
  const message = ENGLISH[kind].replace('{operator}', operator ?? '');
  return operator === undefined ? { ok: false, problem: kind, message } : { ok: false, problem: kind, operator, message };
}

const TOO_BROAD: ReadonlySet<SearchProblem> = new Set(['tooManyTerms', 'tooManyPrefixes', 'shortPrefix']);

/** A query refused because it would cost too much to run, not because it could not be read. */
export function isTooBroad(problem: SearchProblem): boolean {
  return TOO_BROAD.has(problem);
}

function tooBroad(kind: SearchProblem, values: Record<string, string | number>): ParsedQuery {
  const message = ENGLISH[kind].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
  return { ok: false, problem: kind, values, message };
}

/** A parsed query that would cost too much to run (see MAX_SEARCH_TERMS and the limits beside it), or null. */
function tooBroadProblem(parts: readonly SearchToken[], terms: readonly string[]): ParsedQuery | null {
  if (terms.length > MAX_SEARCH_TERMS) return tooBroad('tooManyTerms', { count: terms.length, max: MAX_SEARCH_TERMS });
  const prefixes = parts.flatMap((part) => ('prefix' in part && part.prefix ? [part.words[part.words.length - 1]!] : []));
  const short = prefixes.find((word) => [...word].length < MIN_PREFIX_LENGTH);
  if (short) return tooBroad('shortPrefix', { word: short, min: MIN_PREFIX_LENGTH });
  if (prefixes.length > MAX_PREFIXES) return tooBroad('tooManyPrefixes', { max: MAX_PREFIXES });
  return null;
}

/**
 * Turns what a reader typed into a safe query: words (a trailing * searches by prefix),
 * "quoted phrases", and AND / OR / NOT between them. Anything else is treated as text, never syntax.
 */
export function parseSearchQuery(input: string): ParsedQuery {
  const text = input.slice(0, MAX_QUERY_LENGTH).normalize('NFC').trim();
  if (!text) return problem('empty');
  if ((text.match(/"/g)?.length ?? 0) % 2 === 1) return problem('unclosedQuote');
  const parts: SearchToken[] = [];
  const and: SearchToken = { operator: 'AND' };
  const terms: string[] = [];
  let lastWasOperator = true;
  for (const match of text.matchAll(/"([^"]*)"|(\S+)/g)) {
    if (match[1] !== undefined) {
      const words = match[1].match(/[\p{L}\p{N}]+/gu) ?? [];
      if (!words.length) continue;
      if (!lastWasOperator) parts.push(and);
      parts.push({ words, prefix: false });
      terms.push(...words);
      lastWasOperator = false;
      continue;
    }
    const raw = match[2]!;
    if (OPERATORS.has(raw)) {
      // FTS5's NOT already means "and not", so "x AND NOT y" is read as "x NOT y".
      const last = parts[parts.length - 1];
      if (raw === 'NOT' && last && 'operator' in last && last.operator === 'AND') parts.pop();
      else if (lastWasOperator) return problem('operator', raw);
      parts.push({ operator: raw as 'AND' | 'OR' | 'NOT' });
      lastWasOperator = true;
      continue;
    }
    const words = raw.match(/[\p{L}\p{N}]+/gu) ?? [];
    for (const word of words) {
      if (!lastWasOperator) parts.push(and);
      parts.push({ words: [word], prefix: false });
      terms.push(word);
      lastWasOperator = false;
    }
    // Only a token that gave words can be a prefix: a lone "*" must not star the previous word again.
    if (raw.endsWith('*') && words.length) parts[parts.length - 1] = { words: [words[words.length - 1]!], prefix: true };
  }
  if (!terms.length) return problem('punctuation');
  const last = parts[parts.length - 1];
  if (lastWasOperator) return problem('operator', last && 'operator' in last ? last.operator : undefined);
  return tooBroadProblem(parts, terms) ?? { ok: true, query: parts, terms };
}

/**
 * A query that matches what any of these parsed queries match (a search and the other names of what it
 * names). OR binds loosest in both engines' syntax, so joining the token lists with OR keeps each whole.
 */
export function anyOfQueries(queries: readonly SearchQuery[]): SearchQuery {
  return queries.flatMap((query, i) => (i ? [{ operator: 'OR' as const }, ...query] : [...query]));
}
