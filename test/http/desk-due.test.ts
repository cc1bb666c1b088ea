import request from 'supertest';
import { useTestApp, type TestApp } from '../helpers/app';
import { addClaim } from '../helpers/claims';

let t: TestApp;
useTestApp((app) => (t = app), { signedInAs: 'reporter' });

const rowsOf = (html: string, section: string) => {
  const part = html.slice(html.indexOf(`id="${section}-title"`), html.indexOf('</section>', html.indexOf(`id="${section}-title"`)));
  return [...part.matchAll(/<tr( class="overdue")?>\s*<td><time datetime="([^"]+)">[\s\S]*?href="\/desk\/claims\/(\d+)"/g)].map((m) => ({
    due: m[2],
    id: Number(m[3]),
  }));
};

describe('desk: due for review', () => {
  it('lists promises and predictions with a review date, overdue first, then upcoming, with links to edit', async () => {
    const pledge = await t.db
      .selectFrom('claim')
      .select(['id', 'review_due_on'])
      .where('kind', '=', 'promise')
      .where('review_due_on', '=', '2025-04-17')
      .executeTakeFirstOrThrow();
    const soon = await addClaim(t.db, 'kremlin', { text: 'A prediction for next year', kind: 'prediction', review_due_on: '2999-01-02' });
    const sooner = await addClaim(t.db, 'kremlin', {
      text: 'A promise, due sooner',
      kind: 'promise',
      review_due_on: '2999-01-01',
      state: 'draft',
    });
    const older = await addClaim(t.db, 'kremlin', { text: 'An older promise', kind: 'promise', review_due_on: '2024-12-31' });
    await addClaim(t.db, 'kremlin', { text: 'Retracted promise', kind: 'promise', review_due_on: '2024-01-01', state: 'retracted' });
    await addClaim(t.db, 'kremlin', { text: 'A promise without a date', kind: 'promise' });

    const res = await request(t.app).get('/desk/due').expect(200);
    expect(rowsOf(res.text, 'overdue')).toEqual([
      { due: '2024-12-31', id: older.id },
      { due: '2025-04-17', id: pledge.id },
    ]);
    expect(rowsOf(res.text, 'upcoming')).toEqual([
      { due: '2999-01-01', id: sooner.id },
      { due: '2999-01-02', id: soon.id },
    ]);
    expect(res.text).not.toContain('Retracted promise');
    expect(res.text).not.toContain('A promise without a date');
    expect(res.text).toContain('<tr class="overdue">');

    const home = await request(t.app).get('/desk').expect(200);
    expect(home.text).toMatch(
      /<a href="\/desk\/due" id="due-link">Due for review <span class="count-badge overdue">4<\/span><\/a> — 2 overdue/,
    );
  });

  it('shows the seed’s 30-day energy-strike pledge as overdue', async () => {
    const res = await request(t.app).get('/desk/due').expect(200);
    const overdue = res.text.slice(res.text.indexOf('id="overdue-title"'), res.text.indexOf('id="upcoming-title"'));
    expect(overdue).toContain('2025-04-17');
    expect(overdue).toMatch(/energy/i);
  });

  it('escapes claim text', async () => {
    await addClaim(t.db, 'kremlin', { text: '<script>alert(1)</script>', kind: 'promise', review_due_on: '2999-01-01' });
    const res = await request(t.app).get('/desk/due').expect(200);
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
