import request from 'supertest';
import { insertDispute } from '../../src/disputes/dispute.repository';
import { TOPIC_PAGE_DISPUTES } from '../../src/topic-page/topic-page.repository';
import { useTestApp, type TestApp } from '../helpers/app';
import { addClaim } from '../helpers/claims';

let t: TestApp;
useTestApp((app) => (t = app));

describe('a topic with many disputes', () => {
  it('lists the most recently published ones and links to all of them on the dispute list', async () => {
    const count = TOPIC_PAGE_DISPUTES + 3;
    for (let i = 0; i < count; i++) {
      const a = await addClaim(t.db, 'kremlin', { text: `Side A number ${i}`, topics: ['Harbour works'] });
      const b = await addClaim(t.db, 'government-of-ukraine', { text: `Side B number ${i}`, topics: ['Harbour works'] });
      const question = `Harbour question ${String(i).padStart(2, '0')}?`;
      await insertDispute(t.db, { question, status: 'open', state: 'published', claim_a_id: a.id, claim_b_id: b.id });
    }
    const page = await request(t.app).get('/topics/harbour-works').expect(200);
    const listed = [...page.text.matchAll(/Harbour question (\d+)\?/g)].map((m) => Number(m[1]));
    expect(listed).toHaveLength(TOPIC_PAGE_DISPUTES);
    expect(listed[0]).toBe(count - 1);
    expect(listed).not.toContain(0);
    expect(page.text).toContain(`The ${TOPIC_PAGE_DISPUTES} most recent of ${count} disputes: see them all.`);
    expect(page.text).toContain('href="/disputes?topic&#x3D;harbour-works"'); // Handlebars escapes "="
    const all = await request(t.app).get('/disputes?topic=harbour-works').expect(200);
    expect(all.text).toContain('Topic: <strong>Harbour works</strong>');
    expect([...all.text.matchAll(/Harbour question \d+\?/g)].length).toBeGreaterThan(0);

    const dutch = await request(t.app).get('/topics/harbour-works').set('Accept-Language', 'nl').expect(200);
    expect(dutch.text).toContain(`De ${TOPIC_PAGE_DISPUTES} recentste van ${count} geschillen: bekijk ze allemaal.`);
  });
});
