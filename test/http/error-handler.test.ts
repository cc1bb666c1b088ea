import express from 'express';
import request from 'supertest';
import { errorHandler, HttpError } from '../../src/http/errors';

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
