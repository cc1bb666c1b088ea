import request from 'supertest';
import { useTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
useTestApp((app) => (t = app));

describe('smoke', () => {
  it('renders', async () => {
    const res = await request(t.app).get('/promises');
    console.log(res.status, res.text.slice(res.text.indexOf('<main'), res.text.indexOf('<main') + 4000));
    const d = await request(t.app).get('/disputes/is-russia-keeping-its-30-day-energy-strike-pledge/feed.atom');
    console.log(d.status, d.text.slice(0, 3000));
    const c = await request(t.app).get('/claimants/vladimir-putin');
    console.log(c.status, c.text.match(/outcome[^\n]*/g));
    console.log(t.errors);
  });
});
