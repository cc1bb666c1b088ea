import request from 'supertest';
import { useTestApp, type TestApp } from '../helpers/app';
import { addClaim } from '../helpers/claims';
import { idFrom, postForm } from '../helpers/desk';

let t: TestApp;
useTestApp((app) => (t = app), { signedInAs: 'editor' });

/** The dispute questions of a list page, top to bottom. */
const questions = (html: string) => [...html.matchAll(/<li class="dispute-item">\s*<h2><a href="[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]!);

/** Two published claims said long before anything in the seed, as a pair of sides. */
async function oldSides(n: number): Promise<[number, number]> {
  const a = await addClaim(t.db, 'kremlin', { text: `Old statement ${n}a`, said_on: '2019-01-0' + n });
  const b = await addClaim(t.db, 'donald-trump', { text: `Old statement ${n}b`, said_on: '2019-01-0' + n });
  return [a.id, b.id];
}

const deskForm = (question: string, [a, b]: [number, number], state: string, version?: number) => ({
  question,
  slug: '',
  summary: '',
  status: 'open',
  state,
  claim_a: `#${a} — Kremlin`,
  claim_b: `#${b} — Donald Trump`,
  ...(version ? { version: String(version) } : {}),
});

describe('newest first means newest published', () => {
  beforeEach(async () => {
    // The seed's disputes were published long ago (their history would say so in a real archive).
    await t.db.updateTable('dispute').set({ published_at: '2025-03-20T12:00:00.000Z' }).execute();
  });

  it('puts three just-published disputes whose sides spoke years ago first on / and /disputes', async () => {
    // One through the desk, one through the API, one drafted at the desk and published later.
    await postForm(t.app, '/desk/disputes/new', deskForm('Desk question?', await oldSides(1), 'published')).expect(303);
    const api = await request(t.app)
      .post('/api/v1/disputes')
      .send({ question: 'API question?', state: 'published', claim_a: (await oldSides(2))[0], claim_b: (await oldSides(3))[1] })
      .expect(201);
    expect(api.body.data.published_at).toEqual(expect.any(String));
    const sides = await oldSides(4);
    const draft = await postForm(t.app, '/desk/disputes/new', deskForm('Drafted question?', sides, 'draft')).expect(303);
    const id = idFrom(draft.headers.location);
    expect(
      (await t.db.selectFrom('dispute').select('published_at').where('id', '=', id).executeTakeFirstOrThrow()).published_at,
    ).toBeNull();
    await postForm(t.app, `/desk/disputes/${id}`, deskForm('Drafted question?', sides, 'published', 1)).expect(303);

    const ours = ['Desk question?', 'API question?', 'Drafted question?'].sort();
    for (const path of ['/', '/disputes']) {
      const page = await request(t.rawApp).get(path).expect(200);
      const listed = questions(page.text);
      expect(listed.length).toBeGreaterThan(3);
      expect(listed.slice(0, 3).sort()).toEqual(ours);
      expect(listed.slice(3)).not.toEqual(expect.arrayContaining(ours));
    }
    // The reverse order still goes by when side A spoke, and its label says so.
    const oldest = await request(t.rawApp).get('/disputes?sort=said-asc').expect(200);
    expect(questions(oldest.text).slice(0, 3).sort()).toEqual(ours);
    const list = await request(t.rawApp).get('/disputes').expect(200);
    expect(list.text).toContain('<option value="said-desc" selected>Newest first</option>');
    expect(list.text).toContain('<option value="said-asc">Oldest statement first</option>');
    const dutch = await request(t.rawApp).get('/disputes').set('Accept-Language', 'nl').expect(200);
    expect(dutch.text).toContain('<option value="said-asc">Oudste uitspraak eerst</option>');
    // The claim list keeps its own labels.
    expect((await request(t.rawApp).get('/claims').expect(200)).text).toContain('<option value="said-asc">Oldest first</option>');
  });

  it('orders by publication, newest first, and keeps the date through edits and retraction', async () => {
    const [first, second] = [await oldSides(1), await oldSides(2)];
    const one = idFrom(
      (await postForm(t.app, '/desk/disputes/new', deskForm('First published?', first, 'published')).expect(303)).headers.location,
    );
    const two = idFrom(
      (await postForm(t.app, '/desk/disputes/new', deskForm('Second published?', second, 'published')).expect(303)).headers.location,
    );
    // Distinct publication times, set directly: the order must not depend on the clock's resolution.
    await t.db.updateTable('dispute').set({ published_at: '2030-01-01T00:00:00.000Z' }).where('id', '=', one).execute();
    await t.db.updateTable('dispute').set({ published_at: '2030-01-02T00:00:00.000Z' }).where('id', '=', two).execute();
    expect(questions((await request(t.rawApp).get('/').expect(200)).text).slice(0, 2)).toEqual(['Second published?', 'First published?']);

    // An edit and then a retraction of the older one keep its publication date, and its place.
    await postForm(t.app, `/desk/disputes/${one}`, deskForm('First published, edited?', first, 'published', 1)).expect(303);
    await postForm(t.app, `/desk/disputes/${one}`, deskForm('First published, edited?', first, 'retracted', 2)).expect(303);
    const row = await t.db.selectFrom('dispute').selectAll().where('id', '=', one).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'retracted', published_at: '2030-01-01T00:00:00.000Z' });
    expect(questions((await request(t.rawApp).get('/disputes').expect(200)).text).slice(0, 2)).toEqual([
      'Second published?',
      'First published, edited?',
    ]);
    const read = await request(t.app).get(`/api/v1/disputes/${one}`).expect(200);
    expect(read.body.data.published_at).toBe('2030-01-01T00:00:00.000Z');
  });
});
