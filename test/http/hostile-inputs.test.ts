import request from 'supertest';
import { addClaim } from '../helpers/claims';
import { testApp, type TestApp } from '../helpers/app';
import { decode, form, rowCounts } from '../helpers/desk';

// One corpus of hostile inputs, sent through every desk form and every API create: markup and
// scripts are stored as text and only ever shown escaped; what must be refused (javascript: URLs,
// over-long fields, wrong types, bytes that are not UTF-8) is refused with a client error and
// nothing half-saved; nothing is ever a 500.

type Table = 'claimant' | 'source' | 'claim' | 'dispute';

interface Refs {
  claimant: number;
  source: number;
  claimA: number;
  claimB: number;
}

interface Target {
  name: string;
  table: Table;
  url: string;
  via: 'form' | 'api';
  /** A valid body with `text` in every free-text field and `link` in every URL field. */
  body: (text: string, refs: Refs, link?: string) => Record<string, unknown>;
  /** The free-text columns that hold `text` once saved. */
  columns: string[];
  hasUrls?: boolean;
  /** Pages that show the record, readers' and newsroom's. */
  pages: (row: Record<string, unknown>) => string[];
}

const picker = (id: number) => `#${id} — picked`;

const TARGETS: Target[] = [
  {
    name: 'desk claimant form',
    table: 'claimant',
    url: '/desk/claimants/new',
    via: 'form',
    columns: ['name', 'description'],
    body: (text) => ({ name: `${text} claimant`, slug: '', kind: 'person', description: text }),
    // A claimant without published claims has no public page yet; the claim targets show names to readers.
    pages: (r) => [`/desk/claimants/${r.id}`, '/desk/claimants'],
  },
  {
    name: 'API claimant',
    table: 'claimant',
    url: '/api/v1/claimants',
    via: 'api',
    columns: ['name', 'description'],
    body: (text) => ({ name: `${text} claimant`, kind: 'organisation', description: text }),
    pages: (r) => [`/desk/claimants/${r.id}`],
  },
  {
    name: 'desk source form',
    table: 'source',
    url: '/desk/sources/new',
    via: 'form',
    columns: ['outlet', 'title'],
    hasUrls: true,
    body: (text, _refs, link = '') => ({
      outlet: `${text} outlet`,
      title: text,
      url: link,
      published_on: '2025-03-18',
      language: 'en',
      archive_url: link,
      retrieved_on: '',
    }),
    // An uncited source has no public page yet.
    pages: (r) => [`/desk/sources/${r.id}`, '/desk/sources', `/desk/claims/new`],
  },
  {
    name: 'API source',
    table: 'source',
    url: '/api/v1/sources',
    via: 'api',
    columns: ['outlet', 'title'],
    hasUrls: true,
    body: (text, _refs, link) => ({
      outlet: `${text} outlet`,
      title: text,
      ...(link === undefined ? {} : { url: link, archive_url: link }),
    }),
    pages: (r) => [`/desk/sources/${r.id}`],
  },
  {
    name: 'desk claim form',
    table: 'claim',
    url: '/desk/claims/new',
    via: 'form',
    columns: ['text', 'quote', 'said_where'],
    body: (text, refs) => ({
      claimant_id: String(refs.claimant),
      new_claimant_name: '',
      new_claimant_kind: 'person',
      text,
      quote: text,
      quote_language: 'en',
      said_on: '2025-03-18',
      said_where: text,
      kind: 'statement',
      review_due_on: '',
      topics: 'Ceasefire',
      verdict: 'unverified',
      verdict_rationale: '',
      state: 'published',
      citation_source_id: [String(refs.source)],
      citation_role: ['reported_by'],
      citation_excerpt: [text],
      link_type: 'contradicts',
      link_to_claim: '',
    }),
    pages: (r) => [
      `/claims/${r.id}`,
      '/claims',
      `/claims/${r.id}/history`,
      `/desk/claims/${r.id}`,
      '/desk/claims',
      `/desk/claims/${r.id}/history`,
    ],
  },
  {
    name: 'API claim',
    table: 'claim',
    url: '/api/v1/claims',
    via: 'api',
    columns: ['text', 'quote', 'said_where'],
    body: (text, refs) => ({
      claimant_id: refs.claimant,
      text,
      quote: text,
      quote_language: 'en',
      said_on: '2025-03',
      said_where: text,
      state: 'published',
      citations: [{ source_id: refs.source, role: 'made_in', excerpt: text }],
    }),
    pages: (r) => [`/claims/${r.id}`, '/claims', `/desk/claims/${r.id}`],
  },
  {
    name: 'desk dispute form',
    table: 'dispute',
    url: '/desk/disputes/new',
    via: 'form',
    columns: ['question', 'summary'],
    body: (text, refs) => ({
      question: `${text}?`,
      slug: '',
      summary: text,
      status: 'open',
      state: 'published',
      claim_a: picker(refs.claimA),
      claim_b: picker(refs.claimB),
    }),
    pages: (r) => [`/disputes/${r.slug}`, '/disputes', '/', `/embed/disputes/${r.slug}`, `/desk/disputes/${r.id}`, '/desk/disputes'],
  },
  {
    name: 'API dispute',
    table: 'dispute',
    url: '/api/v1/disputes',
    via: 'api',
    columns: ['question', 'summary'],
    body: (text, refs) => ({ question: `${text}?`, summary: text, state: 'published', claim_a: refs.claimA, claim_b: refs.claimB }),
    pages: (r) => [`/disputes/${r.slug}`, `/desk/disputes/${r.id}`],
  },
];

/** Stored as text, shown escaped. */
const MARKUP: Array<[string, string]> = [
  ['a script tag', '<script>alert(1)</script>'],
  ['an event-handler attribute', '<img src=x onerror=alert(1)>'],
  ['an attribute break-out', '" autofocus onfocus="alert(1)" x="'],
  ['an SQL fragment', "'; drop table claim; --"],
  ['template syntax', '{{constructor.constructor("alert(1)")()}} <%= 7*7 %>'],
  ['a javascript: text (not a URL field)', 'javascript:alert(document.cookie)'],
];

const JS_URLS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  '//evil.example/x',
];

let t: TestApp;
let refs: Refs;

beforeEach(async () => {
  t = await testApp({ signedInAs: 'editor' });
  const first = async (table: 'claimant' | 'source') =>
    (await t.db.selectFrom(table).select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  // Two claims no dispute frames yet: one dispute per pair of claims.
  const claims = [await addClaim(t.db, 'kremlin', { text: 'Side A' }), await addClaim(t.db, 'kremlin', { text: 'Side B' })];
  refs = { claimant: await first('claimant'), source: await first('source'), claimA: claims[0]!.id, claimB: claims[1]!.id };
});
afterEach(async () => {
  expect(t.errors).toEqual([]);
  await t.db.destroy();
});

function send(target: Target, body: Record<string, unknown>) {
  const req = request(t.app).post(target.url);
  return target.via === 'form' ? req.type('form').send(form(body as Parameters<typeof form>[0])) : req.send(body);
}

async function newest(table: Table): Promise<Record<string, unknown>> {
  return await t.db.selectFrom(table).selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
}

/** Refused with a client error, nothing saved. */
async function expectRefused(target: Target, body: Record<string, unknown> | string | Buffer, contentType?: string) {
  const before = await rowCounts(t.db);
  const req = request(t.app).post(target.url);
  const res =
    typeof body === 'string' || Buffer.isBuffer(body)
      ? await req
          .set('Content-Type', contentType!)
          .serialize((b: unknown) => b as string)
          .send(body as string)
      : await send(target, body);
  expect({ target: target.name, status: res.status }).toEqual({ target: target.name, status: expect.any(Number) });
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(await rowCounts(t.db)).toEqual(before);
  return res;
}

describe.each(TARGETS.map((target) => [target.name, target] as const))('%s', (_name, target) => {
  it.each(MARKUP)('stores %s as text and only ever shows it escaped', async (_what, payload) => {
    const res = await send(target, target.body(payload, refs));
    expect([201, 303]).toContain(res.status);
    const row = await newest(target.table);
    expect(row[target.columns[0]!]).toContain(payload.trim());
    for (const path of target.pages(row)) {
      const page = await request(t.app).get(path);
      expect({ path, status: page.status }).toEqual({ path, status: 200 });
      // Never as markup (nor as a link target); always there as text.
      if (/[<>"'&]/.test(payload)) expect(page.text).not.toContain(payload.trim());
      expect(page.text).not.toMatch(/<script>alert|<img src=x|\sonerror=|\sonfocus=|(href|src|action)="\s*javascript:/i);
      expect(decode(page.text)).toContain(payload.trim());
    }
    expect(await t.db.selectFrom('claim').select('id').limit(1).execute()).toHaveLength(1);
  });

  it('removes control characters but keeps tabs and line breaks', async () => {
    await send(target, target.body('Line\u0000 one\u0007\u001b[31m\ttab\r\nnext', refs)).expect((r) =>
      expect([201, 303]).toContain(r.status),
    );
    const row = await newest(target.table);
    expect(row[target.columns[1] ?? target.columns[0]!]).toContain('Line one[31m\ttab\nnext');
  });

  it('refuses over-long fields', async () => {
    await expectRefused(target, target.body('x'.repeat(9_000), refs));
  });

  it('refuses bodies that are not UTF-8: raw bytes and %FF escapes', async () => {
    const text =
      target.via === 'form' ? form(target.body('ok', refs) as Parameters<typeof form>[0]) : JSON.stringify(target.body('ok', refs));
    const type = target.via === 'form' ? 'application/x-www-form-urlencoded' : 'application/json';
    const bad = Buffer.concat([Buffer.from(text.slice(0, -2)), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(text.slice(-2))]);
    const raw = await expectRefused(target, bad, type);
    expect(raw.status).toBe(400);
    if (target.via === 'form') expect((await expectRefused(target, `${text}&x=%FF%FE`, type)).status).toBe(400);
  });

  if (target.via === 'form') {
    it('refuses a text field sent twice (an array where text is expected)', async () => {
      const body = target.body('ok', refs);
      await expectRefused(target, { ...body, [target.columns[0]!]: ['first', 'second'] });
    });
  }

  if (target.hasUrls) {
    it.each(JS_URLS)('refuses %j in every URL field', async (link) => {
      const res = await expectRefused(target, target.body('Fine title', refs, link));
      expect(res.status).toBe(422);
    });
  }

  if (target.via === 'api') {
    it.each([
      ['an array', ['a', 'b']],
      ['an object', { $gt: '' }],
      ['a number', 42],
      ['null', null],
      ['a boolean', true],
    ])('refuses %s where text is expected', async (_what, value) => {
      const body = target.body('ok', refs);
      await expectRefused(target, { ...body, [target.columns[0]!]: value });
    });

    it('refuses strings where ids are expected, and ids that do not exist', async () => {
      const body = target.body('ok', refs);
      const idFields = Object.keys(body).filter((k) => k.endsWith('_id') || /^claim_[ab]$/.test(k));
      if (target.table === 'claim' || target.table === 'dispute') expect(idFields.length).toBeGreaterThan(0);
      for (const k of idFields) {
        for (const value of ['abc', '1; drop table claim', -1, 1.5, 99_999_999, [1], { id: 1 }])
          await expectRefused(target, { ...body, [k]: value });
      }
    });
  }
});
