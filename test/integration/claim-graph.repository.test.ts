import { freshDatabase, testEngine } from '../helpers/db';
import type { Db } from '../../src/db/connection';
import { insertClaimant, deleteClaimant, findClaimantByName } from '../../src/claimants/claimant.repository';
import { insertClaim, updateClaim, deleteClaim, findClaimById, type ClaimInput } from '../../src/claims/claim.repository';
import { insertLink } from '../../src/claims/link.repository';
import { insertDispute, findDisputeById } from '../../src/disputes/dispute.repository';
import { insertSource, deleteSource } from '../../src/sources/source.repository';
import { loadClaimCards } from '../../src/claims/claim-card.repository';
import { RuleViolation, VersionConflict } from '../../src/domain/errors';

let db: Db;
beforeEach(async () => {
  ({ db } = await freshDatabase());
});
afterEach(() => db.destroy());

async function twoClaims() {
  const kremlin = await insertClaimant(db, { name: 'Kremlin', kind: 'government' });
  const trump = await insertClaimant(db, { name: 'Donald Trump', kind: 'person' });
  const source = await insertSource(db, { outlet: 'Fox News', title: 'Interview' });
  const base: Omit<ClaimInput, 'claimant_id' | 'text'> = {
    kind: 'statement',
    verdict: 'unverified',
    state: 'published',
    topics: ['Military aid'],
    citations: [],
  };
  const a = await insertClaim(db, { ...base, claimant_id: kremlin.id, text: 'Putin asked to stop aid.' });
  const b = await insertClaim(db, {
    ...base,
    claimant_id: trump.id,
    text: 'Aid was not discussed.',
    said_on: '2025-03-01',
    said_precision: 'month',
    citations: [
      { source_id: source.id, role: 'made_in' },
      { source_id: source.id, role: 'made_in' },
    ],
  });
  return { kremlin, trump, source, a, b };
}

describe('claim graph repositories', () => {
  it('stores claims with topics and de-duplicated citations', async () => {
    const { b, source } = await twoClaims();
    const [card] = await loadClaimCards(db, [b.id]);
    expect(card!.topics).toEqual([{ slug: 'military-aid', name: 'Military aid' }]);
    expect(card!.citations).toHaveLength(1);
    expect(card!.citations[0]).toMatchObject({ source_id: source.id, role: 'made_in', outlet: 'Fox News' });
    expect(await findClaimantByName(db, '  KREMLIN ')).toMatchObject({ slug: 'kremlin' });
  });

  it('refuses self-links and duplicate links, in both directions for "contradicts"', async () => {
    const { a, b } = await twoClaims();
    await expect(insertLink(db, { from_claim_id: a.id, to_claim_id: a.id, type: 'contradicts' })).rejects.toThrow(RuleViolation);
    await insertLink(db, { from_claim_id: a.id, to_claim_id: b.id, type: 'contradicts' });
    await expect(insertLink(db, { from_claim_id: a.id, to_claim_id: b.id, type: 'contradicts' })).rejects.toThrow(/already linked/);
    await expect(insertLink(db, { from_claim_id: b.id, to_claim_id: a.id, type: 'contradicts' })).rejects.toThrow(/already linked/);
    // "supports" has a direction: the reverse is a different statement.
    await insertLink(db, { from_claim_id: a.id, to_claim_id: b.id, type: 'supports' });
    await insertLink(db, { from_claim_id: b.id, to_claim_id: a.id, type: 'supports' });
  });

  it('refuses deletes that would orphan what depends on the record, with an explanation', async () => {
    const { a, b, kremlin, source } = await twoClaims();
    const dispute = await insertDispute(db, {
      question: 'Did Putin ask Trump to stop aid?',
      status: 'open',
      state: 'published',
      claim_a_id: a.id,
      claim_b_id: b.id,
    });
    expect(dispute.slug).toBe('did-putin-ask-trump-to-stop-aid');
    await expect(deleteClaim(db, a.id)).rejects.toThrow(/side of 1 dispute/);
    await expect(deleteClaimant(db, kremlin.id)).rejects.toThrow(/1 claim\(s\) are attributed/);
    await expect(deleteSource(db, source.id)).rejects.toThrow(/citation\(s\) rely on it/);
    expect(await findDisputeById(db, dispute.id)).toBeDefined();
  });

  it('numbers slugs that are taken', async () => {
    const { a, b } = await twoClaims();
    const input = { question: 'Who is right?', status: 'open' as const, state: 'draft' as const, claim_a_id: a.id, claim_b_id: b.id };
    expect((await insertDispute(db, input)).slug).toBe('who-is-right');
    expect((await insertDispute(db, input)).slug).toBe('who-is-right-2');
    await expect(insertDispute(db, { ...input, slug: 'who-is-right' })).rejects.toThrow(/already used/);
    await expect(insertDispute(db, { ...input, claim_b_id: a.id })).rejects.toThrow(/different claims/);
  });

  it('refuses an edit made from an older version', async () => {
    const { a, kremlin } = await twoClaims();
    const input: ClaimInput = {
      claimant_id: kremlin.id,
      text: 'Edited once',
      kind: 'statement',
      verdict: 'unverified',
      state: 'published',
      topics: [],
      citations: [],
    };
    const saved = await updateClaim(db, a.id, 1, input);
    expect(saved.version).toBe(2);
    await expect(updateClaim(db, a.id, 1, { ...input, text: 'Edited from a stale copy' })).rejects.toThrow(VersionConflict);
    expect((await findClaimById(db, a.id))!.text).toBe('Edited once');
  });

  it('keeps a verdict without rationale out at the database level too', async () => {
    const { a } = await twoClaims();
    // Matched by code: errors from the native driver come from another realm than jest's Error.
    await expect(db.updateTable('claim').set({ verdict: 'false' }).where('id', '=', a.id).execute()).rejects.toMatchObject({
      code: testEngine === 'postgres' ? '23514' : 'SQLITE_CONSTRAINT_CHECK', // check_violation
    });
  });

  it('rolls back everything when a transaction fails half-way', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await insertClaimant(trx, { name: 'Half-saved', kind: 'person' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await findClaimantByName(db, 'Half-saved')).toBeUndefined();
  });
});
