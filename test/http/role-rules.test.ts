import request from 'supertest';
import { createApiToken } from '../../src/accounts/api-token.repository';
import type { Role } from '../../src/accounts/roles';
import { testApp, type TestApp } from '../helpers/app';
import { createUser, loginAs, type LoggedIn } from '../helpers/auth';
import { addClaim } from '../helpers/claims';
import { insertDispute } from '../../src/disputes/dispute.repository';
import { form, submittedFields, withFields } from '../helpers/desk';

// What reporters, editors and admins may do to records, through the desk and through the API: one
// table of actions, each with the least role that may do it and how to tell whether it happened.
// (Which routes a role may call at all is authorization-matrix.test.ts.)

let t: TestApp;
let fx: {
  draft: number;
  published: number;
  claimant: number;
  source: number;
  sideA: number;
  sideB: number;
  otherUser: number;
  otherDispute: number;
};
/** The drafts the signed-in user made in this test (through the API, as the app records authors). */
let mine: { claim?: number; dispute?: number };

beforeEach(async () => {
  t = await testApp();
  const claimant = await t.db.selectFrom('claimant').select('id').where('slug', '=', 'kremlin').executeTakeFirstOrThrow();
  const source = await t.db.selectFrom('source').select('id').orderBy('id').executeTakeFirstOrThrow();
  // Fresh sides: one dispute per pair of claims, and the seed's claims are framed already.
  const sides = [
    await addClaim(t.db, 'kremlin', { text: 'Side A of the test disputes' }),
    await addClaim(t.db, 'kremlin', { text: 'Side B of the test disputes' }),
    await addClaim(t.db, 'kremlin', { text: 'The other side of their dispute' }),
  ];
  // Another reporter's drafts: only they, editors and admins may change or delete them.
  const otherUser = (await createUser(t.db, 'reporter', 'someone-else@example.test')).id;
  const byOther = { actorId: otherUser };
  fx = {
    draft: (await addClaim(t.db, 'kremlin', { text: 'A draft claim', state: 'draft' }, byOther)).id,
    published: (await addClaim(t.db, 'kremlin', { text: 'A published claim' })).id,
    claimant: claimant.id,
    source: source.id,
    sideA: sides[0]!.id,
    sideB: sides[1]!.id,
    otherUser,
    otherDispute: (
      await insertDispute(
        t.db,
        { question: 'Whose dispute is this?', status: 'open', state: 'draft', claim_a_id: sides[0]!.id, claim_b_id: sides[2]!.id },
        byOther,
      )
    ).id,
  };
  mine = {};
});
afterEach(async () => {
  expect(t.errors).toEqual([]);
  await t.db.destroy();
});

const claim = (id: number) => t.db.selectFrom('claim').selectAll().where('id', '=', id).executeTakeFirst();
const version = async (id: number) => (await claim(id))!.version;

/** The desk's claim form as the browser would send it back, with changes. */
async function deskEdit(s: LoggedIn, id: number, changes: Record<string, string>) {
  const page = await s.agent.get(`/desk/claims/${id}`).expect(200);
  return s.agent
    .post(`/desk/claims/${id}`)
    .type('form')
    .send(withFields(submittedFields(page.text, 'record'), changes));
}

const apiClaim = (o: Record<string, unknown> = {}) => ({ claimant_id: fx.claimant, text: 'Through the API', ...o });
const dispute = (id: number) => t.db.selectFrom('dispute').selectAll().where('id', '=', id).executeTakeFirst();

/** A draft claim made by the signed-in user, through the API. */
async function myDraft(s: LoggedIn): Promise<number> {
  const res = await s.agent
    .post('/api/v1/claims')
    .set('X-CSRF-Token', await s.csrf())
    .send(apiClaim({ text: 'My own draft' }))
    .expect(201);
  return (mine.claim = res.body.data.id as number);
}

/** A draft dispute framed by the signed-in user, through the API. */
async function myDispute(s: LoggedIn): Promise<number> {
  const res = await s.agent
    .post('/api/v1/disputes')
    .set('X-CSRF-Token', await s.csrf())
    .send({ question: 'My own dispute?', claim_a: fx.sideA, claim_b: fx.sideB })
    .expect(201);
  return (mine.dispute = res.body.data.id as number);
}

/** The desk's dispute form as the browser would send it back, with changes. */
async function deskDisputeEdit(s: LoggedIn, id: number, changes: Record<string, string>) {
  const page = await s.agent.get(`/desk/disputes/${id}`).expect(200);
  return s.agent
    .post(`/desk/disputes/${id}`)
    .type('form')
    .send(withFields(submittedFields(page.text, 'record'), changes));
}

const deskPost = async (s: LoggedIn, path: string) =>
  s.agent
    .post(path)
    .type('form')
    .send(form({ _csrf: await s.csrf() }));

interface Action {
  name: string;
  via: 'desk' | 'api';
  /** The least role that may do it. */
  min: Role;
  run: (s: LoggedIn) => Promise<request.Response>;
  happened: () => Promise<boolean>;
}

const ACTIONS: Action[] = [
  // --- claims on the desk ---
  {
    name: 'create a draft claim',
    via: 'desk',
    min: 'reporter',
    run: async (s) =>
      s.agent
        .post('/desk/claims/new')
        .type('form')
        .send(form({ _csrf: await s.csrf(), claimant_id: fx.claimant, text: 'Desk draft', state: 'draft' })),
    happened: async () => !!(await t.db.selectFrom('claim').select('id').where('text', '=', 'Desk draft').executeTakeFirst()),
  },
  {
    name: 'publish a new claim',
    via: 'desk',
    min: 'editor',
    run: async (s) =>
      s.agent
        .post('/desk/claims/new')
        .type('form')
        .send(form({ _csrf: await s.csrf(), claimant_id: fx.claimant, text: 'Desk published', state: 'published' })),
    happened: async () => !!(await t.db.selectFrom('claim').select('id').where('text', '=', 'Desk published').executeTakeFirst()),
  },
  {
    name: 'edit your own draft claim',
    via: 'desk',
    min: 'reporter',
    run: async (s) => deskEdit(s, await myDraft(s), { text: 'Mine, edited' }),
    happened: async () => (await claim(mine.claim!))!.text === 'Mine, edited',
  },
  {
    name: 'edit another reporter’s draft claim',
    via: 'desk',
    min: 'editor',
    run: (s) => deskEdit(s, fx.draft, { text: 'Draft, edited' }),
    happened: async () => (await claim(fx.draft))!.text === 'Draft, edited',
  },
  {
    name: 'set a verdict other than unverified',
    via: 'desk',
    min: 'editor',
    run: async (s) => deskEdit(s, await myDraft(s), { verdict: 'false', verdict_rationale: 'The record shows otherwise.' }),
    happened: async () => (await claim(mine.claim!))!.verdict === 'false',
  },
  {
    name: 'edit a published claim',
    via: 'desk',
    min: 'editor',
    run: (s) => deskEdit(s, fx.published, { text: 'Published, edited' }),
    happened: async () => (await claim(fx.published))!.text === 'Published, edited',
  },
  {
    name: 'retract a published claim',
    via: 'desk',
    min: 'editor',
    run: (s) => deskEdit(s, fx.published, { state: 'retracted' }),
    happened: async () => (await claim(fx.published))!.state === 'retracted',
  },
  {
    name: 'delete your own draft claim',
    via: 'desk',
    min: 'reporter',
    run: async (s) => deskPost(s, `/desk/claims/${await myDraft(s)}/delete`),
    happened: async () => !(await claim(mine.claim!)),
  },
  {
    name: 'delete another reporter’s draft claim',
    via: 'desk',
    min: 'editor',
    run: (s) => deskPost(s, `/desk/claims/${fx.draft}/delete`),
    happened: async () => !(await claim(fx.draft)),
  },
  {
    name: 'delete a published claim',
    via: 'desk',
    min: 'editor',
    run: async (s) =>
      s.agent
        .post(`/desk/claims/${fx.published}/delete`)
        .type('form')
        .send(form({ _csrf: await s.csrf() })),
    happened: async () => !(await claim(fx.published)),
  },
  {
    name: 'publish a dispute',
    via: 'desk',
    min: 'editor',
    run: async (s) =>
      s.agent
        .post('/desk/disputes/new')
        .type('form')
        .send(
          form({
            _csrf: await s.csrf(),
            question: 'Published by whom?',
            status: 'open',
            state: 'published',
            claim_a: `#${fx.sideA}`,
            claim_b: `#${fx.sideB}`,
          }),
        ),
    happened: async () => !!(await t.db.selectFrom('dispute').select('id').where('question', '=', 'Published by whom?').executeTakeFirst()),
  },
  {
    name: 'frame a draft dispute',
    via: 'desk',
    min: 'reporter',
    run: async (s) =>
      s.agent
        .post('/desk/disputes/new')
        .type('form')
        .send(
          form({
            _csrf: await s.csrf(),
            question: 'Drafted by whom?',
            status: 'open',
            state: 'draft',
            claim_a: `#${fx.sideA}`,
            claim_b: `#${fx.sideB}`,
          }),
        ),
    happened: async () => !!(await t.db.selectFrom('dispute').select('id').where('question', '=', 'Drafted by whom?').executeTakeFirst()),
  },
  {
    name: 'edit your own draft dispute',
    via: 'desk',
    min: 'reporter',
    run: async (s) => deskDisputeEdit(s, await myDispute(s), { summary: 'Mine, summarised' }),
    happened: async () => (await dispute(mine.dispute!))!.summary === 'Mine, summarised',
  },
  {
    name: 'edit another reporter’s draft dispute',
    via: 'desk',
    min: 'editor',
    run: (s) => deskDisputeEdit(s, fx.otherDispute, { summary: 'Theirs, summarised' }),
    happened: async () => (await dispute(fx.otherDispute))!.summary === 'Theirs, summarised',
  },
  {
    name: 'delete your own draft dispute',
    via: 'desk',
    min: 'reporter',
    run: async (s) => deskPost(s, `/desk/disputes/${await myDispute(s)}/delete`),
    happened: async () => !(await dispute(mine.dispute!)),
  },
  {
    name: 'delete another reporter’s draft dispute',
    via: 'desk',
    min: 'editor',
    run: (s) => deskPost(s, `/desk/disputes/${fx.otherDispute}/delete`),
    happened: async () => !(await dispute(fx.otherDispute)),
  },
  // --- users ---
  {
    name: 'add a user',
    via: 'desk',
    min: 'admin',
    run: async (s) =>
      s.agent
        .post('/desk/users')
        .type('form')
        .send(
          form({
            _csrf: await s.csrf(),
            email: 'new-person@example.test',
            display_name: 'New Person',
            role: 'reporter',
            password: 'a long enough password',
          }),
        ),
    happened: async () =>
      !!(await t.db.selectFrom('user_account').select('id').where('email', '=', 'new-person@example.test').executeTakeFirst()),
  },
  {
    name: "change a user's role",
    via: 'desk',
    min: 'admin',
    run: async (s) =>
      s.agent
        .post(`/desk/users/${fx.otherUser}`)
        .type('form')
        .send(form({ _csrf: await s.csrf(), role: 'editor', status: 'active' })),
    happened: async () =>
      (await t.db.selectFrom('user_account').select('role').where('id', '=', fx.otherUser).executeTakeFirstOrThrow()).role === 'editor',
  },
  // --- the same rules through the API ---
  {
    name: 'create a draft claim',
    via: 'api',
    min: 'reporter',
    run: async (s) =>
      s.agent
        .post('/api/v1/claims')
        .set('X-CSRF-Token', await s.csrf())
        .send(apiClaim({ text: 'API draft' })),
    happened: async () => !!(await t.db.selectFrom('claim').select('id').where('text', '=', 'API draft').executeTakeFirst()),
  },
  {
    name: 'publish a new claim',
    via: 'api',
    min: 'editor',
    run: async (s) =>
      s.agent
        .post('/api/v1/claims')
        .set('X-CSRF-Token', await s.csrf())
        .send(apiClaim({ text: 'API published', state: 'published' })),
    happened: async () => !!(await t.db.selectFrom('claim').select('id').where('text', '=', 'API published').executeTakeFirst()),
  },
  {
    name: 'edit your own draft claim',
    via: 'api',
    min: 'reporter',
    run: async (s) => {
      const id = await myDraft(s);
      return s.agent
        .put(`/api/v1/claims/${id}`)
        .set('X-CSRF-Token', await s.csrf())
        .send(apiClaim({ text: 'API draft edit', version: await version(id) }));
    },
    happened: async () => (await claim(mine.claim!))!.text === 'API draft edit',
  },
  {
    name: 'edit another reporter’s draft claim',
    via: 'api',
    min: 'editor',
    run: async (s) =>
      s.agent
        .put(`/api/v1/claims/${fx.draft}`)
        .set('X-CSRF-Token', await s.csrf())
        .send(apiClaim({ text: 'API draft edit', version: await version(fx.draft) })),
    happened: async () => (await claim(fx.draft))!.text === 'API draft edit',
  },
  {
    name: 'set a verdict other than unverified',
    via: 'api',
    min: 'editor',
    run: async (s) => {
      const id = await myDraft(s);
      return s.agent
        .put(`/api/v1/claims/${id}`)
        .set('X-CSRF-Token', await s.csrf())
        .send(apiClaim({ text: 'My own draft', verdict: 'false', verdict_rationale: 'Because.', version: await version(id) }));
    },
    happened: async () => (await claim(mine.claim!))!.verdict === 'false',
  },
  {
    name: 'retract a published claim',
    via: 'api',
    min: 'editor',
    run: async (s) =>
      s.agent
        .put(`/api/v1/claims/${fx.published}`)
        .set('X-CSRF-Token', await s.csrf())
        .send(apiClaim({ text: 'A published claim', state: 'retracted', version: await version(fx.published) })),
    happened: async () => (await claim(fx.published))!.state === 'retracted',
  },
  {
    name: 'delete your own draft claim',
    via: 'api',
    min: 'reporter',
    run: async (s) => s.agent.delete(`/api/v1/claims/${await myDraft(s)}`).set('X-CSRF-Token', await s.csrf()),
    happened: async () => !(await claim(mine.claim!)),
  },
  {
    name: 'delete another reporter’s draft claim',
    via: 'api',
    min: 'editor',
    run: async (s) => s.agent.delete(`/api/v1/claims/${fx.draft}`).set('X-CSRF-Token', await s.csrf()),
    happened: async () => !(await claim(fx.draft)),
  },
  {
    name: 'delete a published claim',
    via: 'api',
    min: 'editor',
    run: async (s) => s.agent.delete(`/api/v1/claims/${fx.published}`).set('X-CSRF-Token', await s.csrf()),
    happened: async () => !(await claim(fx.published)),
  },
  {
    name: 'cite a source on a published claim',
    via: 'api',
    min: 'editor',
    run: async (s) =>
      s.agent
        .post(`/api/v1/claims/${fx.published}/citations`)
        .set('X-CSRF-Token', await s.csrf())
        .send({ source_id: fx.source, role: 'evidence_for' }),
    happened: async () => !!(await t.db.selectFrom('citation').select('id').where('claim_id', '=', fx.published).executeTakeFirst()),
  },
  {
    name: 'cite a source on your own draft claim',
    via: 'api',
    min: 'reporter',
    run: async (s) =>
      s.agent
        .post(`/api/v1/claims/${await myDraft(s)}/citations`)
        .set('X-CSRF-Token', await s.csrf())
        .send({ source_id: fx.source, role: 'evidence_for' }),
    happened: async () => !!(await t.db.selectFrom('citation').select('id').where('claim_id', '=', mine.claim!).executeTakeFirst()),
  },
  {
    name: 'cite a source on another reporter’s draft claim',
    via: 'api',
    min: 'editor',
    run: async (s) =>
      s.agent
        .post(`/api/v1/claims/${fx.draft}/citations`)
        .set('X-CSRF-Token', await s.csrf())
        .send({ source_id: fx.source, role: 'evidence_for' }),
    happened: async () => !!(await t.db.selectFrom('citation').select('id').where('claim_id', '=', fx.draft).executeTakeFirst()),
  },
  {
    name: 'publish a dispute',
    via: 'api',
    min: 'editor',
    run: async (s) =>
      s.agent
        .post('/api/v1/disputes')
        .set('X-CSRF-Token', await s.csrf())
        .send({ question: 'Published through the API?', state: 'published', claim_a: fx.sideA, claim_b: fx.sideB }),
    happened: async () =>
      !!(await t.db.selectFrom('dispute').select('id').where('question', '=', 'Published through the API?').executeTakeFirst()),
  },
  {
    name: 'edit your own draft dispute',
    via: 'api',
    min: 'reporter',
    run: async (s) =>
      s.agent
        .put(`/api/v1/disputes/${await myDispute(s)}`)
        .set('X-CSRF-Token', await s.csrf())
        .send({ question: 'My own dispute, edited?', claim_a: fx.sideA, claim_b: fx.sideB, version: 1 }),
    happened: async () => (await dispute(mine.dispute!))!.question === 'My own dispute, edited?',
  },
  {
    name: 'edit another reporter’s draft dispute',
    via: 'api',
    min: 'editor',
    run: async (s) =>
      s.agent
        .put(`/api/v1/disputes/${fx.otherDispute}`)
        .set('X-CSRF-Token', await s.csrf())
        .send({ question: 'Theirs, edited?', claim_a: fx.sideA, claim_b: fx.sideB, version: 1 }),
    happened: async () => (await dispute(fx.otherDispute))!.question === 'Theirs, edited?',
  },
  {
    name: 'delete another reporter’s draft dispute',
    via: 'api',
    min: 'editor',
    run: async (s) => s.agent.delete(`/api/v1/disputes/${fx.otherDispute}`).set('X-CSRF-Token', await s.csrf()),
    happened: async () => !(await dispute(fx.otherDispute)),
  },
];

const RANK: Record<Role, number> = { reporter: 1, editor: 2, admin: 3 };

describe.each(['reporter', 'editor', 'admin'] as const)('as %s', (role) => {
  it.each(ACTIONS.map((a) => [`${a.via}: ${a.name}`, a] as const))('%s', async (_name, action) => {
    const session = await loginAs(t, role);
    const res = await action.run(session);
    const allowed = RANK[role] >= RANK[action.min];
    expect(res.status).toBeLessThan(500);
    if (allowed) {
      expect({ status: res.status, ok: res.status < 400 }).toEqual({ status: res.status, ok: true });
    } else if (action.via === 'api') {
      // The API names the rule: 403, with the field in the JSON error body.
      expect(res.status).toBe(403);
      expect(Object.keys(res.body.error.fields).length + (res.body.error.code === 'forbidden' ? 1 : 0)).toBeGreaterThan(0);
    } else {
      // The desk gives the form back with a message (422), or the page with the problem (409), or 403 for admin pages.
      expect([403, 409, 422]).toContain(res.status);
    }
    expect(await action.happened()).toBe(allowed);
  });
});

describe('signed out', () => {
  it.each([
    '/desk',
    '/desk/claims',
    '/desk/claims/new',
    `/desk/due`,
    '/desk/disputes/new',
    '/desk/users',
    '/desk/tokens',
    '/desk/claims/1/history',
  ])('GET %s redirects to the login form and back', async (path) => {
    const res = await request(t.app).get(path).expect(303);
    expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(path)}`);
  });

  it.each([
    ['post', '/api/v1/claims'],
    ['put', '/api/v1/claims/1'],
    ['delete', '/api/v1/claims/1'],
    ['post', '/api/v1/claims/1/citations'],
    ['post', '/api/v1/disputes'],
    ['put', '/api/v1/disputes/1'],
    ['delete', '/api/v1/disputes/1'],
    ['post', '/api/v1/links'],
    ['post', '/api/v1/claimants'],
    ['post', '/api/v1/sources'],
  ] as const)('%s %s answers 401 JSON', async (method, path) => {
    const res = await request(t.app)[method](path).send({ text: 'x' }).expect(401);
    expect(res.body.error.code).toBe('unauthorized');
  });
});

describe('who owns a draft', () => {
  it('stays its author after an editor changes it', async () => {
    const reporter = await loginAs(t, 'reporter');
    const id = await myDraft(reporter);
    const editor = await loginAs(t, 'editor');
    expect((await deskEdit(editor, id, { text: 'Tightened by the editor' })).status).toBe(303);
    expect((await deskEdit(reporter, id, { text: 'Back to the reporter' })).status).toBe(303);
    expect((await claim(id))!.text).toBe('Back to the reporter');
  });

  it('is nobody’s when no author is recorded (the seed, an import): editors change it, reporters do not', async () => {
    const id = (await addClaim(t.db, 'kremlin', { text: 'Imported draft', state: 'draft' })).id;
    const reporter = await loginAs(t, 'reporter');
    const refused = await deskEdit(reporter, id, { text: 'Taken over' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Reporters change and delete their own drafts only');
    expect((await deskPost(reporter, `/desk/claims/${id}/delete`)).status).toBe(409);
    expect((await claim(id))!.text).toBe('Imported draft');
    const editor = await loginAs(t, 'editor');
    expect((await deskEdit(editor, id, { text: 'Taken over' })).status).toBe(303);
  });
});

describe('API edits in the history', () => {
  it("records the token's user as the actor of each change", async () => {
    const reporter = await createUser(t.db, 'reporter', 'api-reporter@example.test');
    const { token } = await createApiToken(t.db, reporter.id, 'script');
    const auth = { Authorization: `Bearer ${token}` };
    const created = await request(t.app)
      .post('/api/v1/claims')
      .set(auth)
      .send(apiClaim({ text: 'Logged by a script' }))
      .expect(201);
    const id = created.body.data.id as number;
    await request(t.app)
      .put(`/api/v1/claims/${id}`)
      .set(auth)
      .send(apiClaim({ text: 'Logged by a script, edited', version: created.body.data.version }))
      .expect(200);
    const citation = await request(t.app)
      .post(`/api/v1/claims/${id}/citations`)
      .set(auth)
      .send({ source_id: fx.source, role: 'made_in' })
      .expect(201);
    await request(t.app).delete(`/api/v1/citations/${citation.body.data.id}`).set(auth).expect(204);
    const rows = await t.db
      .selectFrom('revision')
      .select(['entity', 'action', 'actor_id'])
      .where('claim_id', '=', id)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => `${r.entity} ${r.action}`)).toEqual(
      expect.arrayContaining(['claim create', 'claim update', 'citation create', 'citation delete']),
    );
    expect(new Set(rows.map((r) => r.actor_id))).toEqual(new Set([reporter.id]));
    const history = await request(t.app).get(`/api/v1/claims/${id}`).set(auth).expect(200);
    expect(history.body.data.version).toBe(2);
    // A reporter's token cannot publish it.
    const refused = await request(t.app)
      .put(`/api/v1/claims/${id}`)
      .set(auth)
      .send(apiClaim({ text: 'Logged by a script, edited', state: 'published', version: 2 }))
      .expect(403);
    expect(refused.body.error).toMatchObject({
      code: 'editorial_rule',
      fields: { state: expect.stringContaining('Only editors publish') },
    });
  });
});
