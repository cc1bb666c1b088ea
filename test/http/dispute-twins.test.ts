import request from 'supertest';
import { insertLink } from '../../src/claims/link.repository';
import { useTestApp, type TestApp } from '../helpers/app';
import { addClaim } from '../helpers/claims';
import { decode, fieldError, postForm, rowCounts } from '../helpers/desk';

let t: TestApp;
useTestApp((app) => (t = app), { signedInAs: 'editor' });

const firstDispute = () =>
  t.db.selectFrom('dispute').select(['id', 'slug', 'question', 'claim_a_id', 'claim_b_id']).orderBy('id').executeTakeFirstOrThrow();

const disputeBody = (a: number, b: number) => ({
  question: 'Did the call cover military aid, again?',
  status: 'open',
  state: 'draft',
  claim_a: `#${a}`,
  claim_b: `#${b}`,
});

describe('no second dispute over the same two claims', () => {
  it('is refused on the desk, in either order, with a link to the first; nothing is saved', async () => {
    const first = await firstDispute();
    const before = await rowCounts(t.db);
    const res = await postForm(t.app, '/desk/disputes/new', disputeBody(first.claim_b_id, first.claim_a_id)).expect(422);
    expect(fieldError(res.text, 'f-claim_b')).toBe(
      `These two claims are already framed as a dispute: “${first.question}”. Edit that dispute instead of making a second one.`,
    );
    expect(res.text).toContain(`<a href="/desk/disputes/${first.id}">Open the dispute`);
    expect(await rowCounts(t.db)).toEqual(before);
    // In Dutch too.
    const nl = await postForm(t.app, '/desk/disputes/new?lang=nl', disputeBody(first.claim_a_id, first.claim_b_id)).expect(422);
    expect(decode(fieldError(nl.text, 'f-claim_b') ?? '')).toContain('Deze twee beweringen vormen al een geschil');
  });

  it('is refused on the desk when an edit would turn another dispute into a twin', async () => {
    const first = await firstDispute();
    const other = await t.db.selectFrom('dispute').selectAll().where('id', '<>', first.id).executeTakeFirstOrThrow();
    const res = await postForm(t.app, `/desk/disputes/${other.id}`, {
      ...disputeBody(first.claim_a_id, first.claim_b_id),
      question: other.question,
      version: String(other.version),
    }).expect(422);
    expect(fieldError(res.text, 'f-claim_b')).toContain('already framed as a dispute');
    expect((await t.db.selectFrom('dispute').select('claim_a_id').where('id', '=', other.id).executeTakeFirstOrThrow()).claim_a_id).toBe(
      other.claim_a_id,
    );
    // Saving a dispute over its own pair (sides swapped) is not a twin of itself.
    await postForm(t.app, `/desk/disputes/${first.id}`, {
      ...disputeBody(first.claim_b_id, first.claim_a_id),
      question: first.question,
      version: String((await t.db.selectFrom('dispute').select('version').where('id', '=', first.id).executeTakeFirstOrThrow()).version),
    }).expect(303);
  });

  it('is a 409 on the API that names the existing dispute, in the usual error shape', async () => {
    const first = await firstDispute();
    const res = await request(t.app).post('/api/v1/disputes').send(disputeBody(first.claim_b_id, first.claim_a_id)).expect(409);
    expect(res.body.error.code).toBe('duplicate_dispute');
    expect(res.body.error.message).toContain(first.question);
    expect(Object.keys(res.body.error.fields)).toEqual(['claim_b']);
    expect(res.body.existing).toEqual({
      id: first.id,
      slug: first.slug,
      question: first.question,
      url: `http://gainsay.test/disputes/${first.slug}`,
    });
    const other = await t.db.selectFrom('dispute').selectAll().where('id', '<>', first.id).executeTakeFirstOrThrow();
    const put = await request(t.app)
      .put(`/api/v1/disputes/${other.id}`)
      .send({ ...disputeBody(first.claim_a_id, first.claim_b_id), version: other.version })
      .expect(409);
    expect(put.body.existing.id).toBe(first.id);
  });
});

describe("the desk's claim page and its disputes", () => {
  it('lists the disputes the claim is in, linked, and offers "Frame as a dispute" only for pairs not yet framed', async () => {
    const first = await firstDispute();
    const fresh = await addClaim(t.db, 'kremlin', { text: 'A claim that contradicts side A.' });
    const linked = await t.db
      .selectFrom('claim_link')
      .select('id')
      .where('from_claim_id', 'in', [first.claim_a_id, first.claim_b_id])
      .where('to_claim_id', 'in', [first.claim_a_id, first.claim_b_id])
      .executeTakeFirst();
    if (!linked) await insertLink(t.db, { from_claim_id: first.claim_a_id, to_claim_id: first.claim_b_id, type: 'contradicts' });
    await insertLink(t.db, { from_claim_id: first.claim_a_id, to_claim_id: fresh.id, type: 'contradicts' });
    const page = (await request(t.app).get(`/desk/claims/${first.claim_a_id}`).expect(200)).text;
    const section = page.slice(page.indexOf('id="disputes"'), page.indexOf('</section>', page.indexOf('id="disputes"')));
    expect(section).toContain(`<a href="/desk/disputes/${first.id}">`);
    expect(decode(section)).toContain(first.question);
    expect(decode(page)).not.toContain(`/desk/disputes/new?a=${first.claim_a_id}&b=${first.claim_b_id}"`);
    expect(decode(page)).toContain(`/desk/disputes/new?a=${first.claim_a_id}&b=${fresh.id}"`);
    expect(page).toContain('Framed as a dispute');

    const lonely = await addClaim(t.db, 'kremlin', { text: 'Nobody disputes this yet.' });
    const none = (await request(t.app).get(`/desk/claims/${lonely.id}?lang=nl`).expect(200)).text;
    expect(none).toContain('Deze bewering is nog geen kant van een geschil.');
  });
});
