import { snippetHtml } from '../../src/http/html';
import { toTsquery } from '../../src/db/postgres-fts';
import { toFts5 } from '../../src/db/sqlite-fts';
import { MAX_PREFIXES, MAX_SEARCH_TERMS, MIN_PREFIX_LENGTH, parseSearchQuery } from '../../src/search/search-query';

/** The parsed query rendered for both engines, or the refusal. */
function parse(q: string) {
  const parsed = parseSearchQuery(q);
  return parsed.ok ? { ok: true, fts: toFts5(parsed.query), tsquery: toTsquery(parsed.query), terms: parsed.terms } : parsed;
}

describe('parseSearchQuery', () => {
  it('quotes words so punctuation is never FTS syntax', () => {
    expect(parse('oekraine military-aid')).toEqual({
      ok: true,
      fts: '"oekraine" AND "military" AND "aid"',
      tsquery: "'oekraine' & 'military' & 'aid'",
      terms: ['oekraine', 'military', 'aid'],
    });
  });
  it('keeps phrases, prefixes and operators', () => {
    expect(parse('"military aid" OR Krasnod*')).toMatchObject({
      ok: true,
      fts: '"military aid" OR "Krasnod"*',
      tsquery: "('military' <-> 'aid') | 'Krasnod':*",
    });
    expect(parse('Putin NOT Trump')).toMatchObject({ ok: true, fts: '"Putin" NOT "Trump"', tsquery: "'Putin' & ! 'Trump'" });
  });
  it('never stars a word twice, and reads "AND NOT" as NOT', () => {
    expect(parse('a * *')).toMatchObject({ ok: true, fts: '"a"', tsquery: "'a'" });
    expect(parse('abc* *')).toMatchObject({ ok: true, fts: '"abc"*', tsquery: "'abc':*" });
    expect(parse('Putin AND NOT Trump')).toMatchObject({ ok: true, fts: '"Putin" NOT "Trump"' });
    expect(parse('"military aid" Kyiv')).toMatchObject({ ok: true, fts: '"military aid" AND "Kyiv"' });
    expect(parse('a-bcd* e')).toMatchObject({ ok: true, fts: '"a" AND "bcd"* AND "e"', tsquery: "'a' & 'bcd':* & 'e'" });
  });
  it('parses at most MAX_QUERY_LENGTH characters', () => {
    const parsed = parseSearchQuery('kyiv '.repeat(1000));
    expect(parsed).toMatchObject({ ok: false, problem: 'tooManyTerms', values: { count: 40, max: MAX_SEARCH_TERMS } });
  });
  it('refuses, before running, searches that would cost too much, saying what to change', () => {
    expect(parseSearchQuery('a* OR b* OR c*')).toMatchObject({
      ok: false,
      problem: 'shortPrefix',
      message: expect.stringContaining('“a*”'),
    });
    expect(parseSearchQuery(Array.from({ length: MAX_PREFIXES + 1 }, (_, i) => `word${i}*`).join(' OR '))).toMatchObject({
      ok: false,
      problem: 'tooManyPrefixes',
    });
    expect(parseSearchQuery('one two three four five six seven eight nine ten eleven twelve thirteen')).toMatchObject({
      ok: false,
      problem: 'tooManyTerms',
      message: 'This search has 13 words; use at most 12. Leave out the words that tell least.',
    });
    expect(parseSearchQuery(`${'x'.repeat(MIN_PREFIX_LENGTH)}* oekraine`)).toMatchObject({ ok: true });
    expect(parseSearchQuery(Array.from({ length: MAX_SEARCH_TERMS }, (_, i) => `w${i}`).join(' '))).toMatchObject({ ok: true });
  });
  it.each(['"military aid', 'OR', 'Putin AND', 'NOT Putin', 'a OR OR b', '   ', '***'])('explains a bad query: %s', (q) => {
    const parsed = parseSearchQuery(q);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.message.length).toBeGreaterThan(10);
      expect(['empty', 'unclosedQuote', 'operator', 'punctuation']).toContain(parsed.problem);
    }
  });
});

test('snippetHtml escapes user text and marks hits', () => {
  expect(snippetHtml('<b>\uE000Kyiv\uE001</b>')).toBe('&#60;b&#62;<mark>Kyiv</mark>&#60;/b&#62;');
});
