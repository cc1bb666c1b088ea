import { paths } from '../../src/http/urls';
import { useTestApp, type TestApp } from '../helpers/app';
import { csrfFrom, loginAs } from '../helpers/auth';
import { submittedFields } from '../helpers/desk';

// The import form parses its own body (app.ts mounts it before the other forms) and checks CSRF
// itself: the form must carry the token, as every other desk form does.

let t: TestApp;
useTestApp((app) => (t = app));

const CSV =
  'claimant,claimant_kind,said_on,text,verdict,verdict_rationale,state,topics\nKremlin,government,2025,From the form,unverified,,draft,';

describe('/desk/import in a browser’s shoes', () => {
  it('renders the session’s CSRF token, so a form post with only the cookie is accepted', async () => {
    const { agent } = await loginAs(t, 'editor');
    const form = await agent.get(paths.deskImport()).expect(200);
    const fields = Object.fromEntries(submittedFields(form.text, 'import-form'));
    expect(fields._csrf).toBe(await csrfFrom(agent, paths.deskTokens()));
    const res = await agent
      .post(paths.deskImport())
      .type('form')
      .send({ ...fields, content: CSV, action: 'import' })
      .expect(200);
    expect(res.text).toContain('<h2 id="report-label">Imported</h2>');
    // The report page's form carries the token too, for the next import.
    expect(Object.fromEntries(submittedFields(res.text, 'import-form'))._csrf).toBe(fields._csrf);
  });

  it('still refuses a post without the token', async () => {
    const { agent } = await loginAs(t, 'editor');
    await agent.post(paths.deskImport()).type('form').send({ content: CSV, action: 'import' }).expect(403);
  });
});
