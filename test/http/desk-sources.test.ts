import request from 'supertest';
import { useTestApp, type TestApp } from '../helpers/app';
import { fieldError, idFrom, postForm, rowCounts, shownValue } from '../helpers/desk';

let t: TestApp;
useTestApp((app) => (t = app), { signedInAs: 'editor' });

const good = {
  outlet: 'Kremlin.ru',
  title: 'Telephone conversation with US President Donald Trump',
  url: 'http://en.kremlin.ru/events/president/news/76477',
  published_on: '2025-03-18',
  language: 'EN',
  archive_url: '',
  retrieved_on: '2025-03-19',
};

describe('desk: sources', () => {
  it('creates a source, lists it and edits it; a source without a URL is fine', async () => {
    const res = await postForm(t.app, '/desk/sources/new', good).expect(303);
    const id = idFrom(res.headers.location);
    expect(await t.db.selectFrom('source').selectAll().where('id', '=', id).executeTakeFirst()).toMatchObject({
      outlet: 'Kremlin.ru',
      url: good.url,
      published_on: '2025-03-18',
      language: 'en',
      archive_url: null,
      retrieved_on: '2025-03-19',
    });
    const list = await request(t.app).get('/desk/sources').expect(200);
    expect(list.text).toContain(`href="/desk/sources/${id}">Telephone conversation with US President Donald Trump</a>`);

    await postForm(t.app, `/desk/sources/${id}`, { ...good, url: '', title: 'Readout' })
      .expect(303)
      .expect('Location', `/desk/sources/${id}?saved=1`);
    expect(await t.db.selectFrom('source').selectAll().where('id', '=', id).executeTakeFirst()).toMatchObject({
      url: null,
      title: 'Readout',
    });
  });

  it.each([
    ['a javascript: URL', { url: 'javascript:alert(1)' }, 'f-url', 'The URL must be a full web address starting with http:// or https://.'],
    [
      'a data: archive URL',
      { archive_url: 'data:text/html,<script>alert(1)</script>' },
      'f-archive_url',
      expect.stringContaining('http:// or https://'),
    ],
    ['a URL without a scheme', { url: 'www.example.com/x' }, 'f-url', expect.stringContaining('http:// or https://')],
    [
      'an impossible date',
      { published_on: '2025-02-30' },
      'f-published_on',
      'The publication date must be written as 2025-03-18, 2025-03 or 2025.',
    ],
    [
      'a date in another format',
      { retrieved_on: '19/03/2025' },
      'f-retrieved_on',
      'The retrieved date must be a real day written as YYYY-MM-DD.',
    ],
    ['a missing outlet', { outlet: '' }, 'f-outlet', 'The outlet is required.'],
    ['a title that is too long', { title: 't'.repeat(501) }, 'f-title', 'The title must be at most 500 characters.'],
    ['a bad language code', { language: 'Dutch!' }, 'f-language', expect.stringContaining('language code')],
  ])('refuses %s with 422, the message at the field, the input kept and nothing saved', async (_what, change, id, message) => {
    const before = await rowCounts(t.db);
    const fields = { ...good, ...change };
    const res = await postForm(t.app, '/desk/sources/new', fields).expect(422);
    expect(fieldError(res.text, id)).toEqual(message);
    for (const [name, value] of Object.entries(fields)) expect(shownValue(res.text, `f-${name}`)).toBe(value);
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it('refuses to delete a source that claims cite, explaining why, with status 409', async () => {
    const fox = await t.db.selectFrom('source').selectAll().where('outlet', '=', 'Fox News').executeTakeFirstOrThrow();
    const res = await request(t.app).post(`/desk/sources/${fox.id}/delete`).expect(409);
    expect(res.text).toContain('This source cannot be deleted');
    expect(res.text).toContain('citation(s) rely on it');
    expect(await t.db.selectFrom('source').select('id').where('id', '=', fox.id).executeTakeFirst()).toBeDefined();
  });

  it('deletes a source nobody cites', async () => {
    const id = idFrom((await postForm(t.app, '/desk/sources/new', good).expect(303)).headers.location);
    await request(t.app).post(`/desk/sources/${id}/delete`).expect(303).expect('Location', '/desk/sources?deleted=1');
    expect(await t.db.selectFrom('source').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
  });
});
