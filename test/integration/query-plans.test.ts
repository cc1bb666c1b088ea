// The list and page queries must stay index-driven at a million claims. SQLite plans the same way on
// an empty database as on a full one without statistics, so the plans are checked here, on the seed.
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import type { DB } from '../../src/db/schema';
import { filteredClaims, orderClaims } from '../../src/claims/claim-filter.repository';
import { publicClaim } from '../../src/claims/claim-list.repository';
import { disputesPage, latestDisputes } from '../../src/disputes/dispute-list.repository';
import { loadDisputeView } from '../../src/disputes/dispute-view.repository';
import { describePostgresOnly, describeSqliteOnly, freshDatabase } from '../helpers/db';
import { sql } from 'kysely';
import { matchingIds } from '../../src/db/search-index';
import { parseSearchQuery } from '../../src/search/search-query';
import type { Connection } from '../../src/db/connection';
import { ImportWriter } from '../../src/imports/import.repository';

let conn: Connection;
let captured: CompiledQuery[];
let db: Kysely<DB>;

function planOf(query: CompiledQuery): string {
  const rows = conn.sqlite.prepare(`explain query plan ${query.sql}`).all(...(query.parameters as unknown[])) as Array<{ detail: string }>;
  return rows.map((r) => r.detail).join(' | ');
}

describeSqliteOnly('query plans', () => {
  beforeEach(async () => {
    conn = await freshDatabase({ seed: true });
    captured = [];
    db = new Kysely<DB>({ dialect: new SqliteDialect({ database: conn.sqlite }), log: (e) => void captured.push(e.query) });
  });
  afterEach(async () => {
    await conn.db.destroy();
  });

  it('reads the first page of the claim list in date order from an index, without sorting every claim', () => {
    const query = orderClaims(filteredClaims(db as never, {}, { publicOnly: true }).select('c.id'), 'said-desc')
      .limit(20)
      .compile();
    const plan = planOf(query);
    expect(plan).toContain('claim_said_order_idx');
    expect(plan).not.toContain('TEMP B-TREE FOR ORDER BY');
  });

  it('reads the newest disputes from the publication index, without sorting every dispute', async () => {
    await latestDisputes(db);
    const plan = planOf(captured.at(-1)!);
    expect(plan).toMatch(/^SCAN d USING INDEX dispute_published_idx/);
    expect(plan).not.toContain('TEMP B-TREE FOR ORDER BY');
  });

  it('reads the first page of /disputes, newest published first, from the same index', async () => {
    await disputesPage(db, {});
    const plan = planOf(captured.at(-1)!);
    expect(plan).toMatch(/^SCAN d USING INDEX dispute_published_idx/);
    expect(plan).not.toContain('TEMP B-TREE FOR ORDER BY');
  });

  it('still starts the dispute list sorted by side A’s date from side A’s claims in date order', async () => {
    await disputesPage(db, { sort: 'said-asc' });
    const plan = planOf(captured.at(-1)!);
    expect(plan).toMatch(/^SCAN a USING INDEX claim_said_order_idx/);
    expect(plan).not.toContain('TEMP B-TREE FOR ORDER BY');
  });

  it('checks a dispute’s sides for drafts by primary key, never by listing every draft', async () => {
    const slug = conn.sqlite.prepare(`select slug from dispute where state = 'published' limit 1`).pluck().get() as string;
    await loadDisputeView(db, slug, { publicOnly: true });
    const plans = captured.map(planOf).join('\n');
    expect(plans).toMatch(/SEARCH draft_side USING INTEGER PRIMARY KEY/);
    expect(plans).not.toMatch(/LIST SUBQUERY[^\n]*draft_side|SCAN draft_side/);
  });

  it('finds an imported citation’s source through an index, by its URL or, without one, by outlet and title', async () => {
    const writer = new ImportWriter(db, '2026-12-01T00:00:00.000Z');
    const source = { published_on: null, language: null, archive_url: null, retrieved_on: null, published_precision: null };
    await writer.sourceId({ ...source, outlet: 'Harbour Gazette', title: 'With a link', url: 'https://harbour.example/a' });
    await writer.sourceId({ ...source, outlet: 'Harbour Gazette', title: 'Without a link', url: null });
    const lookups = captured.filter((q) => /from "?source"? where "?url"? (=|is null)/i.test(q.sql));
    expect(lookups).toHaveLength(2);
    const plans = lookups.map(planOf);
    expect(plans[0]).toContain('source_url_idx');
    expect(plans[1]).toContain('source_without_url_idx');
  });

  it('finds a claim page’s disputes through the side indexes', async () => {
    const id = conn.sqlite.prepare(`select claim_a_id from dispute where state = 'published' limit 1`).pluck().get() as number;
    await publicClaim(db, id);
    const plans = captured.map(planOf).join('\n');
    expect(plans).not.toMatch(/SCAN (dispute|claim|draft_side)\b/);
  });
});

// PostgreSQL plans by statistics, so on the small seed it rightly reads whole tables; with sequential
// scans and sorts priced out, the plans show that the indexes the migrations made serve these queries.
describePostgresOnly('query plans on PostgreSQL', () => {
  async function planOf(conn: Connection, query: CompiledQuery): Promise<string> {
    return conn.db.connection().execute(async (c) => {
      await sql`set enable_seqscan = off`.execute(c);
      await sql`set enable_sort = off`.execute(c);
      try {
        const { rows } = await c.executeQuery<{ 'QUERY PLAN': string }>({ ...query, sql: `explain ${query.sql}` });
        return rows.map((r) => r['QUERY PLAN']).join(' | ');
      } finally {
        await sql`reset enable_seqscan`.execute(c);
        await sql`reset enable_sort`.execute(c);
      }
    });
  }

  it('searches through the GIN index of the search documents', async () => {
    const conn = await freshDatabase({ seed: true });
    const parsed = parseSearchQuery('oekraine');
    if (!parsed.ok) throw new Error(parsed.message);
    const query = conn.db
      .selectFrom('claim')
      .select('id')
      .where((eb) => eb('id', 'in', matchingIds(conn.db, 'claim', parsed.query)))
      .compile();
    expect(await planOf(conn, query)).toContain('search_fts_document_idx');
    await conn.db.destroy();
  });

  it('reads the first page of the claim list in date order from an index', async () => {
    const conn = await freshDatabase({ seed: true });
    const query = orderClaims(filteredClaims(conn.db, {}, { publicOnly: true }).select('c.id'), 'said-desc')
      .limit(20)
      .compile();
    expect(await planOf(conn, query)).toMatch(/Index Scan Backward using claim_said_order_idx|Index Scan using claim_said_order_idx/);
    await conn.db.destroy();
  });
});
