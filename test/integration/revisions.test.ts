import { addClaim } from '../helpers/claims';
import request from 'supertest';
import { claimSnapshot, deleteClaim, insertClaim, updateClaim, type ClaimInput } from '../../src/claims/claim.repository';
import { deleteLink, insertLink } from '../../src/claims/link.repository';
import { deleteDispute, insertDispute, updateDispute } from '../../src/disputes/dispute.repository';
import { listClaimHistory, listCorrections } from '../../src/editorial/revision.repository';
import { useTestApp, type TestApp } from '../helpers/app';
import { createUser, loginAs } from '../helpers/auth';
import { runBehindTheApp } from '../helpers/db';

let t: TestApp;
useTestApp((app) => (t = app));

async function inputOf(id: number): Promise<ClaimInput> {
  const s = (await claimSnapshot(t.db, id))!;
  return {
    claimant_id: s.claimant_id,
    text: s.text,
    quote: s.quote,
    quote_language: s.quote_language,
    said_on: s.said_on,
    said_precision: s.said_precision as ClaimInput['said_precision'],
    said_where: s.said_where,
    kind: s.kind as ClaimInput['kind'],
    review_due_on: s.review_due_on,
    verdict: s.verdict,
    verdict_rationale: s.verdict_rationale,
    state: s.state as ClaimInput['state'],
    topics: s.topics,
    citations: s.citations.map((c) => ({ source_id: c.source_id, role: c.role as 'made_in', excerpt: c.excerpt })),
  };
}

describe('revision history', () => {
  it('records create, update and delete of a claim with before and after, its citations and topics, in the same transaction', async () => {
    const editor = await createUser(t.db, 'editor');
    const claimant = await t.db.selectFrom('claimant').select('id').executeTakeFirstOrThrow();
    const source = await t.db.selectFrom('source').select('id').executeTakeFirstOrThrow();
    const claim = await t.db.transaction().execute((trx) =>
      insertClaim(
        trx,
        {
          claimant_id: claimant.id,
          text: 'The grid is fine.',
          kind: 'statement',
          verdict: 'unverified',
          state: 'draft',
          topics: ['Energy'],
          citations: [{ source_id: source.id, role: 'made_in' }],
        },
        { actorId: editor.id },
      ),
    );
    const input = await inputOf(claim.id);
    await t.db
      .transaction()
      .execute((trx) =>
        updateClaim(
          trx,
          claim.id,
          1,
          { ...input, text: 'The grid is mostly fine.', citations: [] },
          { actorId: editor.id, reason: 'Tighter wording' },
        ),
      );
    const history = await listClaimHistory(t.db, claim.id);
    const claimRevs = history.filter((r) => r.entity === 'claim');
    expect(claimRevs.map((r) => r.action)).toEqual(['update', 'create']);
    expect(claimRevs[0]!.before!.text).toBe('The grid is fine.');
    expect(claimRevs[0]!.after!.text).toBe('The grid is mostly fine.');
    expect(claimRevs[0]!.after!.topics).toEqual(['Energy']);
    expect(claimRevs[0]!.reason).toBe('Tighter wording');
    expect(claimRevs[0]!.actor_name).toBe('Editor Person');
    expect(history.filter((r) => r.entity === 'citation').map((r) => r.action)).toEqual(['delete', 'create']);

    // A failed update (version conflict) writes no revision: it is rolled back with the change.
    await expect(t.db.transaction().execute((trx) => updateClaim(trx, claim.id, 1, input))).rejects.toThrow('changed by someone else');
    expect(await listClaimHistory(t.db, claim.id)).toHaveLength(history.length);

    await t.db.transaction().execute((trx) => deleteClaim(trx, claim.id));
    const afterDelete = await listClaimHistory(t.db, claim.id);
    expect(afterDelete[0]!.action).toBe('delete');
    expect(afterDelete[0]!.actor_name).toBeNull();
  });

  it('is append-only', async () => {
    const claim = await t.db.selectFrom('claim').select('id').executeTakeFirstOrThrow();
    const input = await inputOf(claim.id);
    await t.db.transaction().execute((trx) => updateClaim(trx, claim.id, 1, input));
    expect(await t.db.selectFrom('revision').select('id').execute()).not.toHaveLength(0);
    await expect(runBehindTheApp(t, `update revision set reason = 'x'`)).rejects.toMatchObject({
      message: expect.stringContaining('append-only'),
    });
    await expect(runBehindTheApp(t, 'delete from revision')).rejects.toMatchObject({ message: expect.stringContaining('append-only') });
  });

  it('records links and disputes', async () => {
    // Two claims no dispute frames yet: one dispute per pair of claims.
    const [a, b] = [await addClaim(t.db, 'kremlin', { text: 'First' }), await addClaim(t.db, 'kremlin', { text: 'Second' })];
    const link = await t.db.transaction().execute((trx) => insertLink(trx, { from_claim_id: a.id, to_claim_id: b.id, type: 'repeats' }));
    await t.db.transaction().execute((trx) => deleteLink(trx, link.id));
    const history = await listClaimHistory(t.db, b.id);
    expect(history.filter((r) => r.entity === 'link' && r.entity_id === link.id).map((r) => r.action)).toEqual(['delete', 'create']);

    const d = await t.db
      .transaction()
      .execute((trx) => insertDispute(trx, { question: 'Is it?', status: 'open', state: 'draft', claim_a_id: a.id, claim_b_id: b.id }));
    await t.db
      .transaction()
      .execute((trx) =>
        updateDispute(trx, d.id, 1, { question: 'Is it really?', status: 'open', state: 'draft', claim_a_id: a.id, claim_b_id: b.id }),
      );
    await t.db.transaction().execute((trx) => deleteDispute(trx, d.id));
    const rows = await t.db
      .selectFrom('revision')
      .select(['action'])
      .where('entity', '=', 'dispute')
      .where('entity_id', '=', d.id)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(['create', 'update', 'delete']);
  });
});

describe('corrections log', () => {
  it('lists verdict changes of published claims, dated, with old and new verdict and the rationale; not drafts', async () => {
    const published = await t.db.selectFrom('claim').select(['id', 'text']).where('state', '=', 'published').executeTakeFirstOrThrow();
    const input = await inputOf(published.id);
    const current = (await claimSnapshot(t.db, published.id))!;
    await t.db
      .transaction()
      .execute((trx) =>
        updateClaim(
          trx,
          published.id,
          current.version,
          { ...input, verdict: 'false', verdict_rationale: 'The transcript shows otherwise.' },
          { actorId: null, reason: 'New transcript released' },
        ),
      );
    const draft = await t.db.selectFrom('claim').select('id').where('state', '=', 'draft').executeTakeFirst();
    if (draft) {
      const d = (await claimSnapshot(t.db, draft.id))!;
      const draftInput = await inputOf(draft.id);
      await t.db
        .transaction()
        .execute((trx) => updateClaim(trx, draft.id, d.version, { ...draftInput, verdict: 'true', verdict_rationale: 'x' }));
    }
    const corrections = await listCorrections(t.db);
    expect(corrections).toHaveLength(1);
    expect(corrections[0]!.after_verdict).toBe('false');
    expect(corrections[0]!.rationale).toBe('New transcript released');

    const page = await request(t.app).get('/corrections').expect(200);
    expect(page.text).toContain('New transcript released');
    expect(page.text).toContain('False');
    expect(page.text).toContain(published.text.replace(/'/g, '&#x27;').replace(/"/g, '&quot;'));
    const history = await request(t.app).get(`/claims/${published.id}/history`).expect(200);
    expect(history.text).toContain('New transcript released');
    expect(history.text).not.toContain('Editor Person');
  });

  it('does not show a draft claim’s history to readers, but shows it on the desk', async () => {
    const claim = await t.db.selectFrom('claim').select('id').executeTakeFirstOrThrow();
    await t.db.updateTable('claim').set({ state: 'draft' }).where('id', '=', claim.id).execute();
    await request(t.app).get(`/claims/${claim.id}/history`).expect(404);
    const { agent } = await loginAs(t, 'reporter');
    await agent.get(`/desk/claims/${claim.id}/history`).expect(200);
  });
});
