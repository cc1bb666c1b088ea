// The reader's search syntax: words, "phrases", a trailing * and AND / OR / NOT, parsed into the FTS5
// query that src/db/sqlite-fts.ts runs.

/** Why a search text is not a query; src/http/i18n.ts has a message for each (`search.problem.<problem>`). */
export type SearchProblem = 'empty' | 'unclosedQuote' | 'operator' | 'punctuation';

export type ParsedQuery =
  { ok: true; fts: string; terms: string[] } | { ok: false; problem: SearchProblem; operator?: string; message: string };

/** The longest search text that is parsed; the rest is ignored, so one request cannot pin the server. */
export const MAX_QUERY_LENGTH = 200;

const OPERATORS = new Set(['AND', 'OR', 'NOT']);

const ENGLISH: Record<SearchProblem, string> = {
  empty: 'Type a word to search for.',
  unclosedQuote: 'A quotation mark is not closed: put phrases between two " marks.',
  operator: '"{operator}" needs a word on both sides.',
  punctuation: 'Type a word to search for: punctuation alone finds nothing.',
};

function problem(kind: SearchProblem, operator?: string): ParsedQuery {
  const message = ENGLISH[kind].replace('{operator}', operator ?? '');
  return operator === undefined ? { ok: false, problem: kind, message } : { ok: false, problem: kind, operator, message };
}

/**
 * Turns what a reader typed into a safe FTS5 query: words (a trailing * searches by prefix),
 * "quoted phrases", and AND / OR / NOT between them. Anything else is treated as text, never syntax.
 */
export function parseSearchQuery(input: string): ParsedQuery {
  const text = input.slice(0, MAX_QUERY_LENGTH).normalize('NFC').trim();
  if (!text) return problem('empty');
  if ((text.match(/"/g)?.length ?? 0) % 2 === 1) return problem('unclosedQuote');
  const parts: string[] = [];
  const terms: string[] = [];
  let lastWasOperator = true;
  for (const match of text.matchAll(/"([^"]*)"|(\S+)/g)) {
    if (match[1] !== undefined) {
      const words = match[1].match(/[\p{L}\p{N}]+/gu) ?? [];
      if (!words.length) continue;
      if (!lastWasOperator) parts.push('AND');
      parts.push(`"${words.join(' ')}"`);
      terms.push(...words);
      lastWasOperator = false;
      continue;
    }
    const raw = match[2]!;
    if (OPERATORS.has(raw)) {
      // FTS5's NOT already means "and not", so "x AND NOT y" is read as "x NOT y".
      if (raw === 'NOT' && parts[parts.length - 1] === 'AND') parts.pop();
      else if (lastWasOperator) return problem('operator', raw);
      parts.push(raw);
      lastWasOperator = true;
      continue;
    }
    const words = raw.match(/[\p{L}\p{N}]+/gu) ?? [];
    for (const word of words) {
      if (!lastWasOperator) parts.push('AND');
      parts.push(`"${word}"`);
      terms.push(word);
      lastWasOperator = false;
    }
    // Only a token that gave words can be a prefix: a lone "*" must not star the previous word again.
    if (raw.endsWith('*') && words.length) parts[parts.length - 1] += '*';
  }
  if (!terms.length) return problem('punctuation');
  if (lastWasOperator) return problem('operator', parts[parts.length - 1]);
  return { ok: true, fts: parts.join(' '), terms };
}
