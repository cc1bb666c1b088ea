import request from 'supertest';
import { paths } from '../../src/http/urls';
import { useTestApp, type TestApp } from '../helpers/app';
import { unlabelledControls } from '../helpers/desk';

let t: TestApp;
useTestApp((app) => (t = app), { signedInAs: 'editor' });

async function firstId(table: 'claim' | 'claimant' | 'source' | 'dispute'): Promise<number> {
  return (await t.db.selectFrom(table).select('id').orderBy('id').executeTakeFirstOrThrow()).id;
}

describe('desk: home and pages', () => {
  it('shows counts, links to every list and a "New claim" button', async () => {
    const res = await request(t.app).get('/desk').expect(200);
    const claims = await t.db
      .selectFrom('claim')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(res.text).toContain(`<td>${claims.n} (0 draft)</td>`);
    for (const list of [paths.deskClaims(), paths.deskClaimants(), paths.deskSources(), paths.deskDisputes()]) {
      expect(res.text).toContain(`href="${list}"`);
    }
    expect(res.text).toContain(`<a class="button" href="${paths.deskNewClaim()}">New claim</a>`);
  });

  it('renders every desk page with one <h1>, a label for every control, and POST-only forms', async () => {
    const urls = [
      paths.desk(),
      paths.deskClaims(),
      paths.deskNewClaim(),
      paths.deskClaim(await firstId('claim')),
      paths.deskClaimants(),
      paths.deskNewClaimant(),
      paths.deskClaimant(await firstId('claimant')),
      paths.deskSources(),
      paths.deskNewSource(),
      paths.deskSource(await firstId('source')),
      paths.deskDisputes(),
      paths.deskNewDispute(),
      paths.deskDispute(await firstId('dispute')),
    ];
    for (const url of urls) {
      const res = await request(t.app).get(url).expect(200);
      expect(res.type).toBe('text/html');
      expect(res.text.match(/<h1>/g)).toHaveLength(1);
      expect(unlabelledControls(res.text)).toEqual([]);
      const main = /<main\b[\s\S]*<\/main>/.exec(res.text)![0];
      for (const tag of main.match(/<form\b[^>]*>/g) ?? []) expect(tag).toContain('method="post"');
      // Every citation row is a fieldset with a legend.
      expect(res.text.match(/<fieldset\b/g)?.length ?? 0).toBe(res.text.match(/<legend>/g)?.length ?? 0);
    }
  });

  it('answers 404 (never 500) for ids that are not numbers or do not exist', async () => {
    const bad = ['abc', '0', '-1', '1.5', '1e3', '99999999', '123456789012345678901234567890', '%00'];
    for (const kind of ['claims', 'claimants', 'sources', 'disputes']) {
      for (const id of bad) {
        await request(t.app).get(`/desk/${kind}/${id}`).expect(404);
        await request(t.app).post(`/desk/${kind}/${id}`).type('form').send('x=1').expect(404);
        await request(t.app).post(`/desk/${kind}/${id}/delete`).expect(404);
      }
    }
    const claim = await firstId('claim');
    await request(t.app).post(`/desk/claims/abc/links`).expect(404);
    await request(t.app).post(`/desk/claims/${claim}/links/abc/delete`).expect(404);
    await request(t.app).post(`/desk/claims/${claim}/links/99999999/delete`).expect(404);
    const res = await request(t.app).get('/desk/claims/abc').expect(404);
    expect(res.text).toContain('There is no such claim.');
  });

  it('shows only known flash messages, never text from the URL', async () => {
    const res = await request(t.app).get('/desk/claims?saved=1&msg=%3Cb%3Ehi').expect(200);
    expect(res.text).toContain('<p class="flash" role="status">Saved.</p>');
    expect(res.text).not.toContain('<b>hi');
  });
});

describe('action URLs opened with GET', () => {
  it('lead back to the record instead of a 404', async () => {
    const { testApp: makeApp } = jest.requireActual<typeof import('../helpers/app')>('../helpers/app');
    const s = await makeApp({ signedInAs: 'editor' });
    const claim = await s.db.selectFrom('claim').select('id').executeTakeFirstOrThrow();
    const source = await s.db.selectFrom('source').select('id').executeTakeFirstOrThrow();
    for (const [path, to] of [
      [`/desk/claims/${claim.id}/delete`, `/desk/claims/${claim.id}`],
      [`/desk/claims/${claim.id}/links`, `/desk/claims/${claim.id}`],
      [`/desk/claims/${claim.id}/links/1/delete`, `/desk/claims/${claim.id}`],
      [`/desk/sources/${source.id}/delete`, `/desk/sources/${source.id}`],
    ]) {
      const res = await request(s.app).get(path!).expect(303);
      expect(res.headers.location).toBe(to);
    }
    await request(s.app).get('/desk/widgets/1/delete').expect(404);
    await s.db.destroy();
  });
});

it('refuses JSON posted to a desk form with 415, pointing to the API', async () => {
  const { testApp: makeApp } = jest.requireActual<typeof import('../helpers/app')>('../helpers/app');
  const s = await makeApp({ signedInAs: 'editor' });
  const before = await s.db
    .selectFrom('claim')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const res = await request(s.app)
    .post('/desk/claims/new')
    .send({ text: 'hi', claimant_id: 1, citations: [{ source_id: 1, role: 'made_in' }] });
  expect(res.status).toBe(415);
  expect(res.text).toContain('/api/v1');
  const after = await s.db
    .selectFrom('claim')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  expect(after.n).toBe(before.n);
  await s.db.destroy();
});
