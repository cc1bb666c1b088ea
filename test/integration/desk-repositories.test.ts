import {
  findClaimantByName,
  findOrCreateClaimant,
  insertClaimant,
  listClaimantsForDesk,
  updateClaimant,
} from '../../src/claimants/claimant.repository';
import { insertClaim, type ClaimInput } from '../../src/claims/claim.repository';
import type { Db } from '../../src/db/connection';
import { countDeskRecords } from '../../src/desk-home/desk-home.repository';
import { RuleViolation } from '../../src/domain/errors';
import { insertSource, listSourcesForDesk } from '../../src/sources/source.repository';
import { freshDatabase } from '../helpers/db';

let db: Db;
beforeEach(async () => {
  ({ db } = await freshDatabase());
});
afterEach(async () => {
  await db.destroy();
});

async function rejection(promise: Promise<unknown>): Promise<RuleViolation> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RuleViolation);
  return err as RuleViolation;
}

describe('claimant repository', () => {
  it('finds a claimant by name in any case, also beyond ASCII', async () => {
    const kremlin = await insertClaimant(db, { name: 'Kremlin', kind: 'government' });
    const rail = await insertClaimant(db, { name: 'Укрзалізниця', kind: 'organisation' });
    const elysee = await insertClaimant(db, { name: 'Élysée', kind: 'government' });
    expect((await findClaimantByName(db, '  KREMLIN '))?.id).toBe(kremlin.id);
    expect((await findClaimantByName(db, 'укрзалізниця'))?.id).toBe(rail.id);
    expect((await findClaimantByName(db, 'ÉLYSÉE'))?.id).toBe(elysee.id);
    expect((await findClaimantByName(db, 'E\u0301lyse\u0301e'))?.id).toBe(elysee.id);
    expect(await findClaimantByName(db, 'Elysee')).toBeUndefined();
    expect(await findClaimantByName(db, 'Kremlin', kremlin.id)).toBeUndefined();
  });

  it('stores names trimmed and composed, and finds names whose lower case is longer (İ)', async () => {
    const emile = await insertClaimant(db, { name: ' E\u0301mile Dupont ', kind: 'person' });
    expect(emile.name).toBe('Émile Dupont');
    expect((await findClaimantByName(db, 'ÉMILE DUPONT'))?.id).toBe(emile.id);
    const aliyev = await insertClaimant(db, { name: 'İlham Aliyev', kind: 'person' });
    expect((await findClaimantByName(db, 'İlham Aliyev'))?.id).toBe(aliyev.id);
    expect((await findClaimantByName(db, 'İLHAM ALIYEV'))?.id).toBe(aliyev.id);
    expect((await rejection(insertClaimant(db, { name: 'İlham Aliyev', kind: 'person' }))).field).toBe('name');
  });

  it('refuses a twin on insert and on rename, but lets a claimant keep its own name', async () => {
    const kremlin = await insertClaimant(db, { name: 'Kremlin', kind: 'government' });
    const trump = await insertClaimant(db, { name: 'Donald Trump', kind: 'person' });
    expect((await rejection(insertClaimant(db, { name: 'kremlin', kind: 'other' }))).field).toBe('name');
    expect((await rejection(updateClaimant(db, trump.id, { name: 'KREMLIN', kind: 'person' }))).field).toBe('name');
    await expect(updateClaimant(db, kremlin.id, { name: 'kremlin', kind: 'government' })).resolves.toMatchObject({ name: 'kremlin' });
  });

  it('finds or creates a claimant', async () => {
    const kremlin = await insertClaimant(db, { name: 'Kremlin', kind: 'government' });
    expect((await findOrCreateClaimant(db, { name: 'kremlin', kind: 'person' })).id).toBe(kremlin.id);
    const created = await findOrCreateClaimant(db, { name: 'Dmitry Peskov', kind: 'person' });
    expect(created).toMatchObject({ name: 'Dmitry Peskov', slug: 'dmitry-peskov', kind: 'person' });
  });
});

describe('claim repository: references', () => {
  async function base(): Promise<ClaimInput> {
    const claimant = await insertClaimant(db, { name: 'Kremlin', kind: 'government' });
    const source = await insertSource(db, { outlet: 'Fox News', title: 'Interview' });
    return {
      claimant_id: claimant.id,
      text: 'x',
      kind: 'statement',
      verdict: 'unverified',
      state: 'draft',
      topics: ['Aid'],
      citations: [{ source_id: source.id, role: 'made_in' }],
    };
  }

  it.each([
    ['an unknown claimant', (i: ClaimInput) => ({ ...i, claimant_id: 999 }), 'claimant_id'],
    ['an unknown verdict', (i: ClaimInput) => ({ ...i, verdict: 'banana' }), 'verdict'],
    [
      'an unknown source',
      (i: ClaimInput) => ({ ...i, citations: [...i.citations, { source_id: 999, role: 'reported_by' as const }] }),
      'citations.1.source_id',
    ],
  ])('refuses %s, naming the field, and a transaction leaves nothing behind', async (_what, change, field) => {
    const input = change(await base());
    const err = await rejection(db.transaction().execute((trx) => insertClaim(trx, input)));
    expect(err.field).toBe(field);
    expect(await db.selectFrom('claim').select('id').execute()).toEqual([]);
    expect(await db.selectFrom('topic').select('id').execute()).toEqual([]);
  });
});

describe('desk lists and counts', () => {
  it('count claims per claimant, citations per source, and records per kind', async () => {
    const kremlin = await insertClaimant(db, { name: 'Kremlin', kind: 'government' });
    await insertClaimant(db, { name: 'Nobody', kind: 'other' });
    const fox = await insertSource(db, { outlet: 'Fox News', title: 'Interview' });
    const claim = {
      claimant_id: kremlin.id,
      kind: 'statement',
      verdict: 'unverified',
      topics: [],
      citations: [{ source_id: fox.id, role: 'made_in' }],
    } as const;
    await insertClaim(db, { ...claim, text: 'one', state: 'draft' });
    await insertClaim(db, { ...claim, text: 'two', state: 'published' });
    const claimants = await listClaimantsForDesk(db);
    expect(claimants.map((c) => [c.name, c.claim_count])).toEqual([
      ['Nobody', 0],
      ['Kremlin', 2],
    ]);
    expect((await listSourcesForDesk(db)).map((s) => s.citation_count)).toEqual([2]);
    expect(await countDeskRecords(db)).toEqual({ claims: 2, draftClaims: 1, claimants: 2, sources: 1, disputes: 0, draftDisputes: 0 });
  });
});
