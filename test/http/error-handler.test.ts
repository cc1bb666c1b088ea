import express from 'express';
import request from 'supertest';
import { errorHandler, HttpError } from '../../src/http/errors';
import { testApp } from '../helpers/app';

test('when the error page itself cannot render, plain escaped text is sent, never a stack trace', async () => {
  const logged: unknown[] = [];
  const app = express();
  app.engine('hbs', (_file, _options, callback) => callback(new Error('template broke')));
  app.set('view engine', 'hbs');
  app.set('views', __dirname);
  app.get('/boom', () => {
    throw new HttpError(400, 'Bad <b>input</b>');
  });
  app.use(errorHandler((e) => logged.push(e)));
  const res = await request(app).get('/boom').set('Accept', 'text/html').expect(400);
  expect(res.type).toBe('text/plain');
  expect(res.text).toContain('Bad &#60;b&#62;input&#60;/b&#62;');
  expect(res.text).not.toContain('template broke');
  expect(res.text).not.toMatch(/\s+at\s/);
  expect(logged).toHaveLength(1);
});

describe('bodies that are not UTF-8', () => {
  it.each([
    ['raw bytes', Buffer.from([0x74, 0x65, 0x78, 0x74, 0x3d, 0xff, 0xfe])],
    ['percent escapes', Buffer.from('text=%FF%FE&new_claimant_name=X')],
  ])('are refused with a 400 and nothing saved (%s)', async (_name, body) => {
    const t = await testApp();
    const before = await t.db
      .selectFrom('claim')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    // serialize(identity): superagent would otherwise turn a Buffer into a form of its byte values.
    const res = await request(t.app)
      .post('/desk/claims/new')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .serialize((b: unknown) => b as string)
      .send(body as unknown as string);
    expect(res.status).toBe(400);
    expect(res.text).toContain('not valid UTF-8');
    const after = await t.db
      .selectFrom('claim')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(t.errors).toEqual([]);
    await t.db.destroy();
  });
});
