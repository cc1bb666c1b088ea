import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { restoreFormula } from '../../src/exports/formats';
import { fastCsvRow } from '../../src/imports/csv-fast-row';
import { csvRowSchema } from '../../src/imports/csv-import';
import { testApp } from '../helpers/app';
import { prng } from '../helpers/random';

// Property test of the import's fast row validator: on rows from a real export, random rows and mutated
// ones, it must never accept a row csvRowSchema rejects, and when it accepts one it must give the value
// the schema gives (deep and strict, and the same JSON, so key order matches too).

const random = prng(20260101);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

const TEXTS = [
  '',
  ' ',
  'x',
  ' x',
  'x ',
  'a\tb',
  'a\nb',
  'a\r\nb',
  'a\rb',
  'a\u0000b',
  'a\u0007b',
  'a\u007fb',
  '\u00a0x',
  'x\u2028',
  '\ufeffx',
  'Kremlin',
  'é',
  "'=1",
  'x'.repeat(200),
  'x'.repeat(201),
  'x'.repeat(500),
  'x'.repeat(501),
  'x'.repeat(4000),
  'x'.repeat(4001),
  'x'.repeat(8001),
];
const IDS = ['', '1', '7', '007', '0', '-1', '1.5', '1e3', ' 5', '5 ', 'NaN', 'x', '999999999999999', '9999999999999999', '0x10', '+3'];
const DAYS = [
  '',
  '2025-03-18',
  '2024-02-29',
  '2025-02-29',
  '2100-02-29',
  '2000-02-29',
  '2025-02-30',
  '2025-13-01',
  '2025-1-01',
  '0999-01-01',
  '0000-01-01',
  ' 2025-03-18',
  '2025-03-18 ',
  '2025-03',
  '2025',
  '2025-00',
  '2025-12',
  'soon',
];
const TIMESTAMPS = [
  '',
  '2026-01-01T00:00:00.000Z',
  '2026-01-01T00:00:00Z',
  '2026-01-01T00:00Z',
  '2026-01-01T24:00:00.000Z',
  '2026-02-30T00:00:00.000Z',
  '2024-02-29T23:59:59.999Z',
  '2026-01-01T00:00:00.000+01:00',
  '2026-01-01 00:00:00',
  ' 2026-01-01T00:00:00.000Z',
  '0999-01-01T00:00:00.000Z',
  '2026-01-01T00:00:00.1234Z',
];
const URLS = [
  '',
  'http://gainsay.test/claims/1',
  'https://news.example/a?b=c#d',
  'http://',
  'https://x',
  'ftp://x.example',
  'http://a b',
  'javascript:alert(1)',
  ' http://x.example',
  'HTTP://X.EXAMPLE',
  'http://[::1]/',
  'http://a..b',
  'http://x.example:99999',
  'http://x.example:8080/',
  'https://x.example/\u00e9',
  'mailto:a@b',
  `https://x.example/${'a'.repeat(2000)}`,
  'http:x.example',
  'https://ünï.example/',
];
const LANGS = ['', 'nl', 'en', 'en-gb', 'en-GB', 'NL', 'n', 'dutch', 'nl ', 'zh-hant-tw', 'nl-', 'nl-b'];
const CHOICES: Record<string, string[]> = {
  claimant_kind: ['', 'person', 'organisation', 'government', 'media', 'other', 'Person', ' person', 'robot'],
  kind: ['', 'statement', 'promise', 'prediction', 'Statement', 'claim'],
  state: ['', 'draft', 'published', 'retracted', 'deleted', 'draft '],
  said_precision: ['', 'day', 'month', 'year', 'week', 'Day'],
  verdict: ['', 'unverified', 'false', 'mostly-false', 'bogus', ' unverified'],
  claimant_slug: ['', 'kremlin', 'claimant-1', 'Kremlin', 'a--b', '-a', 'a b', 'é'],
  topics: ['', 'Ceasefire', 'A; B ;;C', ' ; ', 'Aid;Aid'],
};

const SOURCE_VALUES: Record<string, unknown[]> = {
  outlet: ['Reuters', '', 1, null, undefined],
  title: ['A report', '', null, ['x']],
  url: [null, undefined, ...URLS, 3],
  published_on: [null, undefined, ...DAYS, 20250318],
  language: [null, undefined, 'en', 'EN', 5],
  archive_url: [null, undefined, 'https://archive.example/x', 'nope', ' https://archive.example/y '],
  retrieved_on: [null, undefined, '2025-03-18', '2025-3-18'],
  extra: [undefined, 'ignored'],
};
const CITATION_VALUES: Record<string, unknown[]> = {
  role: ['made_in', 'reported_by', 'evidence_for', 'evidence_against', 'quoted', null],
  excerpt: [null, undefined, 'An excerpt.', '', 4, { a: 1 }],
  __proto__: [undefined],
};
const LINK_VALUES: Record<string, unknown[]> = {
  type: ['contradicts', 'supports', 'repeats', 'retracts', 'refutes', undefined],
  to_claim_id: [1, 42, 0, -1, 1.5, '3', null, 2 ** 53, Number.MAX_SAFE_INTEGER, 1e21],
  note: [null, undefined, 'why', 7],
  extra: [undefined, true],
};
const DISPUTE_VALUES: Record<string, unknown[]> = {
  slug: ['did-putin-ask', 'Did-Putin', '', 'a--b', 5],
  question: ['Did he?', '', null],
  summary: [null, undefined, 'Short.', 0],
  status: ['open', 'settled', 'closed'],
  state: ['draft', 'published', 'retracted', 'gone'],
  side: ['a', 'b', 'c', undefined],
  claim_a_id: [1, 2, 0, '1'],
  claim_b_id: [2, 3, -4, 2.5],
};

function object(values: Record<string, unknown[]>, wellFormed: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, options] of Object.entries(values)) {
    const v = wellFormed && random() < 0.97 ? options[0] : pick(options);
    if (v !== undefined) out[key] = v;
  }
  return out;
}
function jsonCell(kind: 'citations' | 'links' | 'disputes', wellFormed: boolean): string {
  const r = random();
  if (!wellFormed && r < 0.1) return pick(['', '[]', '{}', 'null', '[null]', '[[]]', '[1]', 'not json', '[{"role":"made_in"', '"x"']);
  const n = Math.floor(random() * 3);
  const items = Array.from({ length: n }, () => {
    if (kind === 'citations') {
      const c = object(CITATION_VALUES, wellFormed);
      if (!(wellFormed && random() < 0.9) && random() < 0.2) return random() < 0.5 ? null : [c];
      return { ...c, source: random() < 0.05 && !wellFormed ? 'src' : object(SOURCE_VALUES, wellFormed) };
    }
    return object(kind === 'links' ? LINK_VALUES : DISPUTE_VALUES, wellFormed);
  });
  return JSON.stringify(items);
}

/** A random row: each cell from its pool, or (wellFormed) mostly a value an export would write. */
function randomRow(wellFormed: boolean): Record<string, string> {
  const valid = (good: string, pool: readonly string[]) => (wellFormed && random() < 0.98 ? good : pick(pool));
  const verdict = valid(pick(['unverified', 'false', '']), CHOICES.verdict!);
  const row: Record<string, string> = {
    id: valid(pick(['', '12', '3']), IDS),
    url: valid(pick(['', 'http://gainsay.test/claims/12']), URLS),
    claimant: valid(pick(['Kremlin', 'Donald Trump', 'Ministry, of "Defence"']), TEXTS),
    claimant_slug: valid(pick(['', 'kremlin']), CHOICES.claimant_slug!),
    claimant_kind: valid(pick(['person', '']), CHOICES.claimant_kind!),
    said_on: valid(pick(['2025-03-18', '2025-03', '2025', '']), DAYS),
    said_precision: valid(pick(['', 'day']), CHOICES.said_precision!),
    said_where: valid(pick(['', 'a press conference']), TEXTS),
    kind: valid(pick(['statement', '']), CHOICES.kind!),
    review_due_on: valid(pick(['', '2026-01-31']), DAYS),
    text: valid(pick(['Putin asked Trump to stop aid.', 'Line one\nline two', 'x'.repeat(4000)]), TEXTS),
    quote: valid(pick(['', 'Het Kremlin verklaarde.']), TEXTS),
    quote_language: valid(pick(['', 'nl']), LANGS),
    topics: valid(pick(['', 'Military aid;Ceasefire']), CHOICES.topics!),
    verdict,
    verdict_rationale: valid(verdict && verdict !== 'unverified' ? 'Because.' : pick(['', 'Because.']), TEXTS),
    state: valid(pick(['published', 'draft']), CHOICES.state!),
    citations_json: jsonCell('citations', wellFormed),
    links_json: jsonCell('links', wellFormed),
    disputes_json: jsonCell('disputes', wellFormed),
    created_at: valid(pick(['2026-01-01T00:00:00.000Z', '']), TIMESTAMPS),
    updated_at: valid('2026-01-02T03:04:05.678Z', TIMESTAMPS),
    verdict_label: 'derived, ignored',
  };
  // Now and then a column is missing altogether (a file without it).
  if (random() < 0.1) delete row[pick(Object.keys(row))];
  return row;
}

function compare(cells: Record<string, string>, stats: { fast: number; zodOnly: number; rejected: number }) {
  const fast = fastCsvRow<unknown>(cells);
  const slow = csvRowSchema.safeParse(cells);
  if (!slow.success) stats.rejected++;
  if (fast === null) {
    if (slow.success) stats.zodOnly++;
    return;
  }
  stats.fast++;
  if (!slow.success)
    throw new Error(
      `the fast path accepted a row zod rejects: ${JSON.stringify(cells, (_k, v: unknown) => (typeof v === 'string' && v.length > 80 ? `${v.slice(0, 80)}…(${v.length})` : v))}\n${slow.error.message}`,
    );
  expect(fast).toStrictEqual(slow.data);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(slow.data));
}

describe('the CSV import fast path', () => {
  it('accepts the rows of a real export, giving what zod gives', async () => {
    const t = await testApp();
    try {
      const csv = (await request(t.app).get('/claims.csv').expect(200)).text;
      const records = parse<Record<string, string>>(csv, { bom: true, columns: true });
      const stats = { fast: 0, zodOnly: 0, rejected: 0 };
      for (const record of records) {
        const cells = Object.fromEntries(Object.entries(record).map(([k, v]) => [k, restoreFormula(v)]));
        compare(cells, stats);
      }
      expect(stats.rejected).toBe(0);
      // Every row of an export is plain: the fast path takes them all (so the import's common case is fast).
      expect(stats.fast).toBe(records.length);
    } finally {
      await t.db.destroy();
    }
  });

  it('never accepts a row zod rejects, and agrees with zod on what it accepts (generated and mutated rows)', () => {
    const stats = { fast: 0, zodOnly: 0, rejected: 0 };
    for (let i = 0; i < 6000; i++) compare(randomRow(true), stats);
    for (let i = 0; i < 6000; i++) compare(randomRow(false), stats);
    // One cell at a time mutated from a well-formed row: the edge cases one by one.
    const pools: Record<string, readonly string[]> = {
      id: IDS,
      url: URLS,
      claimant: TEXTS,
      said_where: TEXTS,
      text: TEXTS,
      quote: TEXTS,
      verdict_rationale: TEXTS,
      said_on: DAYS,
      review_due_on: DAYS,
      created_at: TIMESTAMPS,
      updated_at: TIMESTAMPS,
      quote_language: LANGS,
      ...CHOICES,
    };
    for (let i = 0; i < 4000; i++) {
      const row = randomRow(true);
      const [column, pool] = pick(Object.entries(pools));
      row[column] = pick(pool);
      compare(row, stats);
    }
    // The test means something only if both paths are exercised.
    expect(stats.fast).toBeGreaterThan(2000);
    expect(stats.rejected).toBeGreaterThan(2000);
    expect(stats.zodOnly).toBeGreaterThan(200);
  });
});
