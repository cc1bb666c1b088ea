import request from 'supertest';
import { updateClaim, type ClaimInput } from '../../src/claims/claim.repository';
import { useTestApp, type TestApp } from '../helpers/app';
import { addClaim } from '../helpers/claims';
import { decode } from '../helpers/desk';

let t: TestApp;
useTestApp((app) => (t = app));

const section = (html: string) => {
  const start = html.indexOf('id="corrections"');
  return start < 0 ? '' : html.slice(start, html.indexOf('</section>', start));
};

describe('corrections on the claim page', () => {
  it('lists each verdict change made while published, dated, old → new, with the rationale, as /corrections does', async () => {
    const claim = await addClaim(t.db, 'kremlin', { text: 'The pause on energy strikes holds.', state: 'draft', said_on: null });
    const input: ClaimInput = {
      claimant_id: claim.claimant_id,
      text: claim.text,
      kind: 'statement',
      verdict: 'unverified',
      state: 'draft',
      topics: [],
      citations: [],
    };
    // Rated while a draft: not a correction. Published, then re-rated twice: two corrections.
    await updateClaim(t.db, claim.id, 1, { ...input, verdict: 'true', verdict_rationale: 'First look.' });
    await updateClaim(t.db, claim.id, 2, { ...input, verdict: 'true', verdict_rationale: 'First look.', state: 'published' });
    await updateClaim(t.db, claim.id, 3, {
      ...input,
      verdict: 'mixed',
      verdict_rationale: 'Strikes <b>resumed</b> in the south.',
      state: 'published',
    });
    await updateClaim(t.db, claim.id, 4, {
      ...input,
      verdict: 'false',
      verdict_rationale: 'Strikes resumed everywhere.',
      state: 'published',
    });

    const page = await request(t.app).get(`/claims/${claim.id}`).expect(200);
    const own = section(page.text);
    expect(own).toContain('Corrections to this claim');
    const items = [...own.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) =>
      decode(
        m[1]!
          .replace(/<(?!\/?b>)[^>]+>/g, '')
          .replace(/\s+/g, ' ')
          .trim(),
      ),
    );
    expect(items).toHaveLength(2);
    expect(items[0]).toMatch(/^\d{1,2} \w+ \d{4} · Verdict changed from Mixed to False Why: Strikes resumed everywhere\.$/);
    expect(items[1]).toContain('Verdict changed from True to Mixed');
    // The rationale is text, never markup.
    expect(own).toContain('Strikes &lt;b&gt;resumed&lt;/b&gt; in the south.');
    expect(own).toContain('href="/corrections"');

    // The same entries as the corrections log.
    const log = await request(t.app).get('/corrections').expect(200);
    expect(log.text).toContain('Strikes resumed everywhere.');
    expect(log.text).toContain('Strikes &lt;b&gt;resumed&lt;/b&gt; in the south.');

    const nl = await request(t.app).get(`/claims/${claim.id}?lang=nl`).expect(200);
    expect(section(nl.text)).toContain('Correcties van deze bewering');
    expect(section(nl.text)).toContain('Oordeel gewijzigd van');
  });

  it('shows no corrections section on a claim never re-rated after publication', async () => {
    const claim = await addClaim(t.db, 'kremlin');
    const page = await request(t.app).get(`/claims/${claim.id}`).expect(200);
    expect(section(page.text)).toBe('');
  });
});
