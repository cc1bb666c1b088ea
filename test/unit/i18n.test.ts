import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { features } from '../../src/messages';
import { LOCALES, messageArguments, messages, translate, translateKey, type MessageKey } from '../../src/http/i18n';

const keys = Object.keys(messages.en) as MessageKey[];

describe('interface strings', () => {
  it('has exactly the same keys in English and Dutch, none empty', () => {
    expect(Object.keys(messages.nl).sort()).toEqual(Object.keys(messages.en).sort());
    for (const table of Object.values(messages)) for (const text of Object.values(table)) expect(text.trim()).not.toBe('');
  });

  it('keeps each key in one feature only', () => {
    const seen = new Map<string, string>();
    for (const [feature, { en }] of Object.entries(features)) {
      for (const key of Object.keys(en)) {
        expect([key, seen.get(key) ?? feature]).toEqual([key, feature]);
        seen.set(key, feature);
      }
    }
    expect(seen.size).toBe(keys.length);
  });

  it('uses the same arguments (names and kinds, plurals too) in both languages', () => {
    for (const key of keys) expect([key, messageArguments('nl', key)]).toEqual([key, messageArguments('en', key)]);
  });

  it('renders every message with only simple arguments exactly as plain `{name}` substitution would', () => {
    // ICU gives apostrophes and braces a meaning; this catches a text that no longer says what it said.
    const plain = (text: string, vars: Record<string, unknown>) =>
      text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
    let checked = 0;
    for (const locale of LOCALES) {
      for (const key of keys) {
        const args = messageArguments(locale, key);
        if (!args.every((a) => a.endsWith(':simple'))) continue;
        const vars = Object.fromEntries(args.map((a, i) => [a.split(':')[0], i % 2 ? i : `“${i}” it's {x}`]));
        expect([key, translateKey(locale, key, vars)]).toEqual([key, plain(messages[locale][key], vars)]);
        expect([key, translateKey(locale, key)]).toEqual([key, plain(messages[locale][key], {})]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(900);
  });

  it('fills arguments, and falls back to English for an unknown language', () => {
    expect(translate('nl', 'list.pageOf', { page: 2, pages: 3 })).toBe('Pagina 2 van 3');
    expect(translate('fr', 'nav.search')).toBe('Search');
    expect(translate('en', 'desk.conflict.sourceN', { id: 7 })).toBe('source #7');
    expect(translate('en', 'desk.conflict.newClaimant', { name: 'A' })).toBe('A (new, {kind})');
  });

  it('counts with ICU plurals, saying what the old pairs of keys said', () => {
    expect(translate('en', 'search.count', { n: 1 })).toBe('One result.');
    expect(translate('en', 'search.count', { n: 2 })).toBe('2 results, most relevant first.');
    expect(translate('en', 'search.count', { n: 12345 })).toBe('12,345 results, most relevant first.');
    expect(translate('nl', 'search.count', { n: 1 })).toBe('Eén resultaat.');
    expect(translate('nl', 'search.count', { n: 12345 })).toBe('12.345 resultaten, meest relevante eerst.');
    expect(translate('en', 'search.countCapped', { n: 10000 })).toBe(
      'More than 10,000 results, newest first. Add a word to narrow the search.',
    );
    expect(translate('nl', 'search.countCapped', { n: 10000 })).toMatch(/^Meer dan 10\.000 resultaten, nieuwste eerst\./);
    expect(translate('en', 'list.results', { count: 1 })).toBe('1 result');
    expect(translate('en', 'list.results', { count: 0 })).toBe('0 results');
    expect(translate('en', 'list.results', { count: 1234 })).toBe('1,234 results');
    expect(translate('nl', 'list.results', { count: 1 })).toBe('1 resultaat');
    expect(translate('nl', 'list.results', { count: 1234 })).toBe('1.234 resultaten');
    expect(translateKey('nl', 'list.results', { count: 2 })).toBe('2 resultaten');
  });

  it('asks for numbers where a message counts (the @ts-expect-error lines are the test, under tsc)', () => {
    // @ts-expect-error: a plural argument takes a number, not a formatted string
    expect(translate('en', 'search.count', { n: '2' })).toBe('2 results, most relevant first.');
    // @ts-expect-error: and it cannot be left out
    const missing = () => translate('en', 'search.count');
    expect(typeof missing).toBe('function');
  });

  it('renders a key from a template that does not exist as the key itself', () => {
    expect(translateKey('en', 'no.such.key')).toBe('no.such.key');
    expect(translateKey('nl', 'nav.search')).toBe('Zoeken');
  });

  it('refuses an unknown key at compile time', () => {
    // @ts-expect-error: not a message key
    expect(() => translate('en', 'no.such.key')).toThrow();
  });

  it('keeps src/messages a leaf: it imports nothing from the rest of src', () => {
    const dir = join(__dirname, '../../src/messages');
    for (const file of readdirSync(dir)) {
      const imports = [...readFileSync(join(dir, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      expect([file, imports.filter((path) => !path!.startsWith('./'))]).toEqual([file, []]);
    }
  });
});
