import request from 'supertest';
import { useTestApp, type TestApp } from '../helpers/app';
import { decode } from '../helpers/desk';

// Errors and titles a reader or an API client sees come in the request's language (Accept-Language
// or the language cookie); English stays word for word what it was, and `code` values never change.

let t: TestApp;
useTestApp((app) => (t = app), { signedInAs: 'editor' });

type Locale = 'en' | 'nl';
type ErrorBody = { code: string; message: string; fields: Record<string, string> };

async function errorOf(path: string, locale: Locale, status: number): Promise<ErrorBody> {
  const res = await request(t.rawApp).get(path).set('Accept-Language', locale).set('Accept', 'application/json').expect(status);
  return res.body.error as ErrorBody;
}

async function publishedClaim() {
  return t.db.selectFrom('claim').select(['id', 'text']).where('state', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
}

describe('reader errors in both languages', () => {
  it('answers a twin of a record that does not exist in the reader’s language', async () => {
    expect(await errorOf('/claims/999999.json', 'en', 404)).toEqual({
      code: 'not_found',
      message: 'There is no claim at this address.',
      fields: {},
    });
    expect(await errorOf('/claims/999999.json', 'nl', 404)).toEqual({
      code: 'not_found',
      message: 'Op dit adres staat geen bewering.',
      fields: {},
    });
    expect((await errorOf('/disputes/no-such-dispute.json', 'nl', 404)).message).toBe('Op dit adres staat geen geschil.');
    expect((await errorOf('/topics/no-such-topic.json', 'nl', 404)).message).toBe('Op dit adres staat geen onderwerp.');
  });

  it('names a bad list filter in the reader’s language, the same on a page and its .csv twin', async () => {
    const cases: Array<[string, Record<Locale, string>]> = [
      [
        'sort=random',
        {
          en: 'The parameter “sort” is not valid: must be one of: said-desc, said-asc, updated-desc, claimant.',
          nl: 'De parameter ‘sort’ is niet geldig: moet een van deze zijn: said-desc, said-asc, updated-desc, claimant.',
        },
      ],
      [
        'from=yesterday',
        {
          en: 'The parameter “from” is not valid: must be a date written as YYYY-MM-DD, YYYY-MM or YYYY.',
          nl: 'De parameter ‘from’ is niet geldig: moet een datum zijn in de vorm JJJJ-MM-DD, JJJJ-MM of JJJJ.',
        },
      ],
      [
        'page=0',
        { en: 'The parameter “page” is not valid: must be 1 or more.', nl: 'De parameter ‘page’ is niet geldig: moet 1 of meer zijn.' },
      ],
    ];
    for (const [query, message] of cases) {
      for (const locale of ['en', 'nl'] as const) {
        const page = await errorOf(`/claims?${query}`, locale, 400);
        expect(page.code).toBe('bad_filter');
        expect(page.message).toBe(message[locale]);
        // The field's own text is the part after the parameter's name.
        expect(Object.values(page.fields)).toEqual([message[locale].replace(/^[^:]*: /, '')]);
        expect(await errorOf(`/claims.csv?${query}`, locale, 400)).toEqual(page);
      }
    }
    // The HTML error page says it too.
    const html = await request(t.rawApp).get('/disputes.csv?sort=random').set('Accept-Language', 'nl').expect(400);
    expect(decode(html.text)).toContain('moet een van deze zijn: said-desc');
  });

  it('titles a claim’s public history and the corrections log in the reader’s language', async () => {
    const claim = await publishedClaim();
    const en = await request(t.rawApp).get(`/claims/${claim.id}/history`).set('Accept-Language', 'en').expect(200);
    const nl = await request(t.rawApp).get(`/claims/${claim.id}/history`).set('Accept-Language', 'nl').expect(200);
    expect(decode(en.text)).toContain(`<title>History: ${claim.text} · Test Desk</title>`);
    expect(decode(nl.text)).toContain(`<title>Geschiedenis: ${claim.text} · Test Desk</title>`);
    const corrections = await request(t.rawApp).get('/corrections').set('Accept-Language', 'nl').expect(200);
    expect(corrections.text).toContain('<title>Correcties · Test Desk</title>');
  });

  it('names each change in a claim’s history in the reader’s language', async () => {
    const claimant = (await request(t.app).get('/api/v1/claimants').expect(200)).body.data[0];
    const created = await request(t.app).post('/api/v1/claims').send({ claimant_id: claimant.id, text: 'A claim to trace.' }).expect(201);
    const path = `/desk/claims/${created.body.data.id}/history`;
    const en = decode((await request(t.app).get(path).set('Accept-Language', 'en').expect(200)).text);
    const nl = decode((await request(t.app).get(path).set('Accept-Language', 'nl').expect(200)).text);
    expect(en).toContain('<title>History: A claim to trace. · Test Desk</title>');
    expect(en).toContain('<strong>claim create</strong>');
    expect(nl).toContain('<title>Geschiedenis: A claim to trace. · Test Desk</title>');
    expect(nl).toContain('<strong>bewering aangemaakt</strong>');
    expect(nl).toContain('>Bewerken</a>');
  });
});

describe('API errors in both languages', () => {
  const api = (path: string) => `/api/v1${path}`;

  it('refuses a bad claim body with a 422 in the client’s language, fields keyed alike', async () => {
    const en = await request(t.app).post(api('/claims')).set('Accept-Language', 'en').send({ text: '' }).expect(422);
    const nl = await request(t.app).post(api('/claims')).set('Cookie', 'lang=nl').send({ text: '' }).expect(422);
    const names = Object.keys(en.body.error.fields);
    expect(names).toEqual(expect.arrayContaining(['claimant_id', 'text']));
    expect(en.body.error).toMatchObject({ code: 'invalid', message: `Please check: ${names.join(', ')}.` });
    expect(nl.body.error).toMatchObject({ code: 'invalid', message: `Controleer: ${names.join(', ')}.` });
    expect(Object.keys(nl.body.error.fields)).toEqual(names);
  });

  it('answers a missing record, a bad id and an unknown route with a 404 in the client’s language', async () => {
    const cases: Array<[string, Record<Locale, string>]> = [
      ['/claims/999999', { en: 'No such claim.', nl: 'Deze bewering bestaat niet.' }],
      ['/disputes/999999', { en: 'No such dispute.', nl: 'Dit geschil bestaat niet.' }],
      ['/claims/abc', { en: 'Not found.', nl: 'Niet gevonden.' }],
      ['/no-such-route', { en: 'There is no API route at this address.', nl: 'Op dit adres staat geen API-route.' }],
    ];
    for (const [path, message] of cases) {
      for (const locale of ['en', 'nl'] as const) {
        expect(await errorOf(api(path), locale, 404)).toEqual({ code: 'not_found', message: message[locale], fields: {} });
      }
    }
  });

  it('explains a version conflict in the client’s language and still sends the current record', async () => {
    const claimant = (await request(t.app).get(api('/claimants')).expect(200)).body.data[0];
    const body = { claimant_id: claimant.id, text: 'A claim edited twice.' };
    const id = (await request(t.app).post(api('/claims')).send(body).expect(201)).body.data.id;
    await request(t.app)
      .put(api(`/claims/${id}`))
      .send({ ...body, text: 'First edit.', version: 1 })
      .expect(200);
    const en = await request(t.app)
      .put(api(`/claims/${id}`))
      .set('Accept-Language', 'en')
      .send({ ...body, version: 1 })
      .expect(409);
    const nl = await request(t.app)
      .put(api(`/claims/${id}`))
      .set('Accept-Language', 'nl')
      .send({ ...body, version: 1 })
      .expect(409);
    expect(en.body.error).toEqual({
      code: 'version_conflict',
      message:
        'Not saved: the record changed since the version you sent; it is now at version 2. Merge your change into "current" and send it with that version.',
      fields: { version: 'The current version is 2.' },
    });
    expect(nl.body.error.code).toBe('version_conflict');
    expect(nl.body.error.message).toMatch(/^Niet opgeslagen: .* versie 2\./);
    expect(nl.body.error.fields).toEqual({ version: 'De huidige versie is 2.' });
    expect(nl.body.current).toMatchObject({ id, text: 'First edit.', version: 2 });
  });
});
