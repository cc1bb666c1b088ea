import request from 'supertest';
import { useTestApp, type TestApp } from '../helpers/app';
import { fieldError, idFrom, postForm, rowCounts, shownValue } from '../helpers/desk';

let t: TestApp;
useTestApp((app) => (t = app), { signedInAs: 'editor' });

const claimantNamed = (name: string) => t.db.selectFrom('claimant').selectAll().where('name', '=', name).executeTakeFirst();

describe('desk: claimants', () => {
  it('creates a claimant, shows it in the list, and edits it', async () => {
    const res = await postForm(t.app, '/desk/claimants/new', {
      name: 'Dmitry Peskov',
      kind: 'person',
      slug: '',
      description: 'Kremlin spokesman',
    }).expect(303);
    expect(res.headers.location).toMatch(/^\/desk\/claimants\/\d+\?created=1$/);
    const row = await claimantNamed('Dmitry Peskov');
    expect(row).toMatchObject({ kind: 'person', slug: 'dmitry-peskov', description: 'Kremlin spokesman' });

    const page = await request(t.app).get(res.headers.location!).expect(200);
    expect(page.text).toContain('<p class="flash" role="status">Created.</p>');
    expect(shownValue(page.text, 'f-name')).toBe('Dmitry Peskov');
    const list = await request(t.app).get('/desk/claimants').expect(200);
    expect(list.text).toContain(`href="/desk/claimants/${row!.id}">Dmitry Peskov</a>`);

    await postForm(t.app, `/desk/claimants/${row!.id}`, { name: 'Dmitry S. Peskov', kind: 'government', slug: 'peskov', description: '' })
      .expect(303)
      .expect('Location', `/desk/claimants/${row!.id}?saved=1`);
    expect(await t.db.selectFrom('claimant').selectAll().where('id', '=', row!.id).executeTakeFirst()).toMatchObject({
      name: 'Dmitry S. Peskov',
      kind: 'government',
      slug: 'peskov',
      description: null,
    });
  });

  it.each([
    ['a missing name', { name: '   ', kind: 'person' }, 'f-name', 'The name is required.'],
    ['a name that is too long', { name: 'x'.repeat(201), kind: 'person' }, 'f-name', 'The name must be at most 200 characters.'],
    [
      'an unknown kind',
      { name: 'Someone', kind: 'alien' },
      'f-kind',
      'The kind must be one of: person, organisation, government, media, other.',
    ],
    ['a malformed slug', { name: 'Someone', kind: 'person', slug: 'Not a slug!' }, 'f-slug', expect.stringContaining('lowercase letters')],
    [
      'a twin of an existing claimant',
      { name: 'kremlin', kind: 'government' },
      'f-name',
      expect.stringContaining('already a claimant called "Kremlin"'),
    ],
    [
      'a slug that is taken',
      { name: 'Someone', kind: 'person', slug: 'kremlin' },
      'f-slug',
      'The slug "kremlin" is already used by another claimant.',
    ],
  ])('refuses %s with 422, the message at the field, the input kept and nothing saved', async (_what, fields, id, message) => {
    const before = await rowCounts(t.db);
    const res = await postForm(t.app, '/desk/claimants/new', { description: 'Typed <b>text</b> stays', ...fields }).expect(422);
    expect(fieldError(res.text, id)).toEqual(message);
    expect(res.text).toContain('class="form-error error-summary"');
    expect(res.text).toContain(`<a href="#${id}">`);
    expect(shownValue(res.text, 'f-description')).toBe('Typed <b>text</b> stays');
    expect(shownValue(res.text, 'f-name')).toBe(fields.name);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('refuses renaming a claimant to another claimant’s name, but keeps its own name fine', async () => {
    const trump = (await claimantNamed('Donald Trump'))!;
    const res = await postForm(t.app, `/desk/claimants/${trump.id}`, { name: 'KREMLIN', kind: 'person', slug: trump.slug }).expect(422);
    expect(fieldError(res.text, 'f-name')).toContain('already a claimant called "Kremlin"');
    await postForm(t.app, `/desk/claimants/${trump.id}`, { name: 'donald trump', kind: 'person', slug: trump.slug }).expect(303);
  });

  it('strips control characters instead of storing them', async () => {
    await postForm(t.app, '/desk/claimants/new', { name: 'Bad\u0000Na\u0007me', kind: 'person' }).expect(303);
    expect(await claimantNamed('BadName')).toBeDefined();
  });

  it('refuses to delete a claimant with claims, explaining why, with status 409', async () => {
    const kremlin = (await claimantNamed('Kremlin'))!;
    const res = await request(t.app).post(`/desk/claimants/${kremlin.id}/delete`).expect(409);
    expect(res.text).toContain('This claimant cannot be deleted');
    expect(res.text).toContain('claim(s) are attributed to them');
    expect(res.text.match(/<h1>/g)).toHaveLength(1);
    expect(await claimantNamed('Kremlin')).toBeDefined();
  });

  it('deletes a claimant without claims', async () => {
    const res = await postForm(t.app, '/desk/claimants/new', { name: 'Nobody', kind: 'other' }).expect(303);
    const id = idFrom(res.headers.location);
    await request(t.app).post(`/desk/claimants/${id}/delete`).expect(303).expect('Location', '/desk/claimants?deleted=1');
    expect(await claimantNamed('Nobody')).toBeUndefined();
    await request(t.app).get(`/desk/claimants/${id}`).expect(404);
    await request(t.app).post(`/desk/claimants/${id}/delete`).expect(404);
  });
});
