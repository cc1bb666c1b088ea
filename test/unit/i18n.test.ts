import { messages, translate } from '../../src/http/i18n';

describe('interface strings', () => {
  it('has exactly the same keys in English and Dutch, none empty', () => {
    expect(Object.keys(messages.nl).sort()).toEqual(Object.keys(messages.en).sort());
    for (const table of Object.values(messages)) for (const text of Object.values(table)) expect(text.trim()).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(messages.en) as Array<keyof typeof messages.en>) {
      expect([key, placeholders(messages.nl[key])]).toEqual([key, placeholders(messages.en[key])]);
    }
  });

  it('fills placeholders and falls back to English, then to the key', () => {
    expect(translate('nl', 'list.pageOf', { page: 2, pages: 3 })).toBe('Pagina 2 van 3');
    expect(translate('fr', 'nav.search')).toBe('Search');
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });
});
