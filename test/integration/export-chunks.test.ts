import { sql } from 'kysely';
import { Writable } from 'node:stream';
import type { Connection } from '../../src/db/connection';
import { filteredClaims, orderClaims, type ClaimFilters } from '../../src/claims/claim-filter.repository';
import { insertLink } from '../../src/claims/link.repository';
import { insertDispute } from '../../src/disputes/dispute.repository';
import { claimRecordBatches, findClaimRecord, findClaimRecords } from '../../src/claims/claim-export.repository';
import { exportClaims } from '../../src/claims/claim-export.service';
import { exportDisputes } from '../../src/disputes/dispute-export.service';
import { readSnapshot } from '../../src/db/snapshot';
import { csvCell, csvJsonCell, type ExportFormat } from '../../src/exports/formats';
import { addClaim } from '../helpers/claims';
import { describePostgresOnly, freshDatabase, insertMany } from '../helpers/db';

// Exports read claims (and disputes) a chunk of ids at a time; these tests set the chunk size small so
// that claims with 0, 1 and many topics, citations, links and disputes fall on both sides of chunk edges.

class Collect extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void) {
    this.text += chunk.toString('utf8');
    setImmediate(done); // asynchronous, like a socket
  }
}

let conn: Connection;
let busy: number; // a claim with several of everything
let other: number;
let draft: number;

beforeAll(async () => {
  conn = await freshDatabase({ seed: true });
  const db = conn.db;
  const sources = (await db.selectFrom('source').select('id').orderBy('id').execute()).map((s) => s.id);
  const topicNames = ['Zeta', 'alpha', 'Beta', 'ceasefire', 'Élysée'];
  const roles = ['made_in', 'reported_by', 'evidence_for', 'evidence_against'] as const;
  const ids: number[] = [];
  for (let i = 0; i < 16; i++) {
    const claim = await addClaim(db, i % 2 ? 'kremlin' : 'donald-trump', {
      text: i % 4 === 1 ? `=Claim ${i}, with "quotes"\nand a new line` : `Claim ${i} about the talks`,
      said_on: i % 5 === 4 ? null : `2025-0${(i % 3) + 1}-1${i % 10}`,
      said_precision: i % 5 === 4 ? null : 'day',
      state: i % 7 === 6 ? 'draft' : i % 6 === 5 ? 'retracted' : 'published',
      verdict: i % 3 === 0 ? 'false' : 'unverified',
      verdict_rationale: i % 3 === 0 ? 'Contradicted by the readout; see sources.' : null,
      topics: topicNames.slice(0, i % 5),
      citations: Array.from({ length: i % 4 }, (_, j) => ({
        source_id: sources[(i + j) % sources.length]!,
        role: roles[j % roles.length]!,
        excerpt: j % 2 ? null : `Excerpt ${i}/${j}, "quoted"`,
      })),
    });
    ids.push(claim.id);
  }
  [busy, other, draft] = [ids[3]!, ids[8]!, ids[6]!];
  for (const [from, to, type, note] of [
    [busy, ids[0]!, 'contradicts', 'first'],
    [busy, draft, 'supports', null],
    [busy, ids[10]!, 'repeats', null],
    [ids[9]!, busy, 'supports', 'back'],
    [other, ids[1]!, 'contradicts', null],
  ] as const) {
    await insertLink(db, { from_claim_id: from, to_claim_id: to, type, note });
  }
  let n = 0;
  const dispute = (a: number, b: number, state: 'draft' | 'published' = 'published') =>
    insertDispute(db, {
      question: `Who is right, ${++n}?`,
      summary: n % 2 ? 'A summary, with a comma' : null,
      status: 'open',
      state,
      claim_a_id: a,
      claim_b_id: b,
    });
  await dispute(other, busy); // busy is side b of the earlier dispute …
  await dispute(busy, ids[0]!); // … and side a of the later one
  await dispute(busy, draft); // hidden from readers: one side is a draft
  await dispute(ids[1]!, busy, 'draft'); // hidden from readers: a draft dispute
  await dispute(ids[10]!, ids[11]!); // one side retracted: still public
});

afterAll(() => conn.db.destroy());

async function exportText(kind: 'claims' | 'disputes', format: ExportFormat, filters: ClaimFilters, chunkSize: number, publicOnly = true) {
  const out = new Collect();
  const rows = await (kind === 'claims' ? exportClaims : exportDisputes)({
    db: conn.db,
    format,
    filters,
    out,
    ctx: { baseUrl: 'https://gainsay.test' },
    publicOnly,
    chunkSize,
  });
  return { rows, text: out.text };
}

const FILTERS: ClaimFilters[] = [
  {},
  { sort: 'said-asc' },
  { sort: 'updated-desc' },
  { sort: 'claimant' },
  { verdict: 'false' },
  { claimant: 'kremlin', sort: 'said-asc' },
  { topic: 'beta' },
  { from: '2025-02', to: '2025-03' },
  { q: 'talks' },
];

describe('chunked exports', () => {
  it.each(['csv', 'json', 'md'] as const)(
    'write the same %s whatever the chunk size, for every filter and sort',
    async (format) => {
      for (const filters of FILTERS) {
        for (const publicOnly of [true, false]) {
          const whole = await exportText('claims', format, filters, 10_000, publicOnly);
          for (const chunkSize of [1, 2, 3, 7]) {
            expect(await exportText('claims', format, filters, chunkSize, publicOnly)).toEqual(whole);
          }
        }
      }
      // About a hundred exports in one test: a second on a quiet machine, more on a busy CI runner.
    },
    60_000,
  );

  it('keep the order and the rows of the list', async () => {
    for (const filters of FILTERS) {
      const listed = await orderClaims(filteredClaims(conn.db, filters, { publicOnly: true }).select('c.id'), filters.sort).execute();
      const { text } = await exportText('claims', 'json', filters, 2);
      const rows = (JSON.parse(text) as { rows: Array<{ id: number }> }).rows;
      expect(rows.map((r) => r.id)).toEqual(listed.map((r) => r.id));
    }
    const all = JSON.parse((await exportText('claims', 'json', {}, 3)).text) as { rows: Array<{ state: string }> };
    expect(all.rows.length).toBeGreaterThan(16);
    expect(all.rows.some((r) => r.state === 'draft')).toBe(false);
  });

  it('give each claim its children in order, with drafts left out for readers', async () => {
    const record = (await findClaimRecord(conn.db, busy, { publicOnly: true }))!;
    expect(record.topics.map((t) => t.name)).toEqual(['Beta', 'Zeta', 'alpha']); // by name, as SQLite compares
    expect(record.citations.map((c) => c.role)).toEqual(['made_in', 'reported_by', 'evidence_for']);
    expect(record.citations[0]!.source).toEqual(expect.objectContaining({ id: expect.any(Number), outlet: expect.any(String) }));
    expect(record.links.map((l) => [l.type, l.note])).toEqual([
      ['contradicts', 'first'],
      ['repeats', null],
    ]);
    expect(record.disputes.map((d) => [d.question, d.side])).toEqual([
      ['Who is right, 1?', 'b'],
      ['Who is right, 2?', 'a'],
    ]);

    const desk = (await findClaimRecord(conn.db, busy, { publicOnly: false }))!;
    expect(desk.links.map((l) => l.type)).toEqual(['contradicts', 'supports', 'repeats']);
    expect(desk.disputes.map((d) => [d.question, d.side])).toEqual([
      ['Who is right, 1?', 'b'],
      ['Who is right, 2?', 'a'],
      ['Who is right, 3?', 'a'],
      ['Who is right, 4?', 'b'],
    ]);
    expect(await findClaimRecord(conn.db, draft, { publicOnly: true })).toBeUndefined();
  });

  it('find records by ids in the given order, once per id asked, without hidden ones', async () => {
    const found = await findClaimRecords(conn.db, [other, draft, busy, other, 999_999], { publicOnly: true });
    expect(found.map((r) => r.id)).toEqual([other, busy, other]);
  });

  it('write the dispute list the same whatever the chunk size', async () => {
    const counts: number[] = [];
    for (const publicOnly of [true, false]) {
      const whole = await exportText('disputes', 'csv', {}, 10_000, publicOnly);
      counts.push(whole.rows);
      for (const chunkSize of [1, 2]) expect(await exportText('disputes', 'csv', {}, chunkSize, publicOnly)).toEqual(whole);
    }
    expect(counts[1]! - counts[0]!).toBe(2); // the draft dispute and the one with a draft side
  });
});

describePostgresOnly('a large export on PostgreSQL', () => {
  let big: Connection;
  const ADDED = 2500;
  beforeAll(async () => {
    big = await freshDatabase({ seed: true });
    const [claimant] = await insertMany(big.db, 'claimant', [
      { slug: 'bulk-speaker', name: 'Bulk Speaker', kind: 'person', created_at: 'x', updated_at: 'x' },
    ]);
    await insertMany(
      big.db,
      'claim',
      Array.from({ length: ADDED }, (_, i) => ({
        claimant_id: claimant!,
        text: `Bulk claim ${i}`,
        state: 'published',
        said_on: '2026-01-05',
        said_precision: 'day',
        created_at: '2026-01-05T00:00:00.000Z',
        updated_at: '2026-01-05T00:00:00.000Z',
      })),
    );
  }, 60_000);
  afterAll(() => big.db.destroy());

  it('reads its ids through a cursor of its snapshot, a chunk at a time, and writes every row', async () => {
    const publicClaims = Number(
      (
        await big.db
          .selectFrom('claim')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('state', '<>', 'draft')
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(publicClaims).toBeGreaterThan(ADDED);
    const seen = await readSnapshot(big.db, async (snapshot) => {
      const chunks: Array<{ rows: number; cursors: string[] }> = [];
      for await (const batch of claimRecordBatches(snapshot, {}, { publicOnly: true, chunkSize: 1000 })) {
        // The session's open cursors, asked between two chunks on the export's own connection.
        const { rows } = await sql<{ name: string }>`select name from pg_cursors`.execute(snapshot);
        chunks.push({ rows: batch.length, cursors: rows.map((r) => r.name) });
      }
      const after = await sql<{ name: string }>`select name from pg_cursors`.execute(snapshot);
      return { chunks, after: after.rows };
    });
    expect(seen.chunks.length).toBe(Math.ceil(publicClaims / 1000));
    expect(seen.chunks.every((c) => c.cursors.length === 1 && c.cursors[0]!.startsWith('gainsay_ids_'))).toBe(true);
    expect(seen.chunks.reduce((n, c) => n + c.rows, 0)).toBe(publicClaims);
    expect(seen.after).toEqual([]); // closed once read to the end

    const out = new Collect();
    const written = await exportClaims({ db: big.db, format: 'csv', filters: {}, out, ctx: { baseUrl: 'https://gainsay.test' } });
    expect(written).toBe(publicClaims);
    expect(new Set(out.text.match(/\bBulk claim \d+\b/g))).toEqual(new Set(Array.from({ length: ADDED }, (_, i) => `Bulk claim ${i}`)));
  }, 60_000);
});

describe('csvJsonCell', () => {
  it('is csvCell of the JSON text', () => {
    const values: unknown[] = [
      [],
      {},
      null,
      [null],
      'text',
      '=formula',
      -1,
      2.5,
      true,
      [{ a: 'x, y', b: null, c: 3, d: undefined }],
      [{ quote: 'He said "no"', slash: 'a\\b', line: 'a\r\nb', tab: '\t', nul: '\u0000', lone: '\ud800', pair: '😀', accents: 'Élysée' }],
      { 'key "quoted"': ['-x', '+y', '@z'], nested: { deeper: [[1, 2], { e: '' }] } },
      [undefined, () => 1],
      new Date(0),
      { toJSON: () => 'custom' },
    ];
    for (const value of values) expect(csvJsonCell(value)).toBe(csvCell(JSON.stringify(value) ?? null));
  });
});
