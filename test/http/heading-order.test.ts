import request from 'supertest';
import { slugify } from '../../src/domain/slug';
import { useTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
useTestApp((app) => (t = app));

/** The heading levels of a page, in document order. */
const headingLevels = (html: string) => [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));

/** What is wrong with a page's outline: not exactly one h1, a heading before it, or a level skipped on the way down. */
function outlineProblems(levels: number[]): string[] {
  const problems: string[] = [];
  const h1s = levels.filter((l) => l === 1).length;
  if (h1s !== 1) problems.push(`${h1s} h1 headings`);
  if (levels[0] !== 1) problems.push(`starts at h${levels[0]}`);
  levels.forEach((level, i) => {
    if (i > 0 && level > levels[i - 1]! + 1) problems.push(`h${levels[i - 1]} → h${level}`);
  });
  return problems;
}

describe('heading order', () => {
  it('finds a skipped level and a missing or second h1', () => {
    expect(outlineProblems(headingLevels('<h1>a</h1><h2>b</h2><h3 class="x">c</h3><h2>d</h2>'))).toEqual([]);
    expect(outlineProblems(headingLevels('<h1>a</h1><h4>Sources</h4>'))).toEqual(['h1 → h4']);
    expect(outlineProblems(headingLevels('<h2>a</h2>'))).toEqual(['0 h1 headings', 'starts at h2']);
    expect(outlineProblems(headingLevels('<h1>a</h1><h1>b</h1>'))).toEqual(['2 h1 headings']);
  });

  it('is sequential, with exactly one h1, on every public page type', async () => {
    // A rated claim with sources, on a dispute, with a correction in its history.
    const claim = await t.db
      .selectFrom('claim')
      .innerJoin('citation', 'citation.claim_id', 'claim.id')
      .innerJoin('dispute', 'dispute.claim_a_id', 'claim.id')
      .innerJoin('claimant', 'claimant.id', 'claim.claimant_id')
      .innerJoin('source', 'source.id', 'citation.source_id')
      .select(['claim.id', 'claimant.slug as claimant', 'source.id as source', 'source.outlet', 'dispute.slug as dispute'])
      .where('claim.state', '=', 'published')
      .executeTakeFirstOrThrow();
    const topic = await t.db
      .selectFrom('topic')
      .innerJoin('claim_topic', 'claim_topic.topic_id', 'topic.id')
      .select('topic.slug')
      .executeTakeFirstOrThrow();
    const writer = await t.db
      .insertInto('user_account')
      .values({
        email: 'e@example.test',
        display_name: 'E',
        password_hash: 'x',
        role: 'editor',
        created_at: '2025-01-01',
        updated_at: '2025-01-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('revision')
      .values({
        entity: 'claim',
        entity_id: claim.id,
        claim_id: claim.id,
        action: 'update',
        actor_id: writer.id,
        at: '2025-03-01T10:00:00Z',
        before_json: JSON.stringify({ verdict: 'unverified', state: 'published' }),
        after_json: JSON.stringify({ verdict: 'false', state: 'published' }),
        public_correction: 1,
        reason: 'A new source.',
      })
      .execute();
    const pages = [
      '/',
      '/disputes',
      '/disputes?verdict=false&sort=said-asc',
      '/claims',
      '/claims?claimant=' + encodeURIComponent(claim.claimant),
      `/disputes/${claim.dispute}`,
      `/claims/${claim.id}`,
      `/claims/${claim.id}/history`,
      `/claimants/${claim.claimant}`,
      `/sources/${claim.source}`,
      `/outlets/${slugify(claim.outlet)}`,
      `/topics/${topic.slug}`,
      '/methodology',
      '/search',
      '/search?q=trump',
      '/search?q=zzzznothing',
      '/corrections',
      '/open-data',
      '/no-such-page',
    ];
    const problems: Record<string, string[]> = {};
    for (const page of pages) {
      const res = await request(t.app).get(page);
      expect([page, res.status]).toEqual([page, page === '/no-such-page' ? 404 : 200]);
      const found = outlineProblems(headingLevels(res.text));
      if (found.length) problems[page] = found;
    }
    expect(problems).toEqual({});
  });
});
