import request from 'supertest';
import { paths } from '../../src/http/urls';
import { testApp, type TestApp } from '../helpers/app';
import { unlabelledControls } from '../helpers/desk';

let t: TestApp;
beforeEach(async () => {
  t = await testApp({ signedInAs: 'editor' });
});
afterEach(async () => {
  expect(t.errors).toEqual([]);
  await t.db.destroy();
});

const dutch = (url: string) => request(t.app).get(url).set('Accept-Language', 'nl');

describe('desk in Dutch', () => {
  it('renders the desk home in Dutch with lang="nl"', async () => {
    const res = await dutch(paths.desk()).expect(200);
    expect(res.text).toContain('<html lang="nl"');
    expect(res.text).toContain('<h1>Redactie</h1>');
    expect(res.text).toContain(`<a class="button" href="${paths.deskNewClaim()}">Nieuwe bewering</a>`);
    expect(res.text).toContain('Wat de redactie bevat');
    expect(res.text).toMatch(/<td>\d+ \(\d+ concept\)<\/td>/);
    expect(res.text).not.toContain('New claim');
  });

  it('follows the lang=nl cookie too', async () => {
    const res = await request(t.app).get(paths.desk()).set('Cookie', 'lang=nl').expect(200);
    expect(res.text).toContain('<html lang="nl"');
    expect(res.text).toContain('<h1>Redactie</h1>');
  });

  it('renders the new-claim form with Dutch labels, hints and buttons', async () => {
    const res = await dutch(paths.deskNewClaim()).expect(200);
    expect(res.text).toContain('<html lang="nl"');
    expect(res.text).toContain('<h1>Nieuwe bewering</h1>');
    expect(res.text).toContain('<legend>Wie zei het</legend>');
    expect(res.text).toContain('Wat werd beweerd <span class="required">(verplicht)</span>');
    expect(res.text).toContain('— kies wie het zei —');
    expect(res.text).toContain('<option value="draft" selected>Concept</option>');
    expect(res.text).toContain('<legend>Verwijzing 1</legend>');
    expect(res.text).toContain('<button type="submit">Bewering aanmaken</button>');
    expect(res.text).not.toMatch(/Create claim|Who said it|\(required\)/);
    expect(unlabelledControls(res.text)).toEqual([]);
  });

  it('re-renders a refused claim with a Dutch error summary (422)', async () => {
    const res = await request(t.app)
      .post(paths.deskNewClaim())
      .set('Accept-Language', 'nl')
      .type('form')
      .send({ text: '', state: 'draft' })
      .expect(422);
    expect(res.text).toContain('<html lang="nl"');
    expect(res.text).toMatch(/Er is niets opgeslagen: er (is een probleem|zijn \d+ problemen)/);
    expect(res.text).toContain('<button type="submit">Bewering aanmaken</button>');
  });

  it('renders the claims list in Dutch', async () => {
    const res = await dutch(paths.deskClaims()).expect(200);
    expect(res.text).toContain('<html lang="nl"');
    expect(res.text).toContain('<h1>Beweringen</h1>');
    expect(res.text).toContain('<caption>Laatst gewijzigd eerst</caption>');
    expect(res.text).toContain('<th scope="col">Oordeel</th>');
    expect(res.text).toContain('<title>Beweringen');
    expect(res.text).toMatch(/<td>(Gepubliceerd|Concept|Ingetrokken)<\/td>/);
  });

  it('renders the import and API-token pages in Dutch', async () => {
    const imports = await dutch(paths.deskImport()).expect(200);
    expect(imports.text).toContain('<h1>Beweringen importeren</h1>');
    expect(imports.text).toContain('value="dry-run">Proefrun</button>');
    const tokens = await dutch(paths.deskTokens()).expect(200);
    expect(tokens.text).toContain('<h1>API-tokens</h1>');
    expect(tokens.text).toContain('<button type="submit">Token aanmaken</button>');
  });

  it('renders the same pages in English without a Dutch choice', async () => {
    const home = await request(t.app).get(paths.desk()).set('Accept-Language', 'en').expect(200);
    expect(home.text).toContain('<html lang="en"');
    expect(home.text).toContain('<h1>Desk</h1>');
    const form = await request(t.app).get(paths.deskNewClaim()).expect(200);
    expect(form.text).toContain('<html lang="en"');
    expect(form.text).toContain('<legend>Who said it</legend>');
    expect(form.text).toContain('<button type="submit">Create claim</button>');
    const refused = await request(t.app).post(paths.deskNewClaim()).type('form').send({ text: '', state: 'draft' }).expect(422);
    expect(refused.text).toMatch(/Nothing was saved: there (is a problem|are \d+ problems)/);
    const list = await request(t.app).get(paths.deskClaims()).expect(200);
    expect(list.text).toContain('<h1>Claims</h1>');
    expect(list.text).toContain('<caption>Most recently changed first</caption>');
  });
});
