import request from 'supertest';
import { useTestApp, type TestApp } from '../helpers/app';
import { addClaim } from '../helpers/claims';
import { controlTag, decode, fieldError, submittedFields, withFields } from '../helpers/desk';

let t: TestApp;
useTestApp((app) => (t = app), { signedInAs: 'editor' });

const claimForm = async (id: number) => (await request(t.app).get(`/desk/claims/${id}`).expect(200)).text;
const stored = (id: number) =>
  t.db.selectFrom('claim').select(['verdict', 'verdict_rationale', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
const corrections = (id: number) =>
  t.db
    .selectFrom('revision')
    .select('reason')
    .where('entity', '=', 'verdict')
    .where('entity_id', '=', id)
    .where('public_correction', '=', 1)
    .execute();

async function publishedClaim() {
  return addClaim(t.db, 'kremlin', { text: 'The pause on energy strikes holds.', verdict: 'true', verdict_rationale: 'Nothing was hit.' });
}

describe('the reason for a correction', () => {
  it('is asked for on the desk form of a published claim only', async () => {
    const published = await publishedClaim();
    expect(controlTag(await claimForm(published.id), 'f-correction_reason')).toMatch(/^<textarea/);
    const draft = await addClaim(t.db, 'kremlin', { state: 'draft' });
    expect(controlTag(await claimForm(draft.id), 'f-correction_reason')).toBeNull();
    expect(controlTag((await request(t.app).get('/desk/claims/new').expect(200)).text, 'f-correction_reason')).toBeNull();
  });

  it('is required to change a published verdict: the form comes back naming the field, with what was typed, and nothing is saved', async () => {
    const claim = await publishedClaim();
    const fields = submittedFields(await claimForm(claim.id), 'record');
    const refused = await request(t.app)
      .post(`/desk/claims/${claim.id}`)
      .type('form')
      .send(withFields(fields, { verdict: 'false', text: 'The pause on energy strikes held for a week.' }))
      .expect(422);
    expect(fieldError(refused.text, 'f-correction_reason')).toContain('Give the reason for this correction');
    expect(refused.text).toContain('The pause on energy strikes held for a week.');
    expect(await stored(claim.id)).toMatchObject({ verdict: 'true', version: 1 });
    expect(await corrections(claim.id)).toEqual([]);

    const nl = await request(t.app)
      .post(`/desk/claims/${claim.id}?lang=nl`)
      .type('form')
      .send(withFields(fields, { verdict: 'false' }))
      .expect(422);
    expect(fieldError(nl.text, 'f-correction_reason')).toContain('Geef de reden voor deze correctie');
  });

  it("is asked for together with the form's other problems, not only after they are fixed", async () => {
    const claim = await addClaim(t.db, 'kremlin', { text: 'Unrated, published.' });
    const fields = submittedFields(await claimForm(claim.id), 'record');
    const refused = await request(t.app)
      .post(`/desk/claims/${claim.id}`)
      .type('form')
      .send(withFields(fields, { verdict: 'false', verdict_rationale: '' }))
      .expect(422);
    expect(fieldError(refused.text, 'f-verdict_rationale')).not.toBeNull();
    expect(fieldError(refused.text, 'f-correction_reason')).toContain('Give the reason for this correction');
  });

  it('keeps the rationale as the rationale and puts the reason in the corrections log and on the claim page', async () => {
    const claim = await publishedClaim();
    const fields = submittedFields(await claimForm(claim.id), 'record');
    await request(t.app)
      .post(`/desk/claims/${claim.id}`)
      .type('form')
      .send(withFields(fields, { verdict: 'false', correction_reason: 'Strikes <b>resumed</b> the next day.' }))
      .expect(303);
    // The rationale did not have to change, and did not.
    expect(await stored(claim.id)).toMatchObject({ verdict: 'false', verdict_rationale: 'Nothing was hit.', version: 2 });
    expect(await corrections(claim.id)).toEqual([{ reason: 'Strikes <b>resumed</b> the next day.' }]);
    const log = await request(t.app).get('/corrections').expect(200);
    expect(log.text).toContain('Strikes &lt;b&gt;resumed&lt;/b&gt; the next day.');
    const page = await request(t.app).get(`/claims/${claim.id}`).expect(200);
    const own = page.text.slice(page.text.indexOf('id="corrections"'));
    expect(decode(own)).toContain('Strikes <b>resumed</b> the next day.');
    // Not asked for when the verdict stays: other edits of a published claim save as before.
    await request(t.app)
      .post(`/desk/claims/${claim.id}`)
      .type('form')
      .send(withFields(submittedFields(await claimForm(claim.id), 'record'), { said_where: 'Moscow' }))
      .expect(303);
  });

  it('is the API field correction_reason, with the same rule and a 422 naming it', async () => {
    const claim = await publishedClaim();
    const body = {
      claimant_id: claim.claimant_id,
      text: claim.text,
      verdict: 'false',
      verdict_rationale: 'Nothing was hit.',
      state: 'published',
    };
    const refused = await request(t.app)
      .put(`/api/v1/claims/${claim.id}`)
      .send({ ...body, version: 1 })
      .expect(422);
    expect(refused.body.error.code).toBe('invalid');
    expect(Object.keys(refused.body.error.fields)).toEqual(['correction_reason']);
    expect(refused.body.error.fields.correction_reason).toContain('reason for this correction');
    expect(await stored(claim.id)).toMatchObject({ verdict: 'true', version: 1 });
    await request(t.app)
      .put(`/api/v1/claims/${claim.id}`)
      .send({ ...body, version: 1, correction_reason: 'The ministry published the minutes.' })
      .expect(200);
    expect(await corrections(claim.id)).toEqual([{ reason: 'The ministry published the minutes.' }]);
    const openapi = await request(t.app).get('/api/v1/openapi.json').expect(200);
    expect(JSON.stringify(openapi.body)).toContain('correction_reason');
  });
});
