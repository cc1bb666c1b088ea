import request from 'supertest';
import { useTestApp, type TestApp } from '../helpers/app';
import { decode, idFrom, postForm, shownValue } from '../helpers/desk';

let t: TestApp;
useTestApp((app) => (t = app), { seed: false, signedInAs: 'editor' });

/** The value of the picker entry for claim `id` on a desk page, as the browser would fill it in. */
function pickerEntry(html: string, id: number): string {
  const m = new RegExp(`<option value="(#${id} — [^"]*)">`).exec(html);
  if (!m) throw new Error(`claim #${id} is not in the picker`);
  return decode(m[1]!);
}

describe('desk: the journalist’s flow, from an empty newsroom to a published dispute', () => {
  it('logs the Kremlin/Trump pair with sources, links them and publishes the dispute', async () => {
    // 1. Two sources: the Kremlin's readout (online) and the Fox News interview (broadcast, no URL).
    const readout = idFrom(
      (
        await postForm(t.app, '/desk/sources/new', {
          outlet: 'Kremlin',
          title: 'Telephone conversation with Donald Trump',
          url: 'http://en.kremlin.ru/events/president/news/76477',
          published_on: '2025-03-18',
          language: 'en',
          archive_url: '',
          retrieved_on: '2025-03-19',
        }).expect(303)
      ).headers.location,
    );
    const fox = idFrom(
      (
        await postForm(t.app, '/desk/sources/new', {
          outlet: 'Fox News',
          title: 'Interview with Donald Trump',
          url: '',
          published_on: '2025-03-19',
          language: 'en',
          archive_url: '',
          retrieved_on: '',
        }).expect(303)
      ).headers.location,
    );

    // 2. The Kremlin's claim, with its claimant created inline.
    const kremlinClaim = idFrom(
      (
        await postForm(t.app, '/desk/claims/new', {
          claimant_id: '',
          new_claimant_name: 'Kremlin',
          new_claimant_kind: 'government',
          text: 'Putin pressed Trump to end all foreign military aid and intelligence sharing for Kyiv.',
          quote: 'a complete cessation of foreign military aid and the provision of intelligence to Kyiv',
          quote_language: 'en',
          said_on: '2025-03-18',
          said_where: 'Kremlin readout of the phone call',
          kind: 'statement',
          review_due_on: '',
          topics: 'Military aid, Intelligence sharing',
          verdict: 'unverified',
          verdict_rationale: '',
          state: 'published',
          citation_source_id: [String(readout), ''],
          citation_role: ['made_in', ''],
          citation_excerpt: ['a complete cessation of foreign military aid', ''],
          link_type: 'contradicts',
          link_to_claim: '',
        }).expect(303)
      ).headers.location,
    );

    // 3. Trump's counterclaim, picked against the Kremlin's claim in the type-to-find list.
    const form = await request(t.app).get('/desk/claims/new').expect(200);
    const trumpClaim = idFrom(
      (
        await postForm(t.app, '/desk/claims/new', {
          claimant_id: '',
          new_claimant_name: 'Donald Trump',
          new_claimant_kind: 'person',
          text: 'Military aid was not discussed in the call with Putin.',
          quote: 'We never talked about aid, actually.',
          quote_language: 'en',
          said_on: '2025-03',
          said_where: 'Interview on Fox News',
          kind: 'statement',
          review_due_on: '',
          topics: 'military aid',
          verdict: 'unverified',
          verdict_rationale: '',
          state: 'published',
          citation_source_id: [String(fox), String(readout), ''],
          citation_role: ['made_in', 'evidence_against', ''],
          citation_excerpt: ['', '', ''],
          link_type: 'contradicts',
          link_to_claim: pickerEntry(form.text, kremlinClaim),
        }).expect(303)
      ).headers.location,
    );
    expect(await t.db.selectFrom('claimant').select('name').orderBy('name').execute()).toEqual([
      { name: 'Donald Trump' },
      { name: 'Kremlin' },
    ]);
    expect(await t.db.selectFrom('topic').select('name').orderBy('name').execute()).toEqual([
      { name: 'Intelligence sharing' },
      { name: 'Military aid' },
    ]);

    // 4. From the counterclaim's page, "Frame as a dispute" opens the dispute form with both sides filled in.
    const claimPage = await request(t.app).get(`/desk/claims/${trumpClaim}`).expect(200);
    const frame = /<a href="([^"]+)">Frame as a dispute<\/a>/.exec(claimPage.text);
    expect(frame).not.toBeNull();
    const disputeForm = await request(t.app).get(decode(frame![1]!)).expect(200);
    const created = await postForm(t.app, '/desk/disputes/new', {
      question: 'Did Putin ask Trump to stop military aid to Kyiv?',
      slug: '',
      summary: 'The Kremlin says so; Trump says aid was not discussed.',
      status: 'open',
      state: 'published',
      claim_a: shownValue(disputeForm.text, 'f-claim_a')!,
      claim_b: shownValue(disputeForm.text, 'f-claim_b')!,
    }).expect(303);
    const dispute = await t.db
      .selectFrom('dispute')
      .selectAll()
      .where('id', '=', idFrom(created.headers.location))
      .executeTakeFirstOrThrow();
    expect(dispute).toMatchObject({
      claim_a_id: trumpClaim,
      claim_b_id: kremlinClaim,
      slug: 'did-putin-ask-trump-to-stop-military-aid-to-kyiv',
    });

    // 5. The desk links to the public page, where readers see both sides with their sources.
    const deskPage = await request(t.app).get(created.headers.location!).expect(200);
    const publicLink = /<a href="([^"]+)">see the public page<\/a>/.exec(deskPage.text)![1]!;
    const pub = await request(t.app).get(publicLink).expect(200);
    expect(pub.text).toContain('<h1>Did Putin ask Trump to stop military aid to Kyiv?</h1>');
    const sideA = pub.text.slice(pub.text.indexOf('class="side side-a"'), pub.text.indexOf('class="side side-b"'));
    const sideB = pub.text.slice(pub.text.indexOf('class="side side-b"'), pub.text.indexOf('class="timeline"'));
    expect(sideA).toContain('Donald Trump');
    expect(sideA).toContain('Military aid was not discussed');
    expect(sideA).toMatch(/Fox News — (<cite[^>]*>)?Interview with Donald Trump/);
    expect(sideB).toContain('Kremlin');
    expect(sideB).toContain('href="http://en.kremlin.ru/events/president/news/76477"');
    expect(pub.text).toContain('March 2025');
    expect(pub.text).toContain('18 March 2025');
    const home = await request(t.app).get('/').expect(200);
    expect(home.text).toContain('Did Putin ask Trump to stop military aid to Kyiv?');
  });
});
