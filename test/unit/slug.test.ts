import { nextFreeSlug, slugify, SLUG_PATTERN } from '../../src/domain/slug';

describe('slugify', () => {
  it('drops accents and punctuation and lowercases', () => {
    expect(slugify('Oekraïne: wie   brak het bestand?')).toBe('oekraine-wie-brak-het-bestand');
    expect(slugify("Putin's pledge")).toBe('putins-pledge');
  });
  it('gives a slug that matches the slug pattern, or an empty string for no letters', () => {
    expect(slugify('  --Ça va!--  ')).toMatch(SLUG_PATTERN);
    expect(slugify('¿¡…!?')).toBe('');
  });
  it('cuts long text at a word boundary', () => {
    const slug = slugify('Did Putin ask Trump to stop all foreign military aid and intelligence sharing for Kyiv during the call', 40);
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug).toBe('did-putin-ask-trump-to-stop-all-foreign');
  });
});

describe('nextFreeSlug', () => {
  it('numbers a taken slug', () => {
    expect(nextFreeSlug('kremlin', new Set())).toBe('kremlin');
    expect(nextFreeSlug('kremlin', new Set(['kremlin', 'kremlin-2']))).toBe('kremlin-3');
  });
});
