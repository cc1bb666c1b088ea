import request from 'supertest';
import { createApiToken } from '../../src/accounts/api-token.repository';
import { useTestApp, type TestApp } from '../helpers/app';
import { createUser, loginAs } from '../helpers/auth';

// Claimants, sources and links are public through the claims that use them: a reporter changes them
// only while no published claim does; an editor may.

let t: TestApp;
useTestApp((app) => (t = app));

async function bearer(role: 'reporter' | 'editor') {
  const user = await createUser(t.db, role, `${role}-token@example.test`);
  const { token } = await createApiToken(t.db, user.id, 'script');
  return { Authorization: `Bearer ${token}` };
}

async function seedIds() {
  const fox = await t.db.selectFrom('source').selectAll().where('outlet', '=', 'Fox News').executeTakeFirstOrThrow();
  const kremlin = await t.db.selectFrom('claimant').selectAll().where('slug', '=', 'kremlin').executeTakeFirstOrThrow();
  const [a, b] = await t.db.selectFrom('claim').select('id').where('state', '=', 'published').orderBy('id').limit(2).execute();
  return { fox, kremlin, a: a!.id, b: b!.id };
}

it('refuses a reporter’s token changes to sources, claimants and links that published claims use', async () => {
  const { fox, kremlin, a, b } = await seedIds();
  const auth = await bearer('reporter');
  const put = await request(t.app)
    .put(`/api/v1/sources/${fox.id}`)
    .set(auth)
    .send({ outlet: 'Fox News', title: 'Changed', url: 'https://evil.example/phish' });
  expect([put.status, put.body.error?.code]).toEqual([403, 'editorial_rule']);
  const rename = await request(t.app).put(`/api/v1/claimants/${kremlin.id}`).set(auth).send({ name: 'Renamed', kind: 'government' });
  expect(rename.status).toBe(403);
  const link = await request(t.app).post('/api/v1/links').set(auth).send({ from_claim: b, to_claim: a, type: 'supports' });
  expect(link.status).toBe(403);
  const existing = await t.db.selectFrom('claim_link').select('id').executeTakeFirstOrThrow();
  expect((await request(t.app).delete(`/api/v1/links/${existing.id}`).set(auth)).status).toBe(403);
  expect(await t.db.selectFrom('claim_link').select('id').where('id', '=', existing.id).executeTakeFirst()).toBeDefined();
  expect((await t.db.selectFrom('source').select('title').where('id', '=', fox.id).executeTakeFirstOrThrow()).title).toBe(fox.title);
});

it('lets an editor make those changes, and a reporter change what only drafts use', async () => {
  const { fox } = await seedIds();
  const editor = await bearer('editor');
  await request(t.app).put(`/api/v1/sources/${fox.id}`).set(editor).send({ outlet: 'Fox News', title: 'Corrected title' }).expect(200);
  const reporter = await bearer('reporter');
  const created = await request(t.app).post('/api/v1/sources').set(reporter).send({ outlet: 'New outlet', title: 'Unused' }).expect(201);
  await request(t.app)
    .put(`/api/v1/sources/${created.body.data.id}`)
    .set(reporter)
    .send({ outlet: 'New outlet', title: 'Still unused' })
    .expect(200);
});

it('refuses the same on the desk with the reason', async () => {
  const { fox } = await seedIds();
  const { agent, csrf } = await loginAs(t, 'reporter');
  const res = await agent
    .post(`/desk/sources/${fox.id}`)
    .type('form')
    .send({ outlet: 'Fox News', title: 'Changed', _csrf: await csrf() });
  expect(res.status).toBe(422);
  expect(res.text).toContain('Published claims use this record');
  const del = await agent
    .post(`/desk/sources/${fox.id}/delete`)
    .type('form')
    .send({ _csrf: await csrf() });
  expect(del.status).toBe(409);
});
