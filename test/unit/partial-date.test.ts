import { formatPartialDate, isIsoDay, parsePartialDate, partialDateInput } from '../../src/domain/partial-date';

describe('partial dates', () => {
  it('reads day, month and year precision', () => {
    expect(parsePartialDate('2025-03-18')).toEqual({ on: '2025-03-18', precision: 'day' });
    expect(parsePartialDate(' 2025-03 ')).toEqual({ on: '2025-03-01', precision: 'month' });
    expect(parsePartialDate('2025')).toEqual({ on: '2025-01-01', precision: 'year' });
  });
  it('refuses impossible or malformed dates', () => {
    for (const bad of ['0050', '0050-01', '0999-12-31', '2025-02-30', '2025-13', '2025-00', '18-03-2025', 'March 2025', '', '20255']) {
      expect(parsePartialDate(bad)).toBeNull();
    }
    expect(isIsoDay('2024-02-29')).toBe(true);
    expect(isIsoDay('2025-02-29')).toBe(false);
  });
  it('shows only as much as is known', () => {
    expect(formatPartialDate('2025-03-18', 'day', 'en')).toBe('18 March 2025');
    expect(formatPartialDate('2025-03-01', 'month', 'en')).toBe('March 2025');
    expect(formatPartialDate('2025-01-01', 'year', 'en')).toBe('2025');
    expect(formatPartialDate('2025-03-18', 'day', 'nl')).toBe('18 maart 2025');
    expect(formatPartialDate(null, null)).toBe('');
  });
  it('round-trips through the form field', () => {
    for (const input of ['2025-03-18', '2025-03', '2025']) {
      const parsed = parsePartialDate(input)!;
      expect(partialDateInput(parsed.on, parsed.precision)).toBe(input);
    }
  });
});
