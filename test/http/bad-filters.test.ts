import request from 'supertest';
import { useTestApp, type TestApp } from '../helpers/app';

// One list-filter parser answers for the list pages, their table twins and the API: the same bad
// URL gets the same status, error code, message (in the reader's language) and named field.

let t: TestApp;
useTestApp((app) => (t = app));

const BAD = [
  ['from=yesterday', 'from'],
  ['sort=random', 'sort'],
  ['page=0', 'page'],
  ['q=%22open', 'q'],
] as const;

const NAMED = {
  en: (name: string) => `The parameter “${name}” is not valid`,
  nl: (name: string) => `De parameter ‘${name}’ is niet geldig`,
};

async function errorOf(path: string, locale: 'en' | 'nl') {
  const res = await request(t.app).get(path).set('Accept-Language', locale).set('Accept', 'application/json');
  return { status: res.status, error: res.body.error as { code: string; message: string; fields: Record<string, string> } };
}

describe('a bad list filter', () => {
  for (const locale of ['en', 'nl'] as const) {
    it(`gets the same answer from a page and its .csv twin (${locale})`, async () => {
      for (const [query, name] of BAD) {
        for (const list of ['/claims', '/disputes']) {
          const page = await errorOf(`${list}?${query}`, locale);
          expect(page.status).toBe(400);
          expect(page.error.code).toBe('bad_filter');
          expect(page.error.message).toContain(NAMED[locale](name));
          expect(Object.keys(page.error.fields)).toEqual([name]);
          for (const format of ['csv', 'json', 'xlsx', 'md']) expect(await errorOf(`${list}.${format}?${query}`, locale)).toEqual(page);
        }
      }
    });
  }

  it('reads the same on the HTML page and the HTML error of a twin', async () => {
    const page = await request(t.app).get('/claims?from=gisteren').set('Accept-Language', 'nl').expect(400);
    const twin = await request(t.app).get('/claims.csv?from=gisteren').set('Accept-Language', 'nl').expect(400);
    expect(page.text).toContain(NAMED.nl('from'));
    expect(twin.text).toContain(NAMED.nl('from'));
  });

  it('gets the same code and field from the API', async () => {
    const res = await request(t.app).get('/api/v1/claims?from=yesterday').expect(400);
    expect(res.body.error.code).toBe('bad_filter');
    expect(res.body.error.message).toContain(NAMED.en('from'));
    expect(Object.keys(res.body.error.fields)).toEqual(['from']);
  });
});
