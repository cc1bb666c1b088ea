import request from 'supertest';
import type { Role } from '../../src/accounts/roles';
import { paths } from '../../src/http/urls';
import { useTestApp, type TestApp } from '../helpers/app';
import { loginAs } from '../helpers/auth';
import { unlabelledControls } from '../helpers/desk';

// Everything at the desk is reachable from its navigation (as far as the role may go), and moments
// such as "token created" are written for people in the interface language, never as raw ISO.

let t: TestApp;
useTestApp((app) => (t = app));
// Each test signs in through the real login form (an argon2 hash) and walks a dozen pages.
jest.setTimeout(20_000);

function navLinks(html: string): string[] {
  const nav = /<nav class="desk-nav"[\s\S]*?<\/nav>/.exec(html)?.[0];
  if (!nav) throw new Error('No desk navigation on the page');
  return [...nav.matchAll(/<a\b[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]!);
}

const EVERYONE = [
  paths.desk(),
  paths.deskClaims(),
  paths.deskClaimants(),
  paths.deskSources(),
  paths.deskTopics(),
  paths.deskDisputes(),
  paths.deskDue(),
  paths.deskTokens(),
  paths.deskNewClaim(),
];
const EXPECTED: Record<Role, string[]> = {
  reporter: EVERYONE,
  editor: [...EVERYONE, paths.deskImport(), paths.deskInbox()],
  admin: [...EVERYONE, paths.deskImport(), paths.deskInbox(), paths.deskUsers()],
};

describe('desk navigation', () => {
  it.each(['reporter', 'editor', 'admin'] as const)(
    'links %s accounts to every desk page the role may open, and only those',
    async (role) => {
      const { agent } = await loginAs(t, role);
      const links = navLinks((await agent.get(paths.desk()).expect(200)).text);
      expect([...links].sort()).toEqual([...EXPECTED[role]].sort());
      for (const href of links) {
        const res = await agent.get(href);
        expect({ href, status: res.status }).toEqual({ href, status: 200 });
      }
      // What the navigation leaves out is refused to this role.
      for (const hidden of [paths.deskImport(), paths.deskUsers()].filter((p) => !links.includes(p))) {
        await agent.get(hidden).expect(403);
      }
    },
  );

  it('is on the tokens, users, import and history pages, marking the page it is on', async () => {
    const { agent } = await loginAs(t, 'admin');
    const claim = await t.db.selectFrom('claim').select('id').orderBy('id').executeTakeFirstOrThrow();
    for (const path of [paths.deskTokens(), paths.deskUsers(), paths.deskImport(), paths.deskClaimHistory(claim.id)]) {
      const html = (await agent.get(path).expect(200)).text;
      expect(navLinks(html)).toContain(paths.deskUsers());
      const current = [...html.matchAll(/<a href="([^"]+)" aria-current="page">/g)].map((m) => m[1]);
      if (path === paths.deskClaimHistory(claim.id)) expect(current).toEqual([]);
      else expect(current).toEqual([path]);
      // The users table labels its selects with visually hidden labels, which this helper does not read.
      if (path !== paths.deskUsers()) expect(unlabelledControls(html)).toEqual([]);
    }
  });

  it('is not on the public history of a claim', async () => {
    const claim = await t.db.selectFrom('claim').select('id').where('state', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
    const res = await request(t.app).get(paths.claimHistory(claim.id)).expect(200);
    expect(res.text).not.toContain('class="desk-nav"');
  });
});

describe('desk timestamps in the journalist’s language', () => {
  const MOMENT = '2025-03-14T10:42:07.123Z';
  const LATER = '2025-11-02T08:05:00.000Z';

  it('shows token, user, history and record times as words in English and Dutch, never raw ISO', async () => {
    const { agent, userId, csrf } = await loginAs(t, 'admin');
    await agent
      .post(paths.deskTokens())
      .type('form')
      .send({ name: 'newsroom script', _csrf: await csrf() })
      .expect(201);
    await agent
      .post(paths.deskTokens())
      .type('form')
      .send({ name: 'old script', _csrf: await csrf() })
      .expect(201);
    await t.db.updateTable('api_token').set({ created_at: MOMENT, last_used_at: LATER }).where('name', '=', 'newsroom script').execute();
    await t.db.updateTable('api_token').set({ created_at: MOMENT, revoked_at: LATER }).where('name', '=', 'old script').execute();
    await t.db.updateTable('user_account').set({ created_at: MOMENT }).where('id', '=', userId).execute();
    const claim = await t.db.selectFrom('claim').select('id').orderBy('id').executeTakeFirstOrThrow();
    // Revisions are append-only: one more entry, dated LATER.
    await t.db
      .insertInto('revision')
      .values({
        entity: 'claim',
        entity_id: claim.id,
        claim_id: claim.id,
        action: 'update',
        actor_id: userId,
        at: LATER,
        before_json: JSON.stringify({ said_where: 'a call' }),
        after_json: JSON.stringify({ said_where: 'a phone call' }),
      })
      .execute();

    await t.db.updateTable('claim').set({ updated_at: MOMENT }).where('id', '=', claim.id).execute();

    const pages = {
      tokens: paths.deskTokens(),
      users: paths.deskUsers(),
      history: paths.deskClaimHistory(claim.id),
      claim: paths.deskClaim(claim.id),
    };
    const expected = {
      en: {
        tokens: [
          `<time datetime="${MOMENT}">14 March 2025 at 10:42 UTC</time>`,
          `<time datetime="${LATER}">2 November 2025 at 08:05 UTC</time>`,
          'revoked on 2 November 2025 at 08:05 UTC',
        ],
        users: [`<time datetime="${MOMENT}">14 March 2025 at 10:42 UTC</time>`, '<th scope="col">Added</th>'],
        history: [`<time datetime="${LATER}">2 November 2025 at 08:05 UTC</time>`],
        claim: [`last changed <time datetime="${MOMENT}">14 March 2025 at 10:42 UTC</time>`],
      },
      nl: {
        tokens: [
          `<time datetime="${MOMENT}">14 maart 2025 om 10:42 UTC</time>`,
          `<time datetime="${LATER}">2 november 2025 om 08:05 UTC</time>`,
          'ingetrokken op 2 november 2025 om 08:05 UTC',
        ],
        users: [`<time datetime="${MOMENT}">14 maart 2025 om 10:42 UTC</time>`, '<th scope="col">Toegevoegd</th>'],
        history: [`<time datetime="${LATER}">2 november 2025 om 08:05 UTC</time>`],
        claim: [`laatst gewijzigd <time datetime="${MOMENT}">14 maart 2025 om 10:42 UTC</time>`],
      },
    };
    for (const locale of ['en', 'nl'] as const) {
      for (const [name, path] of Object.entries(pages) as Array<[keyof typeof pages, string]>) {
        const html = (await agent.get(path).set('Accept-Language', locale).expect(200)).text;
        for (const text of expected[locale][name]) expect(html).toContain(text);
        // An ISO timestamp appears only inside datetime="…", where machines read it.
        const main = /<main\b[\s\S]*<\/main>/.exec(html)![0];
        expect(main.replace(/datetime="[^"]*"/g, '')).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
      }
    }
  });
});

describe('date hints', () => {
  it('gives no typed-out format for real date inputs, whose format the browser shows in its own language', async () => {
    const { agent } = await loginAs(t, 'editor');
    for (const locale of ['en', 'nl']) {
      for (const path of [paths.deskNewSource(), paths.deskNewClaim()]) {
        const html = (await agent.get(path).set('Accept-Language', locale).expect(200)).text;
        const dateInputs = [...html.matchAll(/<input type="date" id="([^"]+)"[^>]*>/g)];
        expect(dateInputs.length).toBeGreaterThan(0);
        for (const [tag, id] of dateInputs) {
          const hint = new RegExp(`<p class="hint" id="${id}-hint">([^<]*)</p>`).exec(html)?.[1] ?? '';
          expect({ id, hint }).toEqual({ id, hint: expect.not.stringMatching(/YYYY|JJJJ|MM|DD/) });
          if (!hint) expect(tag).not.toContain('-hint');
        }
      }
    }
  });
});
