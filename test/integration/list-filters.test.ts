import { freshDatabase } from '../helpers/db';
import { claimFiltersSchema, filteredClaims, orderClaims, periodEnd } from '../../src/claims/claim-filter.repository';
import { filteredDisputes } from '../../src/disputes/dispute-filter.repository';
import type { Db } from '../../src/db/connection';

let db: Db;
beforeEach(async () => {
  ({ db } = await freshDatabase({ seed: true }));
});
afterEach(() => db.destroy());

async function claimTexts(params: Record<string, string>) {
  const filters = claimFiltersSchema.parse(params);
  const rows = await orderClaims(
    filteredClaims(db, filters, { publicOnly: true }).select(['c.id', 'c.text', 'p.name']),
    filters.sort,
  ).execute();
  return rows;
}

describe('claim list filters', () => {
  it('filters by claimant, topic, outlet, verdict and text', async () => {
    const trump = await claimTexts({ claimant: 'donald-trump' });
    expect(trump.length).toBeGreaterThan(0);
    expect(trump.every((r) => r.name === 'Donald Trump')).toBe(true);
    const fox = await claimTexts({ outlet: 'Fox News' });
    expect(fox.map((r) => r.name)).toContain('Donald Trump');
    const aid = await claimTexts({ topic: 'military-aid' });
    expect(aid.map((r) => r.name)).toEqual(expect.arrayContaining(['Kremlin', 'Donald Trump']));
    const opinion = await claimTexts({ verdict: 'opinion' });
    expect(opinion.length).toBeGreaterThan(0);
    const search = await claimTexts({ q: 'oekraine' });
    expect(search.length).toBeGreaterThan(0);
    expect(await claimTexts({ claimant: 'nobody' })).toEqual([]);
  });

  it('treats from/to as whole periods', async () => {
    expect(periodEnd({ on: '2025-03-01', precision: 'month' })).toBe('2025-04-01');
    expect(periodEnd({ on: '2024-12-31', precision: 'day' })).toBe('2025-01-01');
    expect(periodEnd({ on: '2025-01-01', precision: 'year' })).toBe('2026-01-01');
    const feb = await claimTexts({ from: '2025-02', to: '2025-02' });
    expect(feb.map((r) => r.name)).toEqual(['Volodymyr Zelensky']);
    const march18 = await claimTexts({ from: '2025-03-18', to: '2025-03-18' });
    expect(march18.length).toBeGreaterThan(0);
  });

  it('rejects bad parameters with a message naming them', () => {
    const result = claimFiltersSchema.safeParse({ from: 'yesterday', page: '0', sort: 'random' });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((i) => i.path[0]);
    expect(fields).toEqual(expect.arrayContaining(['from', 'page', 'sort']));
  });

  it('hides drafts from readers', async () => {
    await db.updateTable('claim').set({ state: 'draft' }).execute();
    expect(await claimTexts({})).toEqual([]);
  });
});

describe('dispute list filters', () => {
  it('matches a dispute through either side, and by its question', async () => {
    const byClaimant = await filteredDisputes(db, claimFiltersSchema.parse({ claimant: 'donald-trump' }), { publicOnly: true })
      .select('d.question')
      .execute();
    expect(byClaimant.map((d) => d.question).join('\n')).toMatch(/military aid/i);
    const byText = await filteredDisputes(db, claimFiltersSchema.parse({ q: 'good faith' }), { publicOnly: true })
      .select('d.question')
      .execute();
    expect(byText.map((d) => d.question)).toEqual(['Does Putin act in good faith?']);
  });
});

describe('list parameters read strictly', () => {
  it.each(['0x10', '1e2', '2.5', 'two'])('refuses page=%s', (page) => {
    expect(claimFiltersSchema.safeParse({ page }).success).toBe(false);
  });
  it('treats a blank date like a missing one, and a repeated one by its first value', () => {
    expect(claimFiltersSchema.parse({ from: ' ', to: '', page: ' 2 ' })).toMatchObject({ from: undefined, to: undefined, page: 2 });
    expect(claimFiltersSchema.parse({ from: ['2025-03', '1999'] }).from).toBe('2025-03');
  });
});
