import request from 'supertest';
import type { Express } from 'express';
import type { Role } from '../../src/accounts/roles';
import { useTestApp, type TestApp } from '../helpers/app';
import { createUser, loginAs, type LoggedIn } from '../helpers/auth';
import { addClaim } from '../helpers/claims';
import { submittedFields, withFields } from '../helpers/desk';
import { insertDispute } from '../../src/disputes/dispute.repository';
import { translate } from '../../src/http/i18n';

// The one table of who may call each state-changing route. A route that is not listed fails the
// test, so a new route cannot be forgotten. 'reporter' = any signed-in user.
type Minimum = 'anonymous' | Role;
const WRITES: Record<string, Minimum> = {
  'POST /login': 'anonymous',
  'POST /logout': 'anonymous',
  'POST /desk/users': 'admin',
  'POST /desk/users/:id': 'admin',
  'POST /desk/users/:id/unlock': 'admin',
  'POST /desk/tokens': 'reporter',
  'POST /desk/tokens/:id/revoke': 'reporter',
  'POST /desk/import': 'editor',
  'POST /desk/claimants/new': 'reporter',
  'POST /desk/claimants/:id': 'reporter',
  'POST /desk/claimants/:id/delete': 'reporter',
  'POST /desk/topics/:id': 'reporter',
  'POST /desk/sources/new': 'reporter',
  'POST /desk/sources/:id': 'reporter',
  'POST /desk/sources/:id/delete': 'reporter',
  'POST /desk/claims/new': 'reporter',
  'POST /desk/claims/:id': 'reporter',
  'POST /desk/claims/:id/delete': 'reporter',
  'POST /desk/claims/:id/links': 'reporter',
  'POST /desk/claims/:id/links/:linkId/delete': 'reporter',
  'POST /desk/claims/:id/outcome': 'editor',
  'POST /desk/disputes/new': 'reporter',
  'POST /desk/disputes/:id': 'reporter',
  'POST /desk/disputes/:id/delete': 'reporter',
  'POST /api/v1/claimants': 'reporter',
  'PUT /api/v1/claimants/:id': 'reporter',
  'DELETE /api/v1/claimants/:id': 'reporter',
  'POST /api/v1/sources': 'reporter',
  'PUT /api/v1/sources/:id': 'reporter',
  'DELETE /api/v1/sources/:id': 'reporter',
  'POST /api/v1/claims': 'reporter',
  'PUT /api/v1/claims/:id': 'reporter',
  'DELETE /api/v1/claims/:id': 'reporter',
  'POST /api/v1/claims/:id/citations': 'reporter',
  'PUT /api/v1/citations/:id': 'reporter',
  'DELETE /api/v1/citations/:id': 'reporter',
  'POST /api/v1/links': 'reporter',
  'PUT /api/v1/links/:id': 'reporter',
  'DELETE /api/v1/links/:id': 'reporter',
  'POST /api/v1/disputes': 'reporter',
  'PUT /api/v1/disputes/:id': 'reporter',
  'DELETE /api/v1/disputes/:id': 'reporter',
  // Readers' tips and error reports (anonymous, CSRF-checked, limited per address) and the editors' inbox.
  'POST /suggest': 'anonymous',
  'POST /report': 'anonymous',
  'POST /desk/inbox/:id/accept': 'editor',
  'POST /desk/inbox/:id/decline': 'editor',
  'POST /desk/inbox/:id/duplicate': 'editor',
  'POST /api/v1/inbox/:id/accept': 'editor',
  'POST /api/v1/inbox/:id/decline': 'editor',
  'POST /api/v1/inbox/:id/duplicate': 'editor',
  'PUT /api/v1/claims/:id/outcome': 'editor',
};
const RANK: Record<Minimum, number> = { anonymous: 0, reporter: 1, editor: 2, admin: 3 };
const MOUNTS = ['/desk', '/desk/import', '/api/v1'];

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
  match(path: string): boolean;
}

/** Every METHOD path the app answers that changes state, found by walking the router stack. */
function stateChangingRoutes(app: Express): string[] {
  const out = new Set<string>();
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const p of ([] as string[]).concat(layer.route.path)) {
          for (const [m, on] of Object.entries(layer.route.methods)) {
            if (on && !['get', 'head', 'options', '_all'].includes(m))
              out.add(`${m.toUpperCase()} ${(prefix + p).replace(/\/$/, '') || '/'}`);
          }
        }
      } else if (layer.handle.stack) {
        const mount = layer.match('/zz-probe-zz') ? '' : (MOUNTS.find((m) => layer.match(prefix + m)) ?? null);
        if (mount === null) throw new Error('A router is mounted at a path this test does not know: add it to MOUNTS.');
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return [...out].sort();
}

let t: TestApp;
useTestApp((app) => (t = app));

test('every state-changing route is in the authorisation table, and the table lists no route that is gone', () => {
  const found = stateChangingRoutes(t.app);
  expect(found.filter((r) => !(r in WRITES))).toEqual([]);
  expect(Object.keys(WRITES).filter((r) => !found.includes(r))).toEqual([]);
});

async function concretePath(pattern: string): Promise<string> {
  const first = async (table: 'claim' | 'claimant' | 'source' | 'dispute' | 'claim_link' | 'citation' | 'user_account' | 'api_token') =>
    String((await t.db.selectFrom(table).select('id').orderBy('id').executeTakeFirst())?.id ?? 999999);
  const [, path] = pattern.split(' ') as [string, string];
  const table = path.includes('claimants')
    ? 'claimant'
    : path.includes('sources')
      ? 'source'
      : path.includes('disputes')
        ? 'dispute'
        : path.includes('citations')
          ? 'citation'
          : path.includes('/links/') && !path.includes('claims')
            ? 'claim_link'
            : path.includes('users')
              ? 'user_account'
              : path.includes('tokens')
                ? 'api_token'
                : 'claim';
  return path.replace(':id', await first(table)).replace(':linkId', await first('claim_link'));
}

describe.each(['anonymous', 'reporter', 'editor', 'admin'] as const)('as %s', (who) => {
  test('each state-changing route is allowed or refused as the table says', async () => {
    const session = who === 'anonymous' ? null : await loginAs(t, who);
    const csrf = session ? await session.csrf() : null;
    // Another account and a token to act on.
    await createUser(t.db, 'reporter', `other-${who}@example.test`);
    for (const [route, minimum] of Object.entries(WRITES)) {
      // /login and /logout (open to all, and they rotate or end the session) are covered in accounts.test.ts.
      if (minimum === 'anonymous') continue;
      const [method] = route.split(' ') as [string];
      const path = await concretePath(route);
      const client = session ? session.agent : request(t.app);
      const req = (client as unknown as Record<string, (p: string) => request.Test>)[method.toLowerCase()]!(path);
      if (csrf) req.set('X-CSRF-Token', csrf);
      const res = await req.set('Accept', 'text/html').send({});
      // The gate of the route; an editorial rule about this record (403 editorial_rule) is tested in role-rules.test.ts.
      const editorial = res.status === 403 && res.body?.error?.code === 'editorial_rule';
      const denied =
        res.status === 401 ||
        (res.status === 403 && !editorial) ||
        (res.status === 303 && String(res.headers.location).startsWith('/login'));
      const allowed = RANK[who] >= RANK[minimum];
      expect({ route, who, status: res.status, denied }).toEqual({ route, who, status: res.status, denied: !allowed });
      expect(res.status).toBeLessThan(500);
    }
  }, 60_000);
});

// The routes that change an existing claim or dispute (or a claim's citations): the gate lets every
// reporter in, then the editorial rules let a reporter act on their own drafts only. Each row sends a
// request that would succeed for the draft's author, so only authorship decides.
interface Drafts {
  claim: number;
  citation: number;
  dispute: number;
  /** A second claim and dispute of the same author, for the second way of deleting each. */
  spareClaim: number;
  spareDispute: number;
  claimant: number;
  source: number;
  sides: [number, number];
}
const deskForm = async (s: LoggedIn, page: string, changes: Record<string, string>) => {
  const html = (await s.agent.get(page).expect(200)).text;
  return s.agent
    .post(page)
    .type('form')
    .send(withFields(submittedFields(html, 'record'), changes));
};
const versionOf = async (table: 'claim' | 'dispute', id: number) =>
  (await t.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
// In an order the author can run through: citations (a claim edit replaces them), edits, deletes.
const AUTHORED: Record<string, (s: LoggedIn, d: Drafts, csrf: string) => Promise<request.Response>> = {
  'POST /api/v1/claims/:id/citations': (s, d, csrf) =>
    s.agent.post(`/api/v1/claims/${d.claim}/citations`).set('X-CSRF-Token', csrf).send({ source_id: d.source, role: 'made_in' }),
  'PUT /api/v1/citations/:id': (s, d, csrf) =>
    s.agent.put(`/api/v1/citations/${d.citation}`).set('X-CSRF-Token', csrf).send({ source_id: d.source, role: 'evidence_for' }),
  'DELETE /api/v1/citations/:id': (s, d, csrf) => s.agent.delete(`/api/v1/citations/${d.citation}`).set('X-CSRF-Token', csrf),
  'POST /desk/claims/:id': (s, d) => deskForm(s, `/desk/claims/${d.claim}`, { text: 'Edited by someone' }),
  'POST /desk/disputes/:id': (s, d) => deskForm(s, `/desk/disputes/${d.dispute}`, { summary: 'Edited by someone' }),
  'PUT /api/v1/claims/:id': async (s, d, csrf) =>
    s.agent
      .put(`/api/v1/claims/${d.claim}`)
      .set('X-CSRF-Token', csrf)
      .send({ claimant_id: d.claimant, text: 'Edited by someone', version: await versionOf('claim', d.claim) }),
  'PUT /api/v1/disputes/:id': async (s, d, csrf) =>
    s.agent
      .put(`/api/v1/disputes/${d.dispute}`)
      .set('X-CSRF-Token', csrf)
      .send({ question: 'Edited by someone?', claim_a: d.sides[0], claim_b: d.sides[1], version: await versionOf('dispute', d.dispute) }),
  'DELETE /api/v1/disputes/:id': (s, d, csrf) => s.agent.delete(`/api/v1/disputes/${d.dispute}`).set('X-CSRF-Token', csrf),
  'POST /desk/disputes/:id/delete': (s, d, csrf) =>
    s.agent.post(`/desk/disputes/${d.spareDispute}/delete`).type('form').send({ _csrf: csrf }),
  'DELETE /api/v1/claims/:id': (s, d, csrf) => s.agent.delete(`/api/v1/claims/${d.claim}`).set('X-CSRF-Token', csrf),
  'POST /desk/claims/:id/delete': (s, d, csrf) => s.agent.post(`/desk/claims/${d.spareClaim}/delete`).type('form').send({ _csrf: csrf }),
};

describe('drafts belong to their authors', () => {
  /** A draft claim with a citation and a draft dispute, created by `authorId`. */
  async function draftsBy(authorId: number): Promise<Drafts> {
    const audit = { actorId: authorId };
    const source = await t.db.selectFrom('source').select('id').orderBy('id').executeTakeFirstOrThrow();
    const claim = await addClaim(
      t.db,
      'kremlin',
      { text: 'Somebody’s draft', state: 'draft', citations: [{ source_id: source.id, role: 'reported_by', excerpt: null }] },
      audit,
    );
    const citation = await t.db.selectFrom('citation').select('id').where('claim_id', '=', claim.id).executeTakeFirstOrThrow();
    // Fresh sides for each dispute: one dispute per pair of claims.
    const side = (text: string) => addClaim(t.db, 'kremlin', { text }).then((c) => c.id);
    const sideIds: [number, number] = [await side('Side A'), await side('Side B')];
    const dispute = async (question: string) =>
      insertDispute(
        t.db,
        { question, status: 'open', state: 'draft', claim_a_id: await side(`${question} A`), claim_b_id: await side(`${question} B`) },
        audit,
      );
    return {
      claim: claim.id,
      citation: citation.id,
      dispute: (await dispute('Somebody’s dispute?')).id,
      spareClaim: (await addClaim(t.db, 'kremlin', { text: 'Somebody’s other draft', state: 'draft' }, audit)).id,
      spareDispute: (await dispute('Somebody’s other dispute?')).id,
      claimant: claim.claimant_id,
      source: source.id,
      sides: sideIds,
    };
  }
  const snapshot = async (d: Drafts) => ({
    claims: await t.db.selectFrom('claim').selectAll().where('id', 'in', [d.claim, d.spareClaim]).execute(),
    citations: await t.db.selectFrom('citation').selectAll().where('claim_id', '=', d.claim).execute(),
    disputes: await t.db.selectFrom('dispute').selectAll().where('id', 'in', [d.dispute, d.spareDispute]).execute(),
  });

  test('every route that changes a claim or dispute is in this table', () => {
    // A promise's outcome is for editors only (the gate), whoever wrote the claim: not an authorship rule.
    const onRecords = Object.keys(WRITES).filter(
      (r) => /\/(claims|disputes|citations)\/:id/.test(r) && !r.includes('/links') && !r.includes('/outcome'),
    );
    expect(Object.keys(AUTHORED).sort()).toEqual(onRecords.sort());
  });

  test('another reporter is refused on every one of them, in their language, and nothing changes', async () => {
    const author = await createUser(t.db, 'reporter', 'author@example.test');
    const drafts = await draftsBy(author.id);
    const before = await snapshot(drafts);
    const other = await loginAs(t, 'reporter', 'not-the-author@example.test');
    other.agent.set('Accept-Language', 'nl');
    const csrf = await other.csrf();
    const message = translate('nl', 'editorial.rule.notYourDraft');
    for (const [route, send] of Object.entries(AUTHORED)) {
      const res = await send(other, drafts, csrf);
      if (route.includes('/api/')) {
        expect({ route, status: res.status, error: res.body.error }).toEqual({
          route,
          status: 403,
          error: expect.objectContaining({ code: 'editorial_rule', fields: { state: message } }),
        });
      } else {
        expect({ route, status: res.status, says: res.text.includes(message) }).toEqual({
          route,
          status: route.endsWith('/delete') ? 409 : 422,
          says: true,
        });
      }
    }
    expect(await snapshot(drafts)).toEqual(before);
  }, 60_000);

  test.each(['author', 'editor', 'admin'] as const)(
    'the %s may do each of them',
    async (who) => {
      const author = who === 'author' ? await loginAs(t, 'reporter', 'author@example.test') : null;
      const drafts = await draftsBy(author?.userId ?? (await createUser(t.db, 'reporter', 'author@example.test')).id);
      const session = author ?? (await loginAs(t, who === 'author' ? 'reporter' : who));
      const csrf = await session.csrf();
      for (const [route, send] of Object.entries(AUTHORED)) {
        const res = await send(session, drafts, csrf);
        expect({ route, status: res.status, ok: res.status < 400 }).toEqual({ route, status: res.status, ok: true });
      }
      expect(await snapshot(drafts)).toEqual({ claims: [], citations: [], disputes: [] });
    },
    60_000,
  );
});

describe('draft-revealing reads', () => {
  it('hides a draft claim from readers everywhere, and shows it to the newsroom', async () => {
    const claim = await t.db.selectFrom('claim').select('id').orderBy('id').executeTakeFirstOrThrow();
    await t.db.updateTable('claim').set({ state: 'draft' }).where('id', '=', claim.id).execute();
    for (const path of [`/claims/${claim.id}`, `/claims/${claim.id}.json`, `/api/v1/claims/${claim.id}`, `/claims/${claim.id}/history`]) {
      await request(t.app).get(path).expect(404);
    }
    await request(t.app).get(`/desk/claims/${claim.id}`).expect(303);
    const list = await request(t.app).get('/api/v1/claims?per_page=100').expect(200);
    expect((list.body.data as Array<{ id: number }>).map((c) => c.id)).not.toContain(claim.id);
    const { agent } = await loginAs(t, 'reporter');
    await agent.get(`/api/v1/claims/${claim.id}`).expect(200);
    await agent.get(`/desk/claims/${claim.id}`).expect(200);
  });
});

// Reads answered as JSON outside the pages, and who may call them; what each role sees in them is
// tested with their feature (readers get published claims only from the API: test/http/similar-claims.test.ts).
const READS: Record<string, Minimum> = {
  'GET /api/v1/claims/similar?text=Trump says military aid never came up in his phone call with Putin': 'anonymous',
  'GET /desk/claims/similar?text=Trump says military aid never came up in his phone call with Putin': 'reporter',
};

describe.each(['anonymous', 'reporter', 'editor', 'admin'] as const)('JSON reads as %s', (who) => {
  it('each is answered or refused as the table says', async () => {
    const session = who === 'anonymous' ? null : await loginAs(t, who);
    for (const [route, minimum] of Object.entries(READS)) {
      const [, path] = route.split(' ') as [string, string];
      const [pathname, query] = path.split('?') as [string, string];
      const res = await (session ? session.agent : request(t.app)).get(pathname).query(query).set('Accept', 'application/json');
      const denied = res.status === 401 || res.status === 403 || (res.status === 303 && String(res.headers.location).startsWith('/login'));
      const allowed = RANK[who] >= RANK[minimum];
      expect({ route, who, status: res.status, denied }).toEqual({ route, who, status: allowed ? 200 : res.status, denied: !allowed });
    }
  });
});
