import type { Db } from '../../src/db/connection';
import { insertClaim, type ClaimInput } from '../../src/claims/claim.repository';
import { insertLink } from '../../src/claims/link.repository';
import type { Audit } from '../../src/editorial/revision.repository';

/** Adds a published claim by a seed claimant (by slug), with optional overrides (and who created it, with `audit`). */
export async function addClaim(db: Db, claimantSlug: string, overrides: Partial<ClaimInput> = {}, audit?: Audit) {
  const claimant = await db.selectFrom('claimant').select('id').where('slug', '=', claimantSlug).executeTakeFirstOrThrow();
  return insertClaim(
    db,
    {
      claimant_id: claimant.id,
      text: 'A test claim',
      kind: 'statement',
      verdict: 'unverified',
      state: 'published',
      said_on: '2025-03-20',
      said_precision: 'day',
      topics: [],
      citations: [],
      ...overrides,
    },
    audit,
  );
}

/** Adds `count` claims that support `claimId`, each with `citations` citations of the seed sources. */
export async function addSupporters(db: Db, claimId: number, count: number, citations = 2) {
  const sources = await db.selectFrom('source').select('id').execute();
  for (let i = 0; i < count; i++) {
    const claim = await addClaim(db, 'government-of-ukraine', {
      text: `Supporting statement ${i}`,
      topics: ['ceasefire'],
      citations: Array.from({ length: citations }, (_, j) => ({
        source_id: sources[j % sources.length]!.id,
        role: j % 2 === 0 ? ('reported_by' as const) : ('evidence_for' as const),
        excerpt: `excerpt ${i}/${j}`,
      })),
    });
    await insertLink(db, { from_claim_id: claim.id, to_claim_id: claimId, type: 'supports' });
  }
}
