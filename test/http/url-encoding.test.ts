import request from 'supertest';
import { testApp, useTestApp, type TestApp } from '../helpers/app';

// An address whose percent escapes are not UTF-8 is one answer everywhere: a 400 naming the parameter,
// in the reader's language, on pages, their table twins, the API and the desk alike.

let t: TestApp;
useTestApp((app) => (t = app));

const BAD_QUERIES = [
  '/claims.csv?verdict=%FF',
  '/claims?verdict=%FF',
  '/claims.json?verdict=%C3%28',
  '/disputes.md?q=%E0%A4%A',
  '/search?q=%C3%28',
  '/search?q=100%',
  '/claims?q=%zz',
  '/feed.atom?x=%FF',
  '/api/v1/claims?q=%FF',
  '/?lang=nl%FF',
];

describe('a query string that is not UTF-8 percent-encoding', () => {
  it.each(BAD_QUERIES)('%s is a 400 naming the parameter', async (url) => {
    const res = await request(t.app).get(url).set('Accept', 'text/html');
    const name = url.slice(url.indexOf('?') + 1).split('=')[0];
    expect(res.status).toBe(400);
    if (url.startsWith('/api/')) {
      expect(res.body.error).toMatchObject({ code: 'invalid_encoding', fields: { [name!]: expect.stringContaining('UTF-8') } });
    } else {
      expect(res.text).toContain(`The parameter “${name}” is not valid: it holds a % escape that is not UTF-8 text.`);
    }
  });

  it('is a JSON error on a .json twin and the API, in the reader’s language', async () => {
    const json = await request(t.app).get('/claims.json?verdict=%FF').set('Accept-Language', 'nl').expect(400);
    expect(json.body.error.code).toBe('invalid_encoding');
    expect(json.body.error.message).toBe(
      'De parameter ‘verdict’ is niet geldig: er staat een %-code in die geen UTF-8-tekst is. Controleer de link en probeer het opnieuw.',
    );
    const api = await request(t.app).get('/api/v1/disputes?q=%C3%28').set('Accept-Language', 'nl').expect(400);
    expect(api.body.error.fields).toEqual({ q: expect.stringContaining('%-code') });
  });

  it('names an unreadable parameter name as it was sent, escaped', async () => {
    const res = await request(t.app).get('/claims?%3Cb%3Ex%FF=1').expect(400);
    expect(res.text).toContain('The parameter “%3Cb%3Ex%FF” is not valid');
    const named = await request(t.app).get('/claims?%3Cscript%3E=%FF').expect(400);
    expect(named.text).toContain('The parameter “&lt;script&gt;” is not valid');
    expect(named.text).not.toContain('<script>');
  });

  it('is refused on the desk too (signed in)', async () => {
    const desk = await testApp({ signedInAs: 'editor' });
    try {
      const res = await request(desk.app).get('/desk/claims?page=%FF').expect(400);
      expect(res.text).toContain('The parameter “page” is not valid');
      expect(desk.errors).toEqual([]);
    } finally {
      await desk.db.destroy();
    }
  });

  it('lets valid escapes through: accents, plus signs, encoded percent signs', async () => {
    const res = await request(t.app).get('/search?q=Oekra%C3%AFne+oorlog').expect(200);
    expect(res.text).toContain('value="Oekraïne oorlog"');
    await request(t.app).get('/claims?q=100%25').expect(200);
    await request(t.app).get('/claims.csv?verdict=false').expect(200);
  });
});

describe('a path whose escapes are not UTF-8', () => {
  it.each(['/claims/%FF', '/disputes/%E0', '/claimants/%C3%28', '/topics/a%'])('%s is a 400 saying so', async (url) => {
    const res = await request(t.app).get(url).set('Accept-Language', 'nl').expect(400);
    expect(res.text).toContain('In dit adres staat een %-code die geen UTF-8-tekst is.');
  });

  it('is a 400 on the API, with a JSON body', async () => {
    const res = await request(t.app).get('/api/v1/claims/%FF').expect(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_encoding', message: expect.stringContaining('not UTF-8') });
  });
});
