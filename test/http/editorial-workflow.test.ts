import { useTestApp, type TestApp } from '../helpers/app';
import { loginAs } from '../helpers/auth';

let t: TestApp;
useTestApp((app) => (t = app));

/** The claim's edit form as the browser would send it back, with changes. */
async function editForm(agent: import('supertest').Agent, id: number, changes: Record<string, string>): Promise<string> {
  const whole = (await agent.get(`/desk/claims/${id}`).expect(200)).text;
  // Only the claim form itself (the page also holds the link and delete forms).
  const start = whole.indexOf(`action="/desk/claims/${id}"`);
  const page = { text: whole.slice(start, whole.indexOf('</form>', start)) };
  const fields = new URLSearchParams();
  for (const m of page.text.matchAll(/<input\b[^>]*\bname="([^"]+)"[^>]*\bvalue="([^"]*)"/g))
    fields.append(
      m[1]!,
      m[2]!
        .replace(/&quot;/g, '"')
        .replace(/&#x27;/g, "'")
        .replace(/&amp;/g, '&'),
    );
  for (const m of page.text.matchAll(/<textarea\b[^>]*\bname="([^"]+)"[^>]*>([^<]*)<\/textarea>/g))
    fields.set(
      m[1]!,
      m[2]!
        .replace(/&quot;/g, '"')
        .replace(/&#x27;/g, "'")
        .replace(/&amp;/g, '&'),
    );
  for (const m of page.text.matchAll(/<select\b[^>]*\bname="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const chosen = /<option value="([^"]*)"[^>]*selected/.exec(m[2]!);
    if (chosen && !fields.has(m[1]!)) fields.set(m[1]!, chosen[1]!);
  }
  for (const [k, v] of Object.entries(changes)) fields.set(k, v);
  return fields.toString();
}

// The body is built before the request: an agent attaches its cookies when a request is created.
function post(agent: import('supertest').Agent, id: number, body: string, status: number) {
  return agent.post(`/desk/claims/${id}`).type('form').send(body).expect(status);
}

describe('editorial workflow', () => {
  it('lets a reporter save drafts but not publish or rate', async () => {
    const claim = await t.db.selectFrom('claim').select('id').where('state', '=', 'published').executeTakeFirstOrThrow();
    const { agent } = await loginAs(t, 'reporter');
    const res = await post(agent, claim.id, await editForm(agent, claim.id, { text: 'Changed by a reporter' }), 422);
    expect(res.text).toContain('Reporters edit drafts only');
    expect(res.text).toContain('Changed by a reporter');
    const row = await t.db.selectFrom('claim').select('text').where('id', '=', claim.id).executeTakeFirstOrThrow();
    expect(row.text).not.toBe('Changed by a reporter');
  });

  it('requires a reason for the correction to change a published verdict, then lists it in the corrections log with the editor as actor', async () => {
    const claim = await t.db
      .selectFrom('claim')
      .selectAll()
      .where('state', '=', 'published')
      .where('verdict', '<>', 'false')
      .orderBy('said_on')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const { agent, userId } = await loginAs(t, 'editor');
    const refused = await post(agent, claim.id, await editForm(agent, claim.id, { verdict: 'false' }), 422);
    expect(refused.text).toContain('Give the reason for this correction');
    await post(
      agent,
      claim.id,
      await editForm(agent, claim.id, { verdict: 'false', correction_reason: 'The ministry later published the full minutes.' }),
      303,
    );
    const corrections = await agent.get('/corrections').expect(200);
    expect(corrections.text).toContain('The ministry later published the full minutes.');
    const rev = await t.db
      .selectFrom('revision')
      .selectAll()
      .where('entity', '=', 'verdict')
      .where('entity_id', '=', claim.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(rev.actor_id).toBe(userId);
    expect(rev.public_correction).toBe(1);
    const history = await agent.get(`/desk/claims/${claim.id}/history`).expect(200);
    expect(history.text).toContain('Editor Person');
    expect(history.text).toMatch(/<ins>[^<]*false/);
  });
});
