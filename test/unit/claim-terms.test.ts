import { lookupTerms, significantWords, similarity } from '../../src/repeats/claim-terms';

describe('claim terms', () => {
  test('words are folded (case, accents) and the stop words of English and Dutch left out', () => {
    expect(significantWords('Zelensky zegt dat Oekraïne NIET bereid is')).toEqual(['zelensky', 'oekraine', 'bereid']);
    expect(significantWords('The Kremlin says that Putin pressed Trump')).toEqual(['kremlin', 'putin', 'pressed', 'trump']);
  });

  test('accents and case do not change the score', () => {
    const a = 'Oekraïne zegt bereid te zijn alle aanvallen te staken';
    expect(similarity(a, 'OEKRAINE zegt bereid te zijn alle aanvallen te staken')).toBeCloseTo(similarity(a, a));
  });

  test('a reworded claim scores higher than the same words with another number or a "not"', () => {
    const claim = 'Ukraine says it shot down 57 Russian drones over the Kursk region';
    const reworded = 'Over the Kursk region 57 Russian drones were shot down, Ukraine says';
    expect(similarity(claim, reworded)).toBeGreaterThan(
      similarity(claim, 'Ukraine says it shot down 12 Russian drones over the Kursk region'),
    );
    expect(similarity(claim, reworded)).toBeGreaterThan(
      similarity(claim, 'Ukraine says it did not shoot down Russian drones over the Kursk region'),
    );
  });

  test('the name of who said it does not count as a shared word', () => {
    const a = 'Geert Wilders zegt dat asielzoekers de woningnood veroorzaken';
    const b = 'Geert Wilders zegt dat Nederland uit de EU moet';
    expect(similarity(a, b, 'Geert Wilders')).toBeLessThan(similarity(a, b));
  });

  test('lookup terms are distinct stems, longest first, and only letters and digits', () => {
    expect(lookupTerms('Sanctions, sanctions: "sanctioned" Russia!')).toEqual(['sanction', 'sanctio', 'russi']);
    for (const t of lookupTerms('A "quoted" (claim) with * and OR NEAR')) expect(t).toMatch(/^[\p{L}\p{N}]+$/u);
  });
});
