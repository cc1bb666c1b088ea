import type { ClaimCard } from '../../src/claims/claim-card.repository';
import { byStartOfPeriod, timelineRows } from '../../src/disputes/timeline';
import { readStatedDate, withPrecision } from '../../src/domain/partial-date';

const card = (id: number, said_on: string | null, said_precision: string | null = said_on ? 'day' : null) =>
  ({ id, said_on, said_precision }) as ClaimCard;

describe('the dispute timeline', () => {
  const claims = [
    card(1, '2025-02-19'),
    card(2, '2025-02-01', 'month'),
    card(3, '2025-01-31'),
    card(4, null),
    card(5, '2025-03-01'),
    card(6, '2025-02-28'),
    card(7, '2025-02-01'),
  ];

  it('orders by the start of each period, a period before the days it holds, undated last', () => {
    expect([...claims].sort(byStartOfPeriod).map((c) => c.id)).toEqual([3, 2, 7, 1, 6, 5, 4]);
  });

  it('puts a month’s claim and the claims dated within that month in one band', () => {
    const rows = timelineRows(
      [...claims].sort(byStartOfPeriod),
      (c) => (c.id % 2 ? 'a' : 'b'),
      () => false,
    );
    expect(rows.map((r) => ({ band: r.band?.on ?? null, ids: r.entries.map((e) => e.claim.id) }))).toEqual([
      { band: null, ids: [3] },
      { band: '2025-02-01', ids: [2, 7, 1, 6] },
      { band: null, ids: [5] },
      { band: null, ids: [4] },
    ]);
    expect(rows[1]!.band).toEqual({ on: '2025-02-01', precision: 'month' });
    expect(rows[1]!.entries.map((e) => e.period)).toEqual([true, false, false, false]);
  });

  it('a year holds its months and days', () => {
    const rows = timelineRows(
      [card(1, '2024-01-01', 'year'), card(2, '2024-06-01', 'month'), card(3, '2024-12-31'), card(4, '2025-01-01')],
      () => 'a',
      () => false,
    );
    expect(rows.map((r) => r.entries.length)).toEqual([3, 1]);
    expect(rows[0]!.band?.precision).toBe('year');
  });
});

describe('dates stated with a separate precision', () => {
  it('makes a date as coarse as its precision, never finer', () => {
    expect(withPrecision({ on: '2025-02-18', precision: 'day' }, 'month')).toEqual({ on: '2025-02-01', precision: 'month' });
    expect(withPrecision({ on: '2025-02-01', precision: 'month' }, 'year')).toEqual({ on: '2025-01-01', precision: 'year' });
    expect(withPrecision({ on: '2025-02-01', precision: 'month' }, 'day')).toBeNull();
  });

  it('reads what files hold: a date, an optional precision; undefined when either is bad', () => {
    expect(readStatedDate('2025-02', undefined)).toEqual({ on: '2025-02-01', precision: 'month' });
    expect(readStatedDate('2025-02-01', 'month')).toEqual({ on: '2025-02-01', precision: 'month' });
    expect(readStatedDate(null, null)).toBeNull();
    expect(readStatedDate(null, 'month')).toBeUndefined();
    expect(readStatedDate('2025-02', 'week')).toBeUndefined();
    expect(readStatedDate('2025-02-30', undefined)).toBeUndefined();
    expect(readStatedDate(20250201, undefined)).toBeUndefined();
  });
});
