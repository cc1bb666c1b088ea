import request from 'supertest';
import { useTestApp, type TestApp } from '../helpers/app';
import { insertClaimant } from '../../src/claimants/claimant.repository';
import { findClaimById, insertClaim, updateClaim } from '../../src/claims/claim.repository';
import { insertLink } from '../../src/claims/link.repository';
import { insertDispute } from '../../src/disputes/dispute.repository';
import { insertSource } from '../../src/sources/source.repository';

// Drafts must not reach anonymous readers by any path or format. The fixture: a draft claim by a new
// claimant, on a new topic, citing a new source, supporting a published claim; a draft dispute; and a
// published dispute whose other side is that draft.

let t: TestApp;
useTestApp((app) => (t = app));

const SECRET = /ZZSECRET/;
let ids: {
  claim: number;
  dispute: number;
  publishedDispute: number;
  claimant: number;
  source: number;
  citation: number;
  link: number;
  publishedSide: number;
};

beforeEach(async () => {
  const claimant = await insertClaimant(t.db, { name: 'ZZSECRET Claimant', kind: 'person' });
  const source = await insertSource(t.db, { outlet: 'ZZSECRET Outlet', title: 'ZZSECRET title' });
  const published = await t.db.selectFrom('claim').select('id').where('state', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
  const claim = await insertClaim(t.db, {
    claimant_id: claimant.id,
    text: 'ZZSECRET draft claim',
    kind: 'statement',
    verdict: 'unverified',
    state: 'draft',
    topics: ['ZZSECRET topic'],
    citations: [{ source_id: source.id, role: 'made_in', excerpt: 'ZZSECRET excerpt' }],
  });
  const link = await insertLink(t.db, { from_claim_id: claim.id, to_claim_id: published.id, type: 'supports', note: 'ZZSECRET note' });
  const dispute = await insertDispute(t.db, {
    question: 'ZZSECRET draft question?',
    status: 'open',
    state: 'draft',
    claim_a_id: published.id,
    claim_b_id: claim.id,
  });
  const publishedDispute = await insertDispute(t.db, {
    question: 'ZZSECRET published question with a draft side?',
    summary: 'ZZSECRET summary',
    status: 'open',
    state: 'published',
    claim_a_id: published.id,
    claim_b_id: claim.id,
  });
  const citation = await t.db.selectFrom('citation').select('id').where('claim_id', '=', claim.id).executeTakeFirstOrThrow();
  ids = {
    claim: claim.id,
    dispute: dispute.id,
    publishedDispute: publishedDispute.id,
    claimant: claimant.id,
    source: source.id,
    citation: citation.id,
    link: link.id,
    publishedSide: published.id,
  };
});

it('keeps every trace of the drafts out of what anonymous readers can fetch', async () => {
  const paths = [
    '/',
    '/disputes',
    '/claims',
    '/claims?q=zzsecret',
    '/search?q=zzsecret',
    '/corrections',
    '/feed.atom',
    '/claimreview.json',
    '/claims.csv',
    '/claims.json',
    '/claims.md',
    '/disputes.csv',
    '/disputes.json',
    '/disputes.md',
    `/claims/${ids.publishedSide}`,
    `/claims/${ids.publishedSide}.json`,
    `/claims/${ids.publishedSide}/history`,
    '/api/v1/claims',
    '/api/v1/disputes',
    '/api/v1/claimants?per_page=100',
    '/api/v1/sources?per_page=100',
    '/api/v1/links?per_page=100',
    `/api/v1/claims/${ids.publishedSide}`,
  ];
  for (const path of paths) {
    const res = await request(t.app).get(path);
    expect([path, res.status]).toEqual([path, 200]);
    expect([path, SECRET.test(res.text)]).toEqual([path, false]);
  }
});

it('answers 404 for the drafts and what only drafts use, in every format', async () => {
  const slug = async (id: number) => (await t.db.selectFrom('dispute').select('slug').where('id', '=', id).executeTakeFirstOrThrow()).slug;
  const paths = [
    `/claims/${ids.claim}`,
    `/claims/${ids.claim}.json`,
    `/claims/${ids.claim}/history`,
    `/disputes/${await slug(ids.dispute)}`,
    `/disputes/${await slug(ids.dispute)}.json`,
    `/embed/disputes/${await slug(ids.dispute)}`,
    `/disputes/${await slug(ids.publishedDispute)}`,
    `/disputes/${await slug(ids.publishedDispute)}.json`,
    `/embed/disputes/${await slug(ids.publishedDispute)}`,
    `/oembed?url=${encodeURIComponent(`http://gainsay.test/disputes/${await slug(ids.publishedDispute)}`)}&format=json`,
    '/claimants/zzsecret-claimant',
    '/claimants/zzsecret-claimant.json',
    '/topics/zzsecret-topic',
    '/topics/zzsecret-topic.json',
    `/sources/${ids.source}`,
    `/sources/${ids.source}.json`,
    '/outlets/zzsecret-outlet',
    `/api/v1/claims/${ids.claim}`,
    `/api/v1/disputes/${ids.dispute}`,
    `/api/v1/disputes/${ids.publishedDispute}`,
    `/api/v1/claimants/${ids.claimant}`,
    `/api/v1/sources/${ids.source}`,
    `/api/v1/citations/${ids.citation}`,
    `/api/v1/links/${ids.link}`,
  ];
  for (const path of paths) {
    const res = await request(t.app).get(path);
    expect([path, res.status]).toEqual([path, 404]);
    expect([path, SECRET.test(res.text)]).toEqual([path, false]);
  }
});

it('never shows the wording a claim had while it was a draft in its public history', async () => {
  const input = {
    claimant_id: ids.claimant,
    kind: 'statement' as const,
    verdict: 'unverified',
    state: 'draft' as const,
    topics: [],
    citations: [],
  };
  await updateClaim(t.db, ids.claim, 1, { ...input, text: 'ZZSECRET second draft wording' });
  const { version } = (await findClaimById(t.db, ids.claim))!;
  await updateClaim(t.db, ids.claim, version, { ...input, text: 'Public wording', state: 'published' });
  const res = await request(t.app).get(`/claims/${ids.claim}/history`).expect(200);
  expect(res.text).toContain('Public wording');
  expect(res.text).not.toMatch(SECRET);
});
